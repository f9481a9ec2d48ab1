/**
 * Electronic signatures over the API (POST/GET /api/signatures; contract in src/api/CONTEXT.md). The
 * password goes in the request body once and is never kept.
 */
import type { SignatureMeaning, SignatureWithStatus } from '../../../src/domain/signature.ts';
import { request } from './client.ts';

export interface SignRequest {
  recordType: string;
  recordId: string;
  meaning: SignatureMeaning;
  password: string;
  reason?: string;
}

export function signRecord(body: SignRequest): Promise<SignatureWithStatus> {
  return request<SignatureWithStatus>('POST', '/api/signatures', { body });
}

export async function listSignatures(
  recordType: string,
  recordId: string,
  signal?: AbortSignal,
): Promise<SignatureWithStatus[]> {
  const page = await request<{ items: SignatureWithStatus[] }>('GET', '/api/signatures', {
    query: { recordType, recordId },
    signal,
  });
  return page.items;
}
