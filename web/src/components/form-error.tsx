/** A form's failed request when no field shows it: answers with field paths appear next to their fields. */
import type { ApiError } from '../api/client.ts';
import { ErrorPanel } from './states.tsx';

export function FormError({ error }: { error: ApiError | null }) {
  return error && error.errors.length === 0 ? <ErrorPanel error={error} compact /> : null;
}
