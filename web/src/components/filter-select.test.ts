/**
 * FilterSelect keeps a list filter in the query string: its markup (visible label, "All" first, the current
 * value selected) and which query parameters a change clears — `offset` by default, or the given `reset`.
 */
import { type ChangeEvent, createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilterSelect } from './filter-select.tsx';

type SelectProps = { onChange: (e: ChangeEvent<HTMLSelectElement>) => void };

/** The <select> element FilterSelect renders (it uses no hooks, so it can be called directly). */
function findSelect(node: ReactNode): ReactElement<SelectProps> | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findSelect(child);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement<{ children?: ReactNode }>(node)) return null;
  if (node.type === 'select') return node as unknown as ReactElement<SelectProps>;
  return findSelect(node.props.children);
}

/** Chooses `value` in a FilterSelect on a page at `url`; returns the URL it navigates to. */
function choose(props: FilterSelectProps, url: string, value: string): string | null {
  const here = new URL(url, 'http://localhost');
  let replaced: string | null = null;
  vi.stubGlobal('window', {
    location: { pathname: here.pathname, search: here.search },
    history: {
      replaceState: (_s: unknown, _t: string, to: string) => {
        replaced = to;
      },
      pushState: () => {
        throw new Error('a filter change must replace the history entry, not push one');
      },
    },
    dispatchEvent: () => true,
  });
  const select = findSelect(FilterSelect(props));
  if (!select) throw new Error('no <select> rendered');
  select.props.onChange({ target: { value } } as ChangeEvent<HTMLSelectElement>);
  return replaced;
}

type FilterSelectProps = Parameters<typeof FilterSelect>[0];

/** A FilterSelect element with its options as children. */
function filterSelect(props: Omit<FilterSelectProps, 'children'>, ...options: ReactNode[]) {
  return createElement(FilterSelect, props as FilterSelectProps, ...options);
}

const option = (value: string, label: string) => createElement('option', { key: value, value }, label);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('FilterSelect', () => {
  it('renders the visible label, "All" first and the current value selected', () => {
    const html = renderToStaticMarkup(
      filterSelect(
        { label: 'Status', param: 'status', value: 'qc' },
        option('draft', 'Draft'),
        option('qc', 'In QC'),
      ),
    );
    expect(html).toBe(
      '<label><span>Status</span><select><option value="">All</option><option value="draft">Draft</option>' +
        '<option value="qc" selected="">In QC</option></select></label>',
    );
    const none = renderToStaticMarkup(
      filterSelect({ label: 'Status', param: 'status', value: undefined }, option('qc', 'In QC')),
    );
    expect(none).toContain('<option value="" selected="">All</option>');
  });

  it('goes back to the first page by default and keeps other parameters', () => {
    const props = { label: 'Status', param: 'status', value: undefined, children: null };
    expect(choose(props, '/batches?offset=50&projectId=p1&detail=b7', 'qc')).toBe(
      '/batches?projectId=p1&detail=b7&status=qc',
    );
    // "All" removes the parameter.
    expect(choose(props, '/batches?status=qc&offset=50', '')).toBe('/batches');
  });

  it('clears exactly the `reset` parameters when given', () => {
    const props = { label: 'Route', param: 'route', value: undefined, reset: ['detail'], children: null };
    expect(choose(props, '/evidence?detail=trial:NCT1&offset=20&q=stroke', 'intranasal')).toBe(
      '/evidence?offset=20&q=stroke&route=intranasal',
    );
    expect(
      choose({ ...props, reset: ['detail', 'offset'] }, '/evidence?detail=x&offset=20&route=iv', ''),
    ).toBe('/evidence');
    expect(choose({ ...props, reset: [] }, '/evidence?detail=x&offset=20', 'iv')).toBe(
      '/evidence?detail=x&offset=20&route=iv',
    );
  });
});
