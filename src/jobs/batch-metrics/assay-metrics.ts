import type { AssayReport, AssaySample } from '../../science/assay/analyse-plate-assay.ts';
import { toUgPerMlFactor } from '../../science/assay/purity-ratio.ts';
import { type BatchMetric, type MetricContributor, type MetricQc, provenanceOf } from './batch-metric.ts';

/**
 * Plate assays. A sample named like the batch code is the batch's; with a single sample, that one; else
 * every sample is listed under its own key. Mass-per-volume units (µg/mL, mg/mL) make a total-protein
 * metric (BCA, Bradford, micro-BCA), used for particles/µg; other units (pg/mL of an ELISA) an analyte one.
 */
export function batchSamples(report: AssayReport, code: string): { sample: AssaySample; own: boolean }[] {
  const own = report.samples.filter((s) => s.id.trim().toLowerCase() === code.trim().toLowerCase());
  if (own.length > 0) return own.map((sample) => ({ sample, own: true }));
  if (report.samples.length === 1) return [{ sample: report.samples[0] as AssaySample, own: true }];
  return report.samples.map((sample) => ({ sample, own: false }));
}

export const assayMetrics: MetricContributor = {
  kind: 'protein-assay',
  contribute(m, ctx) {
    const r = m.metrics as AssayReport | null;
    if (!r || !Array.isArray(r.samples)) return [];
    const factor = toUgPerMlFactor(r.concentrationUnit);
    const isProtein = factor !== null && factor >= 1;
    const method = `${r.model.toUpperCase()} standard curve (weights ${r.weights}); ICH M10 LLOQ ${r.lloq ?? '–'}, ULOQ ${r.uloq ?? '–'} ${r.concentrationUnit ?? ''}`;
    const prov = provenanceOf(m, ctx.fileName, method);
    return batchSamples(r, ctx.batch.code).map(({ sample, own }) => {
      const qc: MetricQc =
        sample.concentration === null || sample.flags.includes('outside-curve')
          ? 'fail'
          : sample.flags.length > 0 || !r.calibration.accepted
            ? 'warn'
            : 'pass';
      const scale = isProtein ? (factor as number) : 1;
      const suffix = own ? '' : `[${sample.id}]`;
      return {
        key: `${isProtein ? 'protein.concentrationUgPerMl' : `assay.${sample.id}`}${isProtein ? suffix : ''}`,
        label: isProtein
          ? `Protein concentration${own ? '' : ` (${sample.id})`}`
          : `Assay result ${sample.id}`,
        group: 'protein',
        value: sample.concentration === null ? null : sample.concentration * scale,
        unit: isProtein ? 'µg/mL' : r.concentrationUnit,
        uncertainty:
          sample.ciLow !== null && sample.ciHigh !== null
            ? {
                low: sample.ciLow * scale,
                high: sample.ciHigh * scale,
                kind: `${Math.round(r.confidenceLevel * 100)} % CI (delta method)`,
              }
            : null,
        qc,
        note:
          [sample.flags.join(', '), r.calibration.accepted ? '' : 'calibration not accepted (ICH M10)']
            .filter((s) => s !== '')
            .join('; ') || null,
        provenance: prov,
      } satisfies BatchMetric;
    });
  },
};
