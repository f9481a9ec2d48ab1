import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../domain/measurement.ts';
import type { BatchMetric as CharacterizationMetric } from './batch-metric.ts';
import { qcMarkerName, qcValueOf } from './release-metric-providers.ts';

function row(
  key: string,
  value: CharacterizationMetric['value'],
  unit: string | null,
): CharacterizationMetric {
  return {
    key,
    label: key,
    group: 'test',
    value,
    unit,
    uncertainty: null,
    qc: 'pass',
    note: null,
    provenance: {
      measurementId: 'm1',
      kind: 'western-blot',
      rawFileId: null,
      fileName: null,
      reader: null,
      recordedAt: null,
      derivedFrom: [],
      method: null,
    },
  };
}

describe('characterization metrics under QC names', () => {
  it('maps HGNC gene symbols to the MISEV marker names QC specifications use', () => {
    // Théry et al. 2018 Table 3 names ALIX (gene PDCD6IP), syntenin (SDCBP), calnexin (CANX), GM130 (GOLGA2);
    // ISCT MSC markers CD73/CD90/CD105 are NT5E/THY1/ENG (Dominici et al. 2006).
    expect(['PDCD6IP', 'SDCBP', 'CANX', 'GOLGA2', 'NT5E', 'THY1', 'ENG', 'cd63'].map(qcMarkerName)).toEqual([
      'ALIX',
      'SYNTENIN',
      'CALNEXIN',
      'GM130',
      'CD73',
      'CD90',
      'CD105',
      'CD63',
    ]);
  });

  it('turns a Western blot call into a present/absent marker metric', () => {
    expect(qcValueOf(row('wb.CD63', 'present, enriched vs lysate', null))).toEqual({
      name: 'marker.CD63',
      value: 'present',
      unit: '',
    });
    expect(qcValueOf(row('wb.CANX', 'absent', null))).toEqual({
      name: 'marker.CALNEXIN',
      value: 'absent',
      unit: '',
    });
    // The MISEV protein minimum stays a metric of its own (a specification may require "met"); rows of
    // other samples on the same blot are not this batch's markers.
    expect(qcValueOf(row('wb.misevMinimum', 'met', null))).toEqual({
      name: 'wb.misevMinimum',
      value: 'met',
      unit: '',
    });
    expect(qcValueOf(row('wb.CD9[EV-2]', 'present', null))).toBeNull();
  });

  it('names total protein as QC expects and leaves NTA and purity to QC itself', () => {
    expect(qcValueOf(row('protein.concentrationUgPerMl', 412.5, 'µg/mL'))).toEqual({
      name: 'protein.concentrationUgPerMl',
      value: 412.5,
      unit: 'µg/mL',
    });
    expect(qcValueOf(row('nta.concentrationPerMl', 1e11, 'particles/mL'))).toBeNull();
    expect(qcValueOf(row('purity.particlesPerUg', 2e9, 'particles/µg'))).toBeNull();
    expect(qcValueOf(row('protein.concentrationUgPerMl', null, 'µg/mL'))).toBeNull();
  });
});

describe('one registry', () => {
  it('every characterization kind has exactly one release provider', async () => {
    const { METRIC_CONTRIBUTORS } = await import('./contributors.ts');
    const { RELEASE_METRIC_PROVIDERS } = await import('./release-metric-providers.ts');
    const kinds = RELEASE_METRIC_PROVIDERS.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const c of METRIC_CONTRIBUTORS) expect(kinds).toContain(c.kind);
  });
});

describe('size distributions from every sizing kind (one provider method)', () => {
  const measurement = (kind: string, metrics: unknown) =>
    ({ id: `m-${kind}`, kind, status: 'parsed', metrics }) as unknown as Measurement;

  it('reads ZetaView linear bins and track-table ML bins, and their distance is SciPy’s', async () => {
    const { RELEASE_METRIC_PROVIDERS } = await import('./release-metric-providers.ts');
    const { sizeDistributionDistance } = await import(
      '../../science/comparability/size-distribution-distance.ts'
    );
    const provider = (kind: string) => RELEASE_METRIC_PROVIDERS.find((p) => p.kind === kind);
    const tracks = provider('nta-tracks')?.sizeDistribution?.(
      measurement('nta-tracks', {
        ml: {
          bins: [
            { diameterNm: 0, fraction: 1 / 3 },
            { diameterNm: 1, fraction: 1 / 3 },
            { diameterNm: 3, fraction: 1 / 3 },
          ],
        },
      }),
    );
    const zeta = provider('zetaview')?.sizeDistribution?.(
      measurement('zetaview', {
        kind: 'size',
        flags: [],
        bins: [5, 6, 8].map((sizeNm) => ({
          sizeNm,
          number: 10,
          concentrationPerMl: 2.5e5,
          volumeNm3: null,
          areaNm2: null,
        })),
      }),
    );
    expect(zeta).toEqual({ centresNm: [5, 6, 8], weights: [2.5e5, 2.5e5, 2.5e5] });
    if (!tracks || !zeta) throw new Error('both kinds hold a size distribution');
    // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0 (SciPy docstring example).
    expect(sizeDistributionDistance([tracks], [zeta]).wassersteinNm).toBeCloseTo(5, 12);
    // A ZetaView zeta-potential file holds no size distribution.
    expect(
      provider('zetaview')?.sizeDistribution?.(measurement('zetaview', { kind: 'zeta', bins: [] })),
    ).toBeNull();
  });
});
