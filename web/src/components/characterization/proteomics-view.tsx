/** Proteomics: MISEV category coverage per sample, contaminant shares, and the EV-vs-lysate volcano. */
import * as Plot from '@observablehq/plot';
import { MARKER_CATEGORY_LABELS } from '../../../../src/domain/ev-marker-catalogue.ts';
import type { ProteomicsReport } from '../../../../src/science/proteomics/analyse-proteomics.ts';
import { formatDecimals } from '../../lib/format.ts';
import { usePlot } from '../../plots/use-plot.ts';
import { PlotExportButtons as PlotExport } from '../plot-box.tsx';

export function ProteomicsView({ report }: { report: ProteomicsReport }) {
  const coverage = report.perSample.flatMap((s) =>
    s.categories.map((c) => ({
      sample: s.sample,
      category: c.category,
      fraction: c.markers > 0 ? c.detected.length / c.markers : 0,
    })),
  );
  const coverageRef = usePlot(
    (width) =>
      Plot.plot({
        width,
        height: 80 + 30 * report.perSample.length,
        marginLeft: 140,
        marginBottom: 60,
        x: { label: null, tickRotate: -20 },
        y: { label: null },
        color: { scheme: 'blues', domain: [0, 1], legend: true, label: 'fraction of markers detected' },
        marks: [
          Plot.cell(coverage, { x: 'category', y: 'sample', fill: 'fraction', tip: true }),
          Plot.text(coverage, {
            x: 'category',
            y: 'sample',
            text: (d: { fraction: number }) => `${Math.round(d.fraction * 100)} %`,
          }),
        ],
      }),
    [coverage],
  );
  const points = report.volcano?.points ?? [];
  const volcanoRef = usePlot(
    (width) =>
      points.length === 0
        ? null
        : Plot.plot({
            width,
            height: 360,
            x: { label: 'log₂ EV / lysate', grid: true },
            y: { label: '−log₁₀ p (Welch)', grid: true },
            color: {
              legend: true,
              domain: [
                'transmembrane',
                'cytosolic',
                'co-isolate',
                'other-compartment',
                'msc-positive',
                'msc-negative',
                'other',
              ],
            },
            marks: [
              Plot.dot(points, {
                x: 'log2Ratio',
                y: (d: (typeof points)[number]) =>
                  d.pValue === null ? 0 : -Math.log10(Math.max(d.pValue, 1e-300)),
                fill: (d: (typeof points)[number]) => d.category ?? 'other',
                r: (d: (typeof points)[number]) => (d.category ? 4 : 1.5),
                fillOpacity: (d: (typeof points)[number]) => (d.category ? 1 : 0.35),
                tip: true,
                title: (d: (typeof points)[number]) =>
                  `${d.gene} (${d.proteinId}) log₂ ${formatDecimals(d.log2Ratio, 2)}`,
              }),
              Plot.text(
                points.filter((p) => p.category !== null),
                {
                  x: 'log2Ratio',
                  y: (d: (typeof points)[number]) =>
                    d.pValue === null ? 0 : -Math.log10(Math.max(d.pValue, 1e-300)),
                  text: 'gene',
                  dy: -8,
                  fontSize: 9,
                },
              ),
              Plot.ruleX([0], { stroke: '#8a96a3' }),
            ],
          }),
    [points],
  );
  return (
    <>
      <section className="panel">
        <h2>Protein table</h2>
        <p>
          {report.software} · quantity {report.quantity} · {report.rows.total} rows: {report.rows.reverse}{' '}
          reverse, {report.rows.contaminant} contaminant, {report.rows.onlyBySite} only-by-site removed →{' '}
          {report.rows.kept} kept.
        </p>
        {report.checks.map((c) => (
          <p key={c.name} className={c.passed ? 'muted' : 'text-error'}>
            Check {c.name}: {c.passed ? 'ok' : 'failed'} — {c.detail}
          </p>
        ))}
        <table className="table" data-testid="proteomics-samples">
          <thead>
            <tr>
              <th>Sample</th>
              <th>Role</th>
              <th className="num">Proteins</th>
              <th className="num">Top-EV list</th>
              <th className="num">Serum/lipoprotein %</th>
              <th className="num">Flagged contaminants %</th>
              <th className="num">Bovine %</th>
            </tr>
          </thead>
          <tbody>
            {report.perSample.map((s) => (
              <tr key={s.sample}>
                <td>{s.sample}</td>
                <td>{s.role}</td>
                <td className="num">{s.proteins}</td>
                <td className="num">
                  {s.topEvDetected}/{s.topEvTotal}
                </td>
                <td className="num">{formatDecimals(s.serumProteinSharePct, 2)}</td>
                <td className="num">{formatDecimals(s.flaggedContaminantSharePct, 2)}</td>
                <td className="num">{formatDecimals(s.bovineSharePct, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>MISEV and MSC marker coverage</h2>
        <div
          ref={coverageRef}
          className="plot"
          role="img"
          aria-label="Fraction of each marker category detected, per sample"
        />
        <PlotExport target={coverageRef} name="marker-coverage" label="marker coverage chart" />
        <ul>
          {report.evCategories.map((c) => (
            <li key={c.category}>
              {MARKER_CATEGORY_LABELS[c.category]}: {c.detected.join(', ') || 'none'}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2>EV vs lysate</h2>
        {points.length === 0 ? (
          <p className="muted">
            No cell-lysate sample in this table: name it "…lysate…" (or pass lysateSamples) to see
            EV-vs-lysate ratios.
          </p>
        ) : (
          <>
            <div
              ref={volcanoRef}
              className="plot"
              role="img"
              aria-label="Volcano plot of EV versus lysate log2 ratios; catalogue markers labelled"
            />
            <PlotExport target={volcanoRef} name="ev-vs-lysate-volcano" label="volcano plot" />
            <p className="muted small">{report.volcano?.test}</p>
          </>
        )}
      </section>
    </>
  );
}
