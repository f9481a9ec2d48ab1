import type { WesternBlotReport } from '../../science/western-blot/call-blot-markers.ts';
import { type BatchMetric, type MetricContributor, provenanceOf } from './batch-metric.ts';

/**
 * Western blot: one row per marker and EV sample (present/absent, vs lysate), plus the MISEV minimum
 * for the sample: ≥ 1 category-1 and ≥ 1 category-2 marker present, and category-4 markers absent or
 * depleted (Théry et al. 2018, J Extracell Vesicles 7:1535750, §"Protein content").
 */
export const westernBlotMetrics: MetricContributor = {
  kind: 'western-blot',
  contribute(m, ctx) {
    const r = m.metrics as WesternBlotReport | null;
    if (!r || !Array.isArray(r.markers)) return [];
    const prov = provenanceOf(m, ctx.fileName, `densitometry (${r.signalColumn}); calls vs lysate per µg`);
    const samples = [...new Set(r.markers.flatMap((mk) => mk.lanes.map((l) => l.sample)))];
    const own = samples.filter((s) => s.toLowerCase() === ctx.batch.code.toLowerCase());
    const chosen = own.length > 0 ? own : samples;
    const rows: BatchMetric[] = [];
    for (const sample of chosen) {
      const suffix = chosen.length > 1 ? `[${sample}]` : '';
      let cat1 = false;
      let cat2 = false;
      let cat4Bad = false;
      for (const mk of r.markers) {
        const lane = mk.lanes.find((l) => l.sample === sample);
        if (!lane) continue;
        if (mk.category === 'transmembrane' && lane.call === 'present') cat1 = true;
        if (mk.category === 'cytosolic' && lane.call === 'present') cat2 = true;
        if (mk.category === 'other-compartment' && lane.call === 'present' && lane.vsLysate !== 'depleted')
          cat4Bad = true;
        const value = `${lane.call}${lane.vsLysate ? `, ${lane.vsLysate} vs lysate` : ''}`;
        rows.push({
          key: `wb.${mk.gene ?? mk.marker}${suffix}`,
          label: `${mk.marker} (WB)${suffix ? ` ${sample}` : ''}`,
          group: 'markers',
          value,
          unit: null,
          uncertainty: null,
          qc: lane.asExpected === null ? 'info' : lane.asExpected ? 'pass' : 'fail',
          note: lane.ratioToLysate !== null ? `EV/lysate per µg ${lane.ratioToLysate.toPrecision(3)}` : null,
          provenance: prov,
        });
      }
      rows.push({
        key: `wb.misevMinimum${suffix}`,
        label: `MISEV protein minimum (WB)${suffix ? ` ${sample}` : ''}`,
        group: 'markers',
        value: cat1 && cat2 && !cat4Bad ? 'met' : 'not met',
        unit: null,
        uncertainty: null,
        qc: cat1 && cat2 && !cat4Bad ? 'pass' : 'fail',
        note:
          [
            !cat1 ? 'no category-1 marker present' : '',
            !cat2 ? 'no category-2 marker present' : '',
            cat4Bad ? 'a category-4 marker is not depleted' : '',
          ]
            .filter((s) => s !== '')
            .join('; ') || null,
        provenance: prov,
      });
    }
    return rows;
  },
};
