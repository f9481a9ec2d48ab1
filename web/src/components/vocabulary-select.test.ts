/** VocabularySelect: one option per vocabulary value shown by its label, and an optional accessible name. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VocabularySelect } from './vocabulary-select.tsx';

const UNITS = ['particles', 'ug-protein'] as const;
const LABELS: Record<(typeof UNITS)[number], string> = { particles: 'particles', 'ug-protein': 'µg protein' };
const noop = () => {};

describe('VocabularySelect', () => {
  it('takes its accessible name from `name`', () => {
    const html = renderToStaticMarkup(
      createElement(VocabularySelect<(typeof UNITS)[number]>, {
        name: 'HED unit',
        values: UNITS,
        labels: LABELS,
        value: 'ug-protein',
        onChange: noop,
      }),
    );
    expect(html).toBe(
      '<select aria-label="HED unit"><option value="particles">particles</option>' +
        '<option value="ug-protein" selected="">µg protein</option></select>',
    );
  });

  it('has no aria-label without `name` (a surrounding <label> names it)', () => {
    const html = renderToStaticMarkup(
      createElement(VocabularySelect<(typeof UNITS)[number]>, {
        values: UNITS,
        labels: LABELS,
        value: 'particles',
        onChange: noop,
      }),
    );
    expect(html).not.toContain('aria-label');
    expect(html).toMatch(/^<select><option value="particles" selected="">/);
  });
});
