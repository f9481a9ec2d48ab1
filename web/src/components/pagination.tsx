import { formatInteger } from '../lib/format.ts';
/** "1–50 of 312" with previous/next, for Page<T> answers. */
export function Pagination({
  total,
  limit,
  offset,
  onOffset,
}: {
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted">
        {formatInteger(first)}–{formatInteger(last)} of {formatInteger(total)}
      </span>
      <button type="button" className="button small" disabled={offset === 0} onClick={() => onOffset(0)}>
        « First
      </button>
      <button
        type="button"
        className="button small"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        ‹ Previous
      </button>
      <span className="muted">
        page {page} / {pages}
      </span>
      <button
        type="button"
        className="button small"
        disabled={last >= total}
        onClick={() => onOffset(offset + limit)}
      >
        Next ›
      </button>
    </nav>
  );
}
