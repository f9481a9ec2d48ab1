import type { ProteomicsReport } from '../../science/proteomics/analyse-proteomics.ts';
import { type BatchMetric, type MetricContributor, provenanceOf } from './batch-metric.ts';

/** Proteomics: proteins identified, MISEV category coverage, top-EV coverage, serum share, MSC markers. */
export const proteomicsMetrics: MetricContributor = {
  kind: 'proteomics',
  contribute(m, ctx) {
    const r = m.metrics as ProteomicsReport | null;
    if (!r || !Array.isArray(r.perSample)) return [];
    const prov = provenanceOf(
      m,
      ctx.fileName,
      `${r.software}; quantity ${r.quantity}; reverse/contaminant/only-by-site removed`,
    );
    const ev = r.perSample.filter((s) => s.role === 'ev');
    const mean = (xs: (number | null)[]) => {
      const v = xs.filter((x): x is number => x !== null);
      return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
    };
    const cat = (c: string) => r.evCategories.find((x) => x.category === c);
    const coverage = (c: string) => {
      const x = cat(c);
      return x ? `${x.detected.length}/${x.markers} (${x.detected.join(', ') || 'none'})` : null;
    };
    const row = (
      key: string,
      label: string,
      value: BatchMetric['value'],
      unit: string | null,
      qc: BatchMetric['qc'],
      note: string | null = null,
    ): BatchMetric => ({
      key,
      label,
      group: 'cargo',
      value,
      unit,
      uncertainty: null,
      qc,
      note,
      provenance: prov,
    });
    const serum = mean(ev.map((s) => s.serumProteinSharePct));
    return [
      row(
        'proteomics.proteins',
        'Proteins identified (mean of EV samples)',
        mean(ev.map((s) => s.proteins)),
        'proteins',
        'info',
      ),
      row(
        'proteomics.misevCategory1',
        'MISEV category 1 markers (MS)',
        coverage('transmembrane'),
        null,
        (cat('transmembrane')?.detected.length ?? 0) > 0 ? 'pass' : 'fail',
      ),
      row(
        'proteomics.misevCategory2',
        'MISEV category 2 markers (MS)',
        coverage('cytosolic'),
        null,
        (cat('cytosolic')?.detected.length ?? 0) > 0 ? 'pass' : 'fail',
      ),
      row(
        'proteomics.misevCategory4',
        'MISEV category 4 markers (MS)',
        coverage('other-compartment'),
        null,
        'info',
      ),
      row(
        'proteomics.topEvCoverage',
        'EV proteins detected (MISEV2018 categories 1–2)',
        `${r.topEvCoverage.detected}/${r.topEvCoverage.total}`,
        null,
        'info',
      ),
      row(
        'proteomics.serumShare',
        'Serum / lipoprotein share of intensity',
        serum,
        '%',
        serum === null ? null : serum > 10 ? 'warn' : 'pass',
        'ALB, APOA1, APOA2, APOB, APOE',
      ),
      row(
        'proteomics.mscPositive',
        'ISCT MSC markers detected (MS)',
        r.msc.positive.join(', ') || 'none',
        null,
        r.msc.positive.length > 0 ? 'pass' : 'warn',
      ),
    ];
  },
};
