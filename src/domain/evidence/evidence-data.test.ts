import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../administration-route.ts';
import { LI_2025_REVIEW } from '../citation.ts';
import { LABEL_MODALITIES } from '../ev-label.ts';
import { ISOLATION_METHODS } from '../isolation-protocol.ts';
import { NEUROLOGICAL_DISORDERS } from '../neurological-disorder.ts';
import {
  ADMINISTRATION_ROUTE_PROFILES,
  administrationRouteProfileSchema,
  CHARACTERIZATION_TECHNIQUES,
  CLEARANCE_MECHANISMS,
  characterizationTechniqueSchema,
  clearanceMechanismSchema,
  curatedTrial,
  curatedTrialSchema,
  EV_PROPERTIES,
  EV_PROTEIN_MARKERS,
  EVIDENCE_DATA_VERSION,
  evidenceSourcesForTissue,
  evPropertySchema,
  evProteinMarkersSchema,
  findingsFor,
  ISOLATION_TECHNIQUE_SUMMARIES,
  isolationTechniqueSummarySchema,
  LABEL_MODALITY_PROFILES,
  labelModalityProfileSchema,
  MSC_SOURCE_PROFILES,
  markerConflict,
  markersListedBothWays,
  mscSourceProfileSchema,
  NEURO_FINDINGS,
  neuroFindingSchema,
  REGISTERED_TRIALS,
  SAFETY_NOTES,
  safetyNoteSchema,
  sourceProfileFor,
  sourceProfileForTissue,
} from './index.ts';

const datasets: [string, z.ZodType, unknown[]][] = [
  ['MSC_SOURCE_PROFILES', mscSourceProfileSchema, MSC_SOURCE_PROFILES],
  ['NEURO_FINDINGS', neuroFindingSchema, NEURO_FINDINGS],
  ['REGISTERED_TRIALS', curatedTrialSchema, REGISTERED_TRIALS],
  ['ADMINISTRATION_ROUTE_PROFILES', administrationRouteProfileSchema, ADMINISTRATION_ROUTE_PROFILES],
  ['LABEL_MODALITY_PROFILES', labelModalityProfileSchema, LABEL_MODALITY_PROFILES],
  ['CLEARANCE_MECHANISMS', clearanceMechanismSchema, CLEARANCE_MECHANISMS],
  ['SAFETY_NOTES', safetyNoteSchema, SAFETY_NOTES],
  ['EV_PROPERTIES', evPropertySchema, EV_PROPERTIES],
  ['ISOLATION_TECHNIQUE_SUMMARIES', isolationTechniqueSummarySchema, ISOLATION_TECHNIQUE_SUMMARIES],
  ['CHARACTERIZATION_TECHNIQUES', characterizationTechniqueSchema, CHARACTERIZATION_TECHNIQUES],
];

describe('curated evidence data', () => {
  it.each(datasets)('%s validates against its schema and is not empty', (_name, schema, rows) => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const parsed = schema.safeParse(row);
      expect(parsed.error?.issues ?? [], JSON.stringify(row).slice(0, 120)).toEqual([]);
    }
    expect(evProteinMarkersSchema.safeParse(EV_PROTEIN_MARKERS).success).toBe(true);
  });

  it('has a data version', () => {
    expect(EVIDENCE_DATA_VERSION).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it('every record carries the review as provenance (a table or section)', () => {
    const reviewCited = (cs: { authors: string; year: number; doi?: string }[]) =>
      cs.some((c) => c.doi === LI_2025_REVIEW.doi);
    for (const p of MSC_SOURCE_PROFILES) expect(reviewCited(p.citations), p.slug).toBe(true);
    for (const r of ADMINISTRATION_ROUTE_PROFILES) expect(reviewCited(r.citations), r.slug).toBe(true);
    for (const l of LABEL_MODALITY_PROFILES) expect(reviewCited(l.citations), l.slug).toBe(true);
    for (const c of CLEARANCE_MECHANISMS) expect(reviewCited(c.citations), c.id).toBe(true);
    for (const t of CHARACTERIZATION_TECHNIQUES) expect(reviewCited(t.citations), t.id).toBe(true);
    for (const s of ISOLATION_TECHNIQUE_SUMMARIES) expect(s.citation.doi).toBe(LI_2025_REVIEW.doi);
  });
});

describe('Table 5 trials', () => {
  it('holds all 28 rows in order with unique NCT ids', () => {
    expect(REGISTERED_TRIALS).toHaveLength(28);
    expect(REGISTERED_TRIALS.map((t) => t.order)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    const ids = REGISTERED_TRIALS.map((t) => t.nctId);
    expect(new Set(ids).size).toBe(28);
    for (const id of ids) expect(id).toMatch(/^NCT\d{8}$/);
  });

  it('marks exactly the AD, ALS and cerebrovascular trials as neurological (section 5)', () => {
    const neuro = REGISTERED_TRIALS.filter((t) => t.neurological);
    expect(neuro.map((t) => [t.nctId, t.disorder]).sort()).toEqual([
      ['NCT03384433', 'ischemic-stroke'],
      ['NCT04388982', 'alzheimers'],
      ['NCT06598202', 'als'],
    ]);
    for (const t of REGISTERED_TRIALS) expect(t.disorder === null).toBe(!t.neurological);
  });

  it('agrees with the neurological vocabulary: a trial is neurological iff a condition matches a disorder term', () => {
    const terms = NEUROLOGICAL_DISORDERS.flatMap((d) => d.terms);
    for (const t of REGISTERED_TRIALS) {
      const text = t.conditions.join(' ').toLowerCase();
      const matches = terms.some((term) => new RegExp(`\\b${term}\\b`).test(text));
      expect(matches, t.nctId).toBe(t.neurological);
    }
  });

  it('maps the Source column onto evidence sources', () => {
    const bySource = (s: string) => REGISTERED_TRIALS.filter((t) => t.mscSource === s).length;
    // Table 5 Source column: 8 umbilical cord + 1 cord blood, 13 "Not mentioned", 2 placenta, 1 each of
    // pluripotent stem cells, fat, Warton jelly and autologous synovial fluid.
    expect(bySource('umbilical-cord')).toBe(8);
    expect(bySource('umbilical-cord-blood')).toBe(1);
    expect(bySource('not-stated')).toBe(13);
    expect(bySource('placenta')).toBe(2);
    expect(bySource('ipsc')).toBe(1);
    expect(bySource('adipose')).toBe(1);
    expect(bySource('wharton-jelly')).toBe(1);
    expect(bySource('other')).toBe(1);
    for (const t of REGISTERED_TRIALS)
      expect(t.sourceAsListed === 'Not mentioned').toBe(t.mscSource === 'not-stated');
  });

  it('keeps empty and NA phases apart, and results flags consistent with the column', () => {
    expect(curatedTrial('NCT04850469')?.phases).toEqual([]);
    expect(curatedTrial('nct04356300')?.phases).toEqual(['NA']);
    expect(curatedTrial('NCT05216562')?.phases).toEqual(['PHASE2', 'PHASE3']);
    expect(REGISTERED_TRIALS.filter((t) => t.hasResults).map((t) => t.nctId)).toEqual([
      'NCT05523011',
      'NCT04491240',
      'NCT06812637',
    ]);
    expect(curatedTrial('NCT04798716')?.countries).toEqual(['United States']);
    expect(curatedTrial('NCT05871463')?.countries).toEqual(['Iran']);
  });
});

describe('section 6 findings', () => {
  it('have unique ids, a reference with authors and year, a disorder and a section 6.x location', () => {
    const ids = NEURO_FINDINGS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const disorders = new Set<string>(NEUROLOGICAL_DISORDERS.map((d) => d.slug));
    for (const f of NEURO_FINDINGS) {
      expect(f.reference.authors.length, f.id).toBeGreaterThan(2);
      expect(f.reference.year, f.id).toBeGreaterThanOrEqual(2000);
      expect(disorders.has(f.disorder), f.id).toBe(true);
      expect(f.reviewLocation, f.id).toMatch(/^section 6\.[1-5]$/);
      expect(f.id, 'id ends with the reference year').toMatch(new RegExp(`-${f.reference.year}$`));
    }
  });

  it('covers all five sources of section 6 with the source matching the subsection', () => {
    const sectionOf: Record<string, string> = {
      'umbilical-cord': 'section 6.1',
      'wharton-jelly': 'section 6.1',
      'bone-marrow': 'section 6.2',
      adipose: 'section 6.3',
      placenta: 'section 6.4',
      'dental-pulp': 'section 6.5',
    };
    for (const f of NEURO_FINDINGS) expect(f.reviewLocation, f.id).toBe(sectionOf[f.mscSource]);
    for (const s of ['6.1', '6.2', '6.3', '6.4', '6.5'])
      expect(NEURO_FINDINGS.some((f) => f.reviewLocation === `section ${s}`)).toBe(true);
  });

  it('records the routes the review states (intrathecal SCI trial, intranasal stroke/ALS, intratympanic)', () => {
    expect(NEURO_FINDINGS.find((f) => f.id === 'uc-sci-akhlaghpasand-2024')?.route).toBe('intrathecal');
    expect(NEURO_FINDINGS.find((f) => f.id === 'bm-ischemic-stroke-gomez-galvez-2024')?.route).toBe(
      'intranasal',
    );
    expect(NEURO_FINDINGS.find((f) => f.id === 'bm-hearing-loss-chen-2024')?.route).toBe('intratympanic');
    expect(NEURO_FINDINGS.find((f) => f.id === 'ad-als-turano-2024')?.route).toBe('intranasal');
    expect(findingsFor({ route: 'intravenous' }).map((f) => f.id)).toEqual(['pl-sci-zhou-2021']);
  });
});

describe('Table 6 source profiles', () => {
  it('profiles the five Table 6 sources plus iPSC-derived MSCs (trials only, empty)', () => {
    expect(MSC_SOURCE_PROFILES.map((p) => p.slug)).toEqual([
      'umbilical-cord',
      'bone-marrow',
      'adipose',
      'placenta',
      'dental-pulp',
      'ipsc',
    ]);
    const ipsc = sourceProfileFor('ipsc');
    expect(ipsc?.coverage).toBe('trials-only');
    expect(ipsc?.positiveMarkers).toEqual([]);
    expect(ipsc?.advantages).toEqual([]);
  });

  it('flags every marker listed both positive and negative (HLA-DR in dental pulp)', () => {
    const both = MSC_SOURCE_PROFILES.flatMap((p) => markersListedBothWays(p).map((m) => `${p.slug}:${m}`));
    expect(both).toEqual(['dental-pulp:HLA-DR']);
    for (const p of MSC_SOURCE_PROFILES) {
      for (const m of markersListedBothWays(p)) {
        expect(markerConflict(p, m)?.kind, `${p.slug} ${m}`).toBe('same-marker');
        // Both listings are kept, not resolved.
        expect(p.positiveMarkers).toContain(m);
        expect(p.negativeMarkers).toContain(m);
      }
      for (const c of p.conflictingMarkers.filter((c) => c.kind === 'same-marker'))
        expect(markersListedBothWays(p)).toContain(c.marker);
    }
    // Umbilical cord: HLA class II positive while HLA-DR (class II) negative.
    const uc = sourceProfileForTissue('umbilical-cord');
    expect(uc?.conflictingMarkers.map((c) => [c.marker, c.kind])).toEqual([['HLA-II', 'class-overlap']]);
  });

  it('maps tissues to profiles: Wharton jelly shares the umbilical-cord row', () => {
    expect(sourceProfileForTissue('wharton-jelly')?.slug).toBe('umbilical-cord');
    expect(sourceProfileFor('wharton-jelly')?.slug).toBe('umbilical-cord');
    expect(sourceProfileForTissue('other')).toBeUndefined();
    expect(evidenceSourcesForTissue('wharton-jelly').sort()).toEqual(['umbilical-cord', 'wharton-jelly']);
    expect(evidenceSourcesForTissue('other')).toEqual(['other']);
    expect(findingsFor({ sources: evidenceSourcesForTissue('wharton-jelly') }).length).toBe(
      NEURO_FINDINGS.filter((f) => f.reviewLocation === 'section 6.1').length,
    );
  });
});

describe('reference tables', () => {
  it('Table 4 rows are IV, IN and SC with all columns; text-only routes have null columns', () => {
    const t4 = ADMINISTRATION_ROUTE_PROFILES.filter((r) => r.inTable4);
    expect(t4.map((r) => r.abbreviation)).toEqual(['IV', 'IN', 'SC']);
    for (const r of t4) {
      expect(r.distribution && r.halfLife && r.bioavailability, r.slug).toBeTruthy();
      expect(r.reviewLocation).toBe('Table 4');
    }
    for (const r of ADMINISTRATION_ROUTE_PROFILES.filter((r) => !r.inTable4))
      expect([r.distribution, r.halfLife, r.bioavailability]).toEqual([null, null, null]);
    const slugs = ADMINISTRATION_ROUTE_PROFILES.map((r) => r.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(ADMINISTRATION_ROUTES).toContain(s);
  });

  it('label modalities are the five of section 4.2 with unique caveat ids', () => {
    expect(LABEL_MODALITY_PROFILES.map((l) => l.slug)).toEqual([
      'lipophilic-dye',
      'radioisotope',
      'bioluminescence',
      'mri',
      'ct',
    ]);
    for (const l of LABEL_MODALITY_PROFILES) expect(LABEL_MODALITIES).toContain(l.slug);
    const ids = LABEL_MODALITY_PROFILES.flatMap((l) => l.caveats.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Table 2 has the nine methods, EXODUS as acoustic oscillation', () => {
    const methods = ISOLATION_TECHNIQUE_SUMMARIES.map((s) => s.method);
    expect(methods).toHaveLength(9);
    expect(new Set(methods).size).toBe(9);
    for (const m of methods) expect(ISOLATION_METHODS).toContain(m);
    expect(ISOLATION_TECHNIQUE_SUMMARIES.find((s) => s.name.startsWith('EXODUS'))?.method).toBe(
      'acoustic-oscillation',
    );
  });

  it('Table 1 has seven properties and Table 3 seven techniques', () => {
    expect(EV_PROPERTIES).toHaveLength(7);
    expect(CHARACTERIZATION_TECHNIQUES.map((t) => t.abbreviation)).toEqual([
      'TEM/SEM',
      'NTA',
      'WB',
      'ELISA',
      'FCM',
      'MS',
      'LC-MS',
    ]);
    expect(EV_PROTEIN_MARKERS.positive).toEqual(expect.arrayContaining(['CD9', 'CD63', 'CD81', 'TSG101']));
    expect(EV_PROTEIN_MARKERS.negative).toContain('calnexin');
  });
});
