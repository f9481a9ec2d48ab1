/** The offset of a paged list, kept in the query string (?offset=, absent on the first page). */
import { setQuery, useLocation } from '../router.tsx';

function setOffsetQuery(offset: number): void {
  setQuery({ offset: offset || null });
}

export function useOffsetQuery(): [offset: number, setOffset: (offset: number) => void] {
  const { search } = useLocation();
  return [Math.max(0, Number(search.get('offset') ?? 0) || 0), setOffsetQuery];
}
