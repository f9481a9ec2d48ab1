/** The three states every data view shows besides its data: loading, empty and error. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import type { ApiState } from '../api/use-api.ts';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <div className="state-title">{title}</div>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

/** Shows a problem+json answer: title, detail, status and the failing field paths. */
export function ErrorPanel({
  error,
  onRetry,
  compact,
}: {
  error: ApiError;
  onRetry?: () => void;
  compact?: boolean;
}) {
  return (
    <div className={compact ? 'state state-error compact' : 'state state-error'} role="alert">
      <div className="state-title">
        {error.title}
        {error.status > 0 ? <span className="muted"> · HTTP {error.status}</span> : null}
      </div>
      {error.detail ? <div className="state-body">{error.detail}</div> : null}
      {error.errors.length > 0 ? (
        <ul className="problem-errors">
          {error.errors.map((e) => (
            <li key={`${e.path.join('.')}:${e.message}`}>
              {e.path.length > 0 ? <code>{e.path.join('.')}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry && (error.status === 0 || error.status >= 500 || error.status === 429) ? (
        <button type="button" className="button small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/**
 * Renders a loaded view: loading until the first answer, the error panel if it failed, the empty state if
 * `isEmpty` says so, the children otherwise. A failed reload keeps the old data and shows the error above it.
 */
export function ApiView<T>({
  state,
  what,
  isEmpty,
  empty,
  children,
}: {
  state: ApiState<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.data === undefined) {
    if (state.error) return <ErrorPanel error={state.error} onRetry={state.reload} />;
    return <Loading what={what} />;
  }
  const data = state.data;
  return (
    <>
      {state.error ? <ErrorPanel error={state.error} onRetry={state.reload} compact /> : null}
      {isEmpty?.(data) ? (empty ?? <Empty title={`No ${what}`} />) : children(data)}
    </>
  );
}
