/**
 * A list filter kept in the query string (?param=value) so the filtered list is bookmarkable: "All" removes
 * the parameter, and any change goes back to the first page.
 */
import type { ReactNode } from 'react';
import { setQuery } from '../router.tsx';

export function FilterSelect({
  label,
  param,
  value,
  children,
}: {
  label: string;
  param: string;
  value: string | undefined;
  /** The options besides "All". */
  children: ReactNode;
}) {
  return (
    <label>
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => setQuery({ [param]: e.target.value, offset: null })}>
        <option value="">All</option>
        {children}
      </select>
    </label>
  );
}
