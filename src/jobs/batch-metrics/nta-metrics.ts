import type { NtaReport, NtaSizeStats } from '../../science/nta/nta-report.ts';
import { type BatchMetric, type MetricContributor, type MetricQc, provenanceOf } from './batch-metric.ts';

function meanOf(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
}

/** NanoSight NTA: concentration (mean of videos, as NTA reports it) and evlab's recomputed size statistics. */
export const ntaMetrics: MetricContributor = {
  kind: 'nta',
  contribute(m, ctx) {
    const r = m.metrics as NtaReport | null;
    if (!r || !Array.isArray(r.videos)) return [];
    const qc: MetricQc = r.flags.some((f) => f.level === 'error')
      ? 'fail'
      : r.flags.some((f) => f.level === 'warning')
        ? 'warn'
        : 'pass';
    const note =
      r.flags
        .filter((f) => f.level !== 'info')
        .map((f) => f.message)
        .slice(0, 3)
        .join('; ') || null;
    const prov = provenanceOf(
      m,
      ctx.fileName,
      'NanoSight NTA; statistics recomputed from 1 nm bins (mean of videos)',
    );
    const stat = (k: keyof NtaSizeStats) => meanOf(r.videos.map((v) => v.computed[k]));
    const se = r.average.concentrationSE;
    const c = r.average.concentrationPerMl;
    const rows: BatchMetric[] = [
      {
        key: 'nta.concentrationPerMl', // canonical name, as QC (src/domain/qc/batch-metric.ts)
        label: 'Particle concentration (NTA)',
        group: 'concentration',
        value: c,
        unit: 'particles/mL',
        uncertainty: c !== null && se !== null ? { low: c - se, high: c + se, kind: '± SE of videos' } : null,
        qc,
        note,
        provenance: prov,
      },
    ];
    for (const [k, label] of [
      ['meanNm', 'Mean size (NTA)'],
      ['modeNm', 'Mode size (NTA)'],
      ['d50Nm', 'D50 (NTA)'],
      ['d10Nm', 'D10 (NTA)'],
      ['d90Nm', 'D90 (NTA)'],
    ] as const)
      rows.push({
        key: `nta.${k}`,
        label,
        group: 'size',
        value: stat(k),
        unit: 'nm',
        uncertainty: null,
        qc,
        note: null,
        provenance: prov,
      });
    return rows;
  },
};
