/**
 * The shared table-input pieces of the PK page, rendered to markup: the accessible names and visible labels
 * the e2e tests locate controls by must stay as they were before the pieces were shared, and the study data
 * editor must still preview what each table will store.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PkObservations } from '../../../../src/domain/pk-study.ts';
import { BiodistUnitField } from './biodist-unit-field.tsx';
import { DecimalInput } from './decimal-input.tsx';
import { PkStudyDataEditor, useObservationDrafts } from './pk-study-data-editor.tsx';
import { ORGAN_TABLE_HINT, TableInput } from './table-input.tsx';

const noop = () => {};

/** aria-label values in document order. */
function names(html: string): string[] {
  return [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1] as string);
}

describe('TableInput', () => {
  it('names the textarea and the upload separately and puts the options beside the upload', () => {
    const html = renderToStaticMarkup(
      createElement(
        TableInput,
        {
          label: 'Organ data (CSV/TSV)',
          hint: ORGAN_TABLE_HINT,
          name: 'Organ data',
          uploadName: 'Upload organ table',
          value: 'organ\tvalue',
          placeholder: 'example',
          onText: noop,
          onUpload: noop,
        },
        createElement('button', { type: 'button' }, 'Analyse'),
      ),
    );
    expect(names(html)).toEqual(['Organ data', 'Upload organ table']);
    expect(html).toContain('<span class="field-label">Organ data (CSV/TSV)</span>');
    expect(html).toContain('<span class="field-label">Upload table</span>');
    expect(html).toContain('accept=".csv,.tsv,.txt,text/csv,text/plain"');
    expect(html).toContain('spellCheck="false"');
    // The options sit in the same row as the upload.
    expect(html).toMatch(
      /<div class="pk-options">.*Upload organ table.*<button[^>]*>Analyse<\/button><\/div>$/,
    );
  });
});

describe('BiodistUnitField', () => {
  it('offers "from table" and every biodistribution unit', () => {
    const html = renderToStaticMarkup(
      createElement(BiodistUnitField, { name: 'Biodistribution default unit', value: '%ID', onChange: noop }),
    );
    expect(names(html)).toEqual(['Biodistribution default unit']);
    expect(html).toContain('Unit if not in table');
    const options = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options[0]).toBe('');
    expect(options).toContain('%ID/g');
    expect(options).toContain('%ID');
    expect(html).toMatch(/<option value="%ID" selected="">/);
  });
});

describe('DecimalInput', () => {
  it('is a text input with the decimal keypad, or the numeric one for whole numbers', () => {
    const html = renderToStaticMarkup(
      createElement(DecimalInput, {
        name: 'Dose',
        value: '1e10',
        onChange: noop,
        placeholder: '1e10',
        required: true,
      }),
    );
    expect(html).toBe(
      '<input aria-label="Dose" inputMode="decimal" placeholder="1e10" required="" value="1e10"/>',
    );
    const whole = renderToStaticMarkup(
      createElement(DecimalInput, { name: 'Preparation animals', value: '1', onChange: noop, integer: true }),
    );
    expect(whole).toBe('<input aria-label="Preparation animals" inputMode="numeric" value="1"/>');
  });
});

/** A study being edited whose tables the user emptied: 1 concentration–time and 3 organ rows stored. */
function Emptied() {
  return createElement(PkStudyDataEditor, {
    drafts: useObservationDrafts(),
    stored: { concentrationTime: 1, biodistribution: 3 },
  });
}

function Editor({ initial, stored }: { initial?: PkObservations; stored?: boolean }) {
  const drafts = useObservationDrafts(initial);
  return createElement(PkStudyDataEditor, {
    drafts,
    ...(stored && initial
      ? {
          stored: {
            concentrationTime: initial.concentrationTime.length,
            biodistribution: initial.biodistribution.length,
          },
        }
      : {}),
  });
}

describe('PkStudyDataEditor', () => {
  it('keeps the accessible names of both tables and their options distinct', () => {
    const html = renderToStaticMarkup(createElement(Editor, {}));
    expect(names(html)).toEqual([
      'Concentration–time data',
      'Upload concentration–time table',
      'Concentration unit if not in table',
      'Matrix if not in table',
      'Biodistribution data',
      'Upload biodistribution table',
      'Biodistribution unit if not in table',
    ]);
    expect(html).toContain('<legend>Concentration–time data</legend>');
    expect(html).toContain('<legend>Biodistribution data</legend>');
    expect(html).toContain('No concentration–time data.');
    expect(html).toContain('No biodistribution data.');
  });

  it('previews the stored rows of a study being edited', () => {
    const initial: PkObservations = {
      concentrationTime: [
        { timeH: 0.5, value: 120, unit: 'ng/mL', matrix: 'plasma', subject: 'M1' },
        { timeH: 2, value: 60, unit: 'ng/mL', matrix: 'plasma', subject: 'M1' },
        { timeH: 0.5, value: 100, unit: 'ng/mL', matrix: 'plasma', subject: 'M2' },
      ],
      biodistribution: [
        {
          organ: 'liver',
          timeH: 1,
          value: 18,
          unit: '%ID/g',
          subject: null,
          countTimeH: null,
          organMassG: null,
        },
        {
          organ: 'spleen',
          timeH: 1,
          value: 22,
          unit: '%ID/g',
          subject: null,
          countTimeH: null,
          organMassG: null,
        },
        {
          organ: 'liver',
          timeH: 24,
          value: 16,
          unit: '%ID/g',
          subject: null,
          countTimeH: null,
          organMassG: null,
        },
      ],
    };
    const html = renderToStaticMarkup(createElement(Editor, { initial, stored: true })).replace(
      /<!-- -->/g,
      '',
    );
    expect(html).toContain('3 samples · 2 subjects · plasma · ng/mL');
    expect(html).toMatch(/3 values · 2 organs · times 1, 24 h · %ID\/g \((long|wide) layout\)/);
    // Unchanged stored tables are not sent again as sources.
    expect(html).not.toContain('Saved with the study exactly as given');
  });

  it('says that saving an emptied table removes the stored rows', () => {
    const html = renderToStaticMarkup(createElement(Emptied, {})).replace(/<!-- -->/g, '');
    expect(html).toContain('No concentration–time data — saving removes the 1 stored row.');
    expect(html).toContain('No biodistribution data — saving removes the 3 stored rows.');
  });
});
