/**
 * Comparability report (PDF) of two processes: the two groups of batches, the margin and α, one row per
 * metric (n, mean ± SD per group, difference with its 90 % CI, TOST p, verdict), a dot plot per tested
 * metric and the overlaid pooled size distributions with their Wasserstein-1 and KS distances and the
 * instrument (NanoSight NTA, ZetaView, track table) behind each batch's distribution. Plots are
 * drawn as PDF vector paths (no raster).
 */
import type { ComparabilityMetricRow, ComparabilityReport } from '../jobs/qc/comparability.ts';
import {
  footer,
  formatValue,
  heading,
  keyValues,
  MARGIN,
  newPdf,
  type Pdf,
  pdfBuffer,
  table,
} from './pdf-document.ts';

const COLOUR_A = '#1f6fb2';
const COLOUR_B = '#c2571a';
const VERDICT_TEXT: Record<ComparabilityMetricRow['verdict'], string> = {
  equivalent: 'equivalent',
  'not-equivalent': 'not shown equivalent',
  'insufficient-data': 'insufficient data',
};

const fmt = (v: number | null | undefined, unit = ''): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : formatValue(v, unit);

function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
}

function dotPlot(doc: Pdf, row: ComparabilityMetricRow): void {
  const values = [...row.valuesA, ...row.valuesB].map((v) => v.value);
  if (values.length === 0) return;
  ensureSpace(doc, 70);
  const width = doc.page.width - 2 * MARGIN - 120;
  const left = MARGIN + 110;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    lo -= Math.abs(lo) * 0.1 || 1;
    hi += Math.abs(hi) * 0.1 || 1;
  }
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * width;
  const top = doc.y + 4;
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .fillColor('#1a1a1a')
    .text(`${row.label}${row.unit ? ` (${row.unit})` : ''}`, MARGIN, top, { width: 105 });
  for (const [i, [name, vals, colour]] of (
    [
      ['A', row.valuesA, COLOUR_A],
      ['B', row.valuesB, COLOUR_B],
    ] as const
  ).entries()) {
    const y = top + 10 + i * 16;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(colour)
      .text(name, left - 12, y - 3);
    for (const v of vals) doc.circle(x(v.value), y, 2.2).fillColor(colour).fill();
  }
  const axisY = top + 40;
  doc
    .moveTo(left, axisY)
    .lineTo(left + width, axisY)
    .lineWidth(0.4)
    .strokeColor('#666666')
    .stroke();
  doc.font('Helvetica').fontSize(6.5).fillColor('#444444');
  doc.text(fmt(lo), left - 20, axisY + 2, { width: 40, align: 'center' });
  doc.text(fmt(hi), left + width - 20, axisY + 2, { width: 40, align: 'center' });
  doc.fillColor('#1a1a1a');
  doc.y = axisY + 14;
}

function sizePlot(doc: Pdf, sd: NonNullable<ComparabilityReport['sizeDistribution']>): void {
  ensureSpace(doc, 200);
  const left = MARGIN + 30;
  const width = doc.page.width - 2 * MARGIN - 40;
  const height = 150;
  const top = doc.y + 6;
  const xs = [...sd.pooledA.centresNm, ...sd.pooledB.centresNm];
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const cdfLine = (centres: readonly number[], weights: readonly number[]) => {
    // density per nm would need bin widths; the cumulative share reads the same on any binning
    let c = 0;
    return centres.map((x, i) => {
      c += weights[i] ?? 0;
      return [x, c] as const;
    });
  };
  const x = (v: number) => left + ((v - xMin) / (xMax - xMin || 1)) * width;
  const y = (p: number) => top + height - p * height;
  doc.rect(left, top, width, height).lineWidth(0.4).strokeColor('#999999').stroke();
  for (const [points, colour] of [
    [cdfLine(sd.pooledA.centresNm, sd.pooledA.weights), COLOUR_A],
    [cdfLine(sd.pooledB.centresNm, sd.pooledB.weights), COLOUR_B],
  ] as const) {
    points.forEach(([px, py], i) => {
      if (i === 0) doc.moveTo(x(px), y(py));
      else doc.lineTo(x(px), y(py));
    });
    doc.lineWidth(1.2).strokeColor(colour).stroke();
  }
  doc.font('Helvetica').fontSize(7).fillColor('#444444');
  doc.text(`${fmt(xMin)} nm`, left - 10, top + height + 3);
  doc.text(`${fmt(xMax)} nm`, left + width - 30, top + height + 3);
  doc.text('1', left - 12, top - 3).text('0', left - 12, top + height - 4);
  doc.text('Cumulative share of particles vs diameter (nm):', left, top + height + 14);
  doc
    .fillColor(COLOUR_A)
    .text(`A (${sd.batchesA} batches; ${sd.instrumentsA.join(', ')})`, left + 180, top + height + 14, {
      continued: true,
    });
  doc.fillColor(COLOUR_B).text(`   B (${sd.batchesB} batches; ${sd.instrumentsB.join(', ')})`);
  doc.fillColor('#1a1a1a');
  doc.y = top + height + 28;
  doc.x = MARGIN;
}

export async function comparabilityReportPdf(
  report: ComparabilityReport,
  options: { generatedAt?: Date; title?: string } = {},
): Promise<Buffer> {
  const title = options.title ?? 'Comparability report';
  const doc = newPdf(title);
  doc.font('Helvetica-Bold').fontSize(18).text(title, MARGIN, MARGIN);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(`Generated ${(options.generatedAt ?? new Date()).toISOString()} (UTC) by evlab`)
    .fillColor('#1a1a1a');

  heading(doc, 'Groups and method');
  keyValues(doc, [
    ['Process A (test)', report.a.map((b) => b.code).join(', ')],
    ['Process B (reference)', report.b.map((b) => b.code).join(', ')],
    ['Equivalence margin', `± ${report.marginPct} % of the B mean, per metric`],
    [
      'Test',
      `Welch t-test (Welch-Satterthwaite df) and two one-sided tests (TOST, Schuirmann 1987) at alpha ${report.alpha} each; equivalent when the ${Math.round((1 - 2 * report.alpha) * 100)} % CI of A - B lies inside the margin.`,
    ],
    [
      'Summary',
      `${report.summary.equivalent} equivalent, ${report.summary.notEquivalent} not shown equivalent, ${report.summary.insufficientData} with insufficient data`,
    ],
  ]);

  heading(doc, 'Metrics');
  if (report.metrics.length === 0) doc.text('No metric with values in both groups.');
  else
    table(
      doc,
      [
        'Metric',
        'A: n, mean ± SD',
        'B: n, mean ± SD',
        'A - B (90 % CI)',
        'Margin',
        'p (Welch / TOST)',
        'Verdict',
      ],
      report.metrics.map((r) => [
        `${r.label}${r.unit ? ` (${r.unit})` : ''}`,
        `${r.a.n}, ${fmt(r.a.mean)} ± ${fmt(r.a.sd)}`,
        `${r.b.n}, ${fmt(r.b.mean)} ± ${fmt(r.b.sd)}`,
        r.tost ? `${fmt(r.tost.welch.difference)} (${fmt(r.tost.ciLow)} to ${fmt(r.tost.ciHigh)})` : '–',
        r.tost ? `± ${fmt(r.tost.margin)}` : '–',
        r.tost ? `${fmt(r.tost.welch.pValue)} / ${fmt(r.tost.pValue)}` : (r.note ?? '–'),
        VERDICT_TEXT[r.verdict],
      ]),
      [105, 72, 72, 88, 48, 60, 55],
      (row, col) =>
        col === 6
          ? row[6] === 'equivalent'
            ? '#1b7a3a'
            : row[6] === 'not shown equivalent'
              ? '#b3261e'
              : '#8a6d00'
          : null,
    );

  const missing = report.metrics.filter((r) => r.missingA.length + r.missingB.length > 0);
  if (missing.length > 0) {
    heading(doc, 'Batches without a reliable value', 11);
    for (const r of missing)
      doc.text(
        `${r.label}: ${[...r.missingA.map((c) => `${c} (A)`), ...r.missingB.map((c) => `${c} (B)`)].join(', ')}`,
      );
  }

  heading(doc, 'Values per batch');
  for (const r of report.metrics) dotPlot(doc, r);

  heading(doc, 'Size distributions (pooled, each batch weighs the same)');
  const sd = report.sizeDistribution;
  if (!sd)
    doc.text(
      'No size distribution in one of the groups (a NanoSight NTA, ZetaView or NTA track-table measurement is needed).',
    );
  else {
    keyValues(doc, [
      ['Instruments, A', sd.instrumentsA.join(', ')],
      ['Instruments, B', sd.instrumentsB.join(', ')],
      ['Wasserstein-1 distance', `${fmt(sd.wassersteinNm)} nm`],
      ['Kolmogorov-Smirnov D', `${fmt(sd.ksStatistic)} at ${fmt(sd.ksLocationNm)} nm`],
      [
        'Batches without a distribution',
        [...sd.batchesWithoutDistributionA, ...sd.batchesWithoutDistributionB].join(', ') || 'none',
      ],
    ]);
    table(
      doc,
      ['Group', 'Batch', 'Instrument', 'File'],
      [
        ...sd.sourcesA.map((x) => ['A', x.batchCode, x.instrument, x.fileName]),
        ...sd.sourcesB.map((x) => ['B', x.batchCode, x.instrument, x.fileName]),
      ],
      [40, 90, 140, 240],
    );
    sizePlot(doc, sd);
  }
  footer(doc, `${title}: A ${report.a.length} vs B ${report.b.length} batches`);
  return pdfBuffer(doc);
}
