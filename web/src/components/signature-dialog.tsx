/**
 * The signing dialog (21 CFR Part 11 §11.50/§11.200): the signer picks the meaning, re-enters their password
 * and may give a reason (required to reject). A native <dialog> opened with showModal(): focus moves into
 * it and is trapped, Escape cancels, the page behind is inert, and the title/description are announced
 * (aria-labelledby / aria-describedby). On success `onSigned` receives the signature (printed name, UTC
 * time, content hash); the password field is cleared whatever happens.
 *
 * Usage (QC release):
 *   <SignatureDialog open={open} recordType="batch" recordId={batch.id} recordLabel={`batch ${batch.code}`}
 *     meanings={['approved', 'rejected']} onSigned={refresh} onClose={() => setOpen(false)} />
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  REQUESTABLE_SIGNATURE_MEANINGS,
  type SignatureMeaning,
  type SignatureWithStatus,
} from '../../../src/domain/signature.ts';
import { type ApiError, toApiError } from '../api/client.ts';
import { signRecord } from '../api/signatures.ts';

export const MEANING_LABELS: Record<SignatureMeaning, string> = {
  authored: 'Authored — I wrote this record',
  reviewed: 'Reviewed — I checked this record',
  approved: 'Approved — I approve this record',
  released: 'Released — I release this batch for use',
  rejected: 'Rejected — I reject this record',
  amended: 'Amended — I reopen this record for a documented change',
};

export const STATUS_LABELS: Record<SignatureWithStatus['status'], string> = {
  valid: 'valid',
  broken: 'broken — the record changed after signing',
  superseded: 'superseded by a later signature',
};

/** "Approved by Dr A. Signer (asigner) on 2026-12-04 16:20:03 UTC — reason" */
export function describeSignature(s: SignatureWithStatus): string {
  const when = `${s.signedAt.slice(0, 10)} ${s.signedAt.slice(11, 19)} UTC`;
  const who = s.printedName === s.signer ? s.printedName : `${s.printedName} (${s.signer})`;
  const meaning = s.meaning.charAt(0).toUpperCase() + s.meaning.slice(1);
  return `${meaning} by ${who} on ${when}${s.reason ? ` — ${s.reason}` : ''}`;
}

/** The message to show for a failed signing request. */
export function signingErrorMessage(error: ApiError): string {
  const code = error.problem?.code;
  if (code === 'authentication-failed') return 'The password is not correct. The record was not signed.';
  if (code === 'signing-unavailable')
    return 'Signing needs user accounts; ask an administrator to set them up.';
  return error.detail ?? error.title;
}

export function SignatureDialog({
  open,
  recordType,
  recordId,
  recordLabel,
  meanings = REQUESTABLE_SIGNATURE_MEANINGS,
  defaultMeaning,
  reasonRequiredFor = ['rejected'],
  minReasonLength = 0,
  submit: submitOverride,
  onSigned,
  onClose,
}: {
  open: boolean;
  recordType: string;
  recordId: string;
  /** What is signed, in words ("batch UC-EV-001"). */
  recordLabel: string;
  meanings?: readonly SignatureMeaning[];
  defaultMeaning?: SignatureMeaning;
  /** Meanings that need a reason (default: rejected). */
  reasonRequiredFor?: readonly SignatureMeaning[];
  /** Shortest accepted reason when one is required (an amendment asks for 10 characters). */
  minReasonLength?: number;
  /**
   * A workflow that signs through its own endpoint (QC release/rejection/amendment) sends the request
   * here instead of POST /api/signatures; the dialog, re-authentication and error texts stay the same.
   */
  submit?: (input: {
    meaning: SignatureMeaning;
    password: string;
    reason?: string;
  }) => Promise<SignatureWithStatus>;
  onSigned: (signature: SignatureWithStatus) => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [meaning, setMeaning] = useState<SignatureMeaning>(defaultMeaning ?? meanings[0] ?? 'reviewed');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError(null);
      setPassword('');
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const reasonRequired = reasonRequiredFor.includes(meaning);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reasonRequired && reason.trim().length < Math.max(1, minReasonLength)) {
      setError(
        minReasonLength > 1
          ? `Give the reason (at least ${minReasonLength} characters).`
          : `A signature meaning "${meaning}" needs a reason.`,
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = { meaning, password, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      const signature = submitOverride
        ? await submitOverride(input)
        : await signRecord({ recordType, recordId, ...input });
      setReason('');
      onSigned(signature);
      onClose();
    } catch (caught) {
      setError(signingErrorMessage(toApiError(caught)));
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="signature-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      onCancel={onClose}
    >
      <form onSubmit={submit} method="dialog">
        <h2 id={titleId}>Sign {recordLabel}</h2>
        <p id={descriptionId}>
          Your electronic signature is the legally binding equivalent of your handwritten signature. It
          records your name, the time (UTC) and the meaning, and is bound to the record as it is now: any
          later change shows the signature as broken.
        </p>
        <fieldset>
          <legend>Meaning of this signature</legend>
          {meanings.map((m) => (
            <label key={m} className="signature-meaning">
              <input
                type="radio"
                name="meaning"
                value={m}
                checked={meaning === m}
                onChange={() => setMeaning(m)}
              />{' '}
              {MEANING_LABELS[m]}
            </label>
          ))}
        </fieldset>
        <label className="field wide">
          <span className="field-label">Password (re-enter to sign)</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="field wide">
          <span className="field-label">Reason{reasonRequired ? ' (required)' : ' (optional)'}</span>
          <textarea
            value={reason}
            required={reasonRequired}
            maxLength={2000}
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || password === ''}>
            {busy ? 'Signing…' : 'Sign'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The signatures of a record as shown with it: meaning, printed name, UTC time, reason and status. */
export function SignatureList({ signatures }: { signatures: readonly SignatureWithStatus[] }) {
  if (signatures.length === 0) return <p className="muted">Not signed yet.</p>;
  return (
    <ul className="signature-list" aria-label="Electronic signatures">
      {signatures.map((s) => (
        <li key={s.id} className={`signature signature-${s.status}`}>
          {describeSignature(s)} <span className="signature-status">({STATUS_LABELS[s.status]})</span>
        </li>
      ))}
    </ul>
  );
}
