/** Wording of signatures as shown with a record (printed name, UTC time, meaning, reason). */
import { describe, expect, it } from 'vitest';
import type { SignatureWithStatus } from '../../../src/domain/signature.ts';
import { ApiError } from '../api/client.ts';
import { describeSignature, signingErrorMessage } from './signature-dialog.tsx';

const sig = (over: Partial<SignatureWithStatus> = {}): SignatureWithStatus => ({
  id: 's1',
  recordType: 'batch',
  recordId: 'b1',
  meaning: 'approved',
  signer: 'asigner',
  printedName: 'Dr A. Signer',
  signedAt: '2026-12-04T16:20:03.123Z',
  reason: null,
  contentHash: 'a'.repeat(64),
  status: 'valid',
  ...over,
});

describe('signature wording', () => {
  it('names meaning, printed name, account and UTC time', () => {
    expect(describeSignature(sig())).toBe('Approved by Dr A. Signer (asigner) on 2026-12-04 16:20:03 UTC');
    expect(describeSignature(sig({ printedName: 'asigner', meaning: 'rejected', reason: 'OOS' }))).toBe(
      'Rejected by asigner on 2026-12-04 16:20:03 UTC — OOS',
    );
  });

  it('explains a wrong password and missing accounts in words', () => {
    const wrong = new ApiError({
      status: 403,
      title: 'Forbidden',
      problem: { code: 'authentication-failed' },
    });
    expect(signingErrorMessage(wrong)).toMatch(/password is not correct/);
    const none = new ApiError({ status: 503, title: 'x', problem: { code: 'signing-unavailable' } });
    expect(signingErrorMessage(none)).toMatch(/accounts/);
  });
});
