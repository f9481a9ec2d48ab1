/**
 * A paged list answer (Page<T>) with the states of every data view: loading, error, the empty state when
 * the page has no items, otherwise the children (the list's table) followed by the pagination.
 */
import type { ReactNode } from 'react';
import type { Page } from '../api/client.ts';
import type { ApiState } from '../api/use-api.ts';
import { Pagination } from './pagination.tsx';
import { ApiView } from './states.tsx';

export function PagedView<T>({
  state,
  what,
  empty,
  pageSize,
  onOffset,
  children,
}: {
  state: ApiState<Page<T>>;
  what: string;
  empty: ReactNode;
  /** The limit asked for, in case the answer does not say. */
  pageSize: number;
  onOffset: (offset: number) => void;
  children: (page: Page<T>) => ReactNode;
}) {
  return (
    <ApiView state={state} what={what} isEmpty={(p) => p.items.length === 0} empty={empty}>
      {(page) => (
        <>
          {children(page)}
          <Pagination
            total={page.total}
            limit={page.limit || pageSize}
            offset={page.offset}
            onOffset={onOffset}
          />
        </>
      )}
    </ApiView>
  );
}
