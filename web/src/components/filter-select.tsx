/**
 * A list filter kept in the query string (?param=value) so the filtered list is bookmarkable: "All" removes
 * the parameter, and any change also clears the `reset` parameters (by default `offset`, i.e. back to the
 * first page; the evidence facets clear `detail` so an open record whose row may vanish closes).
 */
import type { ReactNode } from 'react';
import { setQuery } from '../router.tsx';

const RESET_OFFSET: readonly string[] = ['offset'];

export function FilterSelect({
  label,
  param,
  value,
  reset = RESET_OFFSET,
  children,
}: {
  label: string;
  param: string;
  value: string | undefined;
  /** Query parameters removed whenever the filter changes. */
  reset?: readonly string[];
  /** The options besides "All". */
  children: ReactNode;
}) {
  return (
    <label>
      <span>{label}</span>
      <select
        value={value ?? ''}
        onChange={(e) =>
          setQuery({ ...Object.fromEntries(reset.map((key) => [key, null])), [param]: e.target.value })
        }
      >
        <option value="">All</option>
        {children}
      </select>
    </label>
  );
}
