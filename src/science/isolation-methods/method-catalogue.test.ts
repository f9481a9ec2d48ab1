import { describe, expect, it } from 'vitest';
import { ISOLATION_METHODS } from '../../domain/isolation-protocol.ts';
import {
  BUSATTO_2018,
  HEATH_2018,
  KIM_2016,
  LOZANO_RAMOS_2015,
  RIDER_2016,
  WATSON_2018,
  WEBBER_CLAYTON_2013,
} from './isolation-literature.ts';
import { ISOLATION_METHOD_CATALOGUE, methodEntry, rawCatalogue } from './method-catalogue.ts';
import { type Metric, methodCatalogueSchema } from './method-catalogue-schema.ts';

const METRICS = [
  'recoveryPercent',
  'purityParticlesPerUgProtein',
  'processingTimeH',
  'sampleVolumeMl',
  'outputVolumeMl',
] as const;

describe('isolation method catalogue', () => {
  it('validates against its zod schema and carries a semantic version', () => {
    const parsed = methodCatalogueSchema.safeParse(rawCatalogue());
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(ISOLATION_METHOD_CATALOGUE.catalogueVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('covers every isolation-method slug of the shared vocabulary exactly once', () => {
    const slugs = ISOLATION_METHOD_CATALOGUE.methods.map((m) => m.slug);
    expect([...slugs].sort()).toEqual([...ISOLATION_METHODS].sort());
  });

  it('gives every numeric range at least one citation with authors, year and a DOI', () => {
    let ranges = 0;
    for (const method of ISOLATION_METHOD_CATALOGUE.methods) {
      for (const key of METRICS) {
        const metric: Metric = method[key];
        if (metric.values.length === 0) expect(metric.notReported, `${method.slug}.${key}`).toBeTruthy();
        for (const range of metric.values) {
          ranges++;
          expect(range.max, `${method.slug}.${key}`).toBeGreaterThanOrEqual(range.min);
          expect(range.citations.length, `${method.slug}.${key}`).toBeGreaterThan(0);
          for (const c of range.citations) {
            expect(c.authors.length, `${method.slug}.${key}`).toBeGreaterThan(0);
            expect(c.year).toBeGreaterThanOrEqual(1990);
            expect(c.doi, `${method.slug}.${key} ${c.authors}`).toMatch(/^10\.\d{4,9}\/\S+$/);
          }
          if (range.confidence === 'approximate') expect(range.note.length).toBeGreaterThan(0);
        }
      }
    }
    expect(ranges).toBeGreaterThan(40);
  });

  it('uses the purity thresholds Webber & Clayton 2013 (J Extracell Vesicles 2:19861) published', () => {
    const t = ISOLATION_METHOD_CATALOGUE.purityThresholds;
    expect(t.highPurityMinParticlesPerUg).toBe(3e10);
    expect(t.lowPurityMinParticlesPerUg).toBe(2e9);
    expect(t.lowPurityMaxParticlesPerUg).toBe(2e10);
    expect(t.impureMaxParticlesPerUg).toBe(1.5e9);
    expect(t.citations[0]?.doi).toBe('10.3402/jev.v2i0.19861');
  });

  it('derives the dUC time from the spins of Théry et al. 2006 (10 + 10 + 30 + 2×70 min)', () => {
    const spinsH = (10 + 10 + 30 + 70 + 70) / 60;
    const standard = methodEntry('differential-ultracentrifugation').processingTimeH.values[0];
    expect(standard?.confidence).toBe('derived');
    expect(standard?.min).toBeGreaterThanOrEqual(spinsH);
    expect(standard?.citations[0]?.doi).toBe('10.1002/0471143030.cb0322s30');
  });

  it('keeps values stated in the review where it gives them (Li et al. 2025 sections 2.4 and 2.8)', () => {
    const secVolume = methodEntry('size-exclusion-chromatography').sampleVolumeMl.values[0];
    expect([secVolume?.min, secVolume?.max]).toEqual([0.15, 10]);
    const exodus = methodEntry('acoustic-oscillation');
    expect(exodus.recoveryPercent.values[0]?.min).toBe(90);
    expect([exodus.sampleVolumeMl.values[0]?.min, exodus.sampleVolumeMl.values[0]?.max]).toEqual([
      0.01, 10000,
    ]);
  });

  it('keeps disagreeing values side by side, each with its own sources and matrix', () => {
    const sec = methodEntry('size-exclusion-chromatography').purityParticlesPerUgProtein.values;
    expect(sec).toHaveLength(2);
    expect(sec.map((r) => r.matrices[0])).toEqual(['conditioned-medium', 'plasma']);
    expect(sec[0]?.citations).not.toEqual(sec[1]?.citations);
  });

  it('lists the co-isolates the issue names where the literature reports them', () => {
    const kinds = (slug: Parameters<typeof methodEntry>[0]) =>
      methodEntry(slug).coIsolates.map((c) => c.kind);
    expect(kinds('polymer-precipitation')).toEqual(
      expect.arrayContaining(['polymer', 'antibodies', 'viruses']),
    );
    expect(kinds('immunomagnetic-beads')).toContain('antibodies');
    expect(kinds('density-gradient-ultracentrifugation')).toContain('lipoproteins');
    expect(kinds('differential-ultracentrifugation')).toContain('protein-aggregates');
  });

  it('flags PEG precipitation and immunomagnetic beads as not GMP-recommended, TFF as established', () => {
    expect(methodEntry('polymer-precipitation').scalability.gmp).toBe('not-recommended');
    expect(methodEntry('immunomagnetic-beads').scalability.gmp).toBe('not-recommended');
    expect(methodEntry('tangential-flow-filtration').scalability.gmp).toBe('established');
  });
  it('gives every reported value a located citation (table, section or abstract)', () => {
    for (const m of ISOLATION_METHOD_CATALOGUE.methods) {
      const metrics = [
        m.recoveryPercent,
        m.purityParticlesPerUgProtein,
        m.processingTimeH,
        m.sampleVolumeMl,
        m.outputVolumeMl,
      ];
      for (const metric of metrics)
        for (const r of metric.values.filter((v) => v.confidence === 'reported'))
          expect(
            r.citations.some((c) => (c.location ?? '') !== ''),
            `${m.slug} ${r.context}`,
          ).toBe(true);
    }
  });

  it('keeps the values checked against the sources (Busatto 2018 abstract; Li et al. 2025 sections 2.4, 2.7)', () => {
    // Busatto et al. 2018, Cells 7:273, abstract: TFF took about 1 h, half the time of ultracentrifugation.
    const tffTime = methodEntry('tangential-flow-filtration').processingTimeH.values.find(
      (r) => r.confidence === 'reported',
    );
    expect([tffTime?.min, tffTime?.max]).toEqual([1, 1]);
    expect(tffTime?.citations[0]?.doi).toBe('10.3390/cells7120273');
    // Li et al. 2025 section 2.4: qEV columns, 150 µL–10 mL, within 15 min.
    const secTime = methodEntry('size-exclusion-chromatography').processingTimeH.values[0];
    expect(secTime?.max).toBeLessThanOrEqual(0.25);
    // Li et al. 2025 section 2.7: microfluidic volumes from a few µL to several hundred µL.
    const chipVolume = methodEntry('microfluidics').sampleVolumeMl.values.find(
      (r) => r.confidence === 'reported',
    );
    expect(chipVolume?.max).toBeLessThan(1);
  });

  it('cites the DOIs checked against PubMed/PMC/publisher pages', () => {
    expect(WATSON_2018.doi).toBe('10.1080/20013078.2018.1442088');
    expect(BUSATTO_2018.doi).toBe('10.3390/cells7120273');
    expect(HEATH_2018.doi).toBe('10.1038/s41598-018-24163-y');
    expect(HEATH_2018.journal).toMatch(/^Sci\. Rep\./);
    expect(KIM_2016.doi).toBe('10.1073/pnas.1522297113');
    expect(LOZANO_RAMOS_2015.doi).toBe('10.3402/jev.v4.27369');
    expect(WEBBER_CLAYTON_2013.doi).toBe('10.3402/jev.v2i0.19861');
    expect(RIDER_2016.doi).toBe('10.1038/srep23978');
  });
});
