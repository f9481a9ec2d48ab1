import { purityRatio } from '../../science/assay/purity-ratio.ts';
import type { BatchMetric, DerivedMetricRule, MetricQc } from './batch-metric.ts';

/**
 * particles/µg protein (Webber & Clayton 2013) from the batch's NTA concentration and its protein
 * (BCA) concentration: the most recent value of each. Both are taken as concentrations of the same
 * undiluted preparation (NTA exports report the concentration corrected for the dilution entered).
 */
export const purityRule: DerivedMetricRule = {
  key: 'purity.particlesPerUg',
  derive(metrics) {
    const latest = (key: string) =>
      metrics
        .filter((m) => m.key === key && typeof m.value === 'number')
        .sort((a, b) => (b.provenance.recordedAt ?? '').localeCompare(a.provenance.recordedAt ?? ''))[0];
    const nta = latest('nta.concentrationPerMl');
    const protein = latest('protein.concentrationUgPerMl');
    if (!nta || !protein) return [];
    const ratio = purityRatio(nta.value as number, protein.value as number);
    if (!ratio) return [];
    const qc: MetricQc =
      ratio.purityClass === 'high' ? 'pass' : ratio.purityClass === 'impure' ? 'fail' : 'warn';
    const metric: BatchMetric = {
      key: 'purity.particlesPerUg',
      label: 'Purity (particles/µg protein)',
      group: 'purity',
      value: ratio.particlesPerUg,
      unit: 'particles/µg',
      uncertainty: null,
      qc,
      note: `Webber & Clayton 2013 class: ${ratio.purityClass}`,
      provenance: {
        measurementId: null,
        kind: 'derived',
        rawFileId: null,
        fileName: null,
        reader: null,
        recordedAt: [nta.provenance.recordedAt, protein.provenance.recordedAt].sort().at(-1) ?? null,
        derivedFrom: [
          `nta.concentrationPerMl (${nta.provenance.measurementId})`,
          `protein.concentrationUgPerMl (${protein.provenance.measurementId})`,
        ],
        method: 'NTA particles/mL ÷ protein µg/mL (Webber & Clayton 2013, J Extracell Vesicles 2:19861)',
      },
    };
    return [
      metric,
      {
        ...metric,
        key: 'purity.class',
        label: 'Purity class (Webber & Clayton 2013)',
        value: ratio.purityClass,
        unit: null,
        note: null,
      },
    ];
  },
};
