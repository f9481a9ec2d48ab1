/**
 * The submit cycle the forms share: check the input with a domain zod schema first (its issues show next to
 * their fields), then send it; a failed request becomes `error` (an ApiError from problem+json), whose field
 * paths show next to the fields too. `busy` is true while the request runs.
 */
import { useState } from 'react';
import { type ApiError, toApiError } from '../api/client.ts';
import { issuesByPath } from './form-values.ts';

/** The result of a zod schema's safeParse. */
type Check =
  | { success: true }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

export interface FormSubmit {
  busy: boolean;
  error: ApiError | null;
  /** The schema's or the server's message for a field path, else null. */
  fieldError: (path: string) => string | null;
  /** Sends when `check` (if given) passed; otherwise only shows its issues. */
  submit: (send: () => Promise<void>, check?: Check) => Promise<void>;
  /** Forgets the issues and the error (e.g. on revert). */
  clear: () => void;
}

export function useFormSubmit(): FormSubmit {
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (send: () => Promise<void>, check?: Check) => {
    if (check && !check.success) {
      setIssues(issuesByPath(check.error.issues));
      return;
    }
    setIssues({});
    setError(null);
    setBusy(true);
    try {
      await send();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    error,
    fieldError: (path) => issues[path] ?? error?.fieldError([path]) ?? null,
    submit,
    clear: () => {
      setIssues({});
      setError(null);
    },
  };
}
