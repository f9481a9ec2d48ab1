/**
 * The dose preparation, human-equivalent-dose and biodistribution forms, rendered to markup: their selects
 * are shared VocabularySelects now, and the accessible names the e2e tests locate controls by must stay
 * exactly as they were (and distinct across the PK page).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ADMINISTRATION_ROUTES } from '../../../../src/domain/administration-route.ts';
import { DOSE_UNITS, PK_SPECIES } from '../../../../src/domain/pk-study.ts';
import { HED_METHODS } from '../../../../src/science/pk/dosing/human-equivalent-dose.ts';
import { BiodistributionPanel } from './biodistribution-panel.tsx';
import { DoseHedForm } from './dose-hed-form.tsx';
import { DosePrepareForm } from './dose-prepare-form.tsx';

/** aria-label values in document order. */
function names(html: string): string[] {
  return [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1] as string);
}

/** The option values of the select named `name`. */
function optionValues(html: string, name: string): string[] {
  const select = html.match(new RegExp(`<select aria-label="${name}"[^>]*>(.*?)</select>`));
  if (!select?.[1]) throw new Error(`no select named ${name}`);
  return [...select[1].matchAll(/<option value="([^"]*)"/g)].map((m) => m[1] as string);
}

describe('PK form selects', () => {
  const prepare = renderToStaticMarkup(createElement(DosePrepareForm));
  const hed = renderToStaticMarkup(createElement(DoseHedForm));
  const biodist = renderToStaticMarkup(createElement(BiodistributionPanel));

  it('keep their accessible names', () => {
    expect(names(prepare)).toEqual([
      'Dose preparation',
      'Preparation batch',
      'Batch concentration per mL',
      'Target dose',
      'Preparation dose unit',
      'Preparation dose per kg',
      'Preparation species',
      'Preparation animal weight (g)',
      'Preparation route',
      'Injection volume (µL)',
      'Maximum volume (µL)',
      'Preparation animals',
      'Overage (%)',
    ]);
    expect(names(hed)).toEqual([
      'Human-equivalent dose',
      'HED species',
      'Animal dose per kg',
      'HED unit',
      'HED method',
      'Animal weight (kg)',
      'Human weight (kg)',
      'HED route',
      'HED result',
      'HED notes',
    ]);
    expect(names(biodist)).toEqual([
      'Organ data',
      'Upload organ table',
      'Biodistribution label',
      'Biodistribution species',
      'Biodistribution body weight (g)',
      'Biodistribution default unit',
    ]);
    const all = [...names(prepare), ...names(hed), ...names(biodist)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('offer the whole vocabulary in each shared select, the initial choice selected', () => {
    expect(optionValues(prepare, 'Preparation dose unit')).toEqual([...DOSE_UNITS]);
    expect(optionValues(hed, 'HED unit')).toEqual([...DOSE_UNITS]);
    expect(optionValues(prepare, 'Preparation species')).toEqual([...PK_SPECIES]);
    expect(optionValues(biodist, 'Biodistribution species')).toEqual([...PK_SPECIES]);
    expect(optionValues(prepare, 'Preparation route')).toEqual([...ADMINISTRATION_ROUTES]);
    expect(optionValues(hed, 'HED method')).toEqual([...HED_METHODS]);
    expect(prepare).toMatch(
      /<select aria-label="Preparation dose unit">.*?<option value="[^"]+" selected="">/,
    );
  });
});
