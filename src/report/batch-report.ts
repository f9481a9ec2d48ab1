/**
 * Batch report (PDF): batch record and protocol, each NTA measurement with its size distribution plot
 * (Observable Plot → SVG → PNG), statistics and QC flags, the QC state (evaluation, signatures) and the
 * batch's audit trail.
 */
import type { AuditEvent, Measurement, RawFile } from '../domain/measurement.ts';
import type { Project } from '../domain/project.ts';
import type { QcOverview } from '../jobs/qc/release.ts';
import type { NtaReport } from '../science/nta/nta-report.ts';
import { sizeDistributionStats } from '../science/nta/size-distribution-stats.ts';
import { ntaPlotSvg, svgToPng } from './nta-plot-png.ts';
import { footer, formatValue, heading, keyValues, MARGIN, newPdf, pdfBuffer, table } from './pdf-document.ts';

export interface BatchReportInput {
  overview: QcOverview;
  product: Project | null;
  measurements: Measurement[];
  rawFiles: RawFile[];
  audit: AuditEvent[];
  generatedAt?: Date;
}

const isNta = (m: Measurement): m is Measurement & { metrics: NtaReport } =>
  m.kind === 'nta' &&
  m.status === 'parsed' &&
  typeof m.metrics === 'object' &&
  m.metrics !== null &&
  'distribution' in m.metrics;

export async function batchReportPdf(input: BatchReportInput): Promise<Buffer> {
  const { batch } = input.overview;
  const doc = newPdf(`Batch report ${batch.code}`);
  doc.font('Helvetica-Bold').fontSize(18).text(`Batch report ${batch.code}`, MARGIN, MARGIN);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(input.product?.name ?? batch.projectId)
    .fillColor('#1a1a1a');

  heading(doc, 'Batch');
  keyValues(doc, [
    ['Batch id', batch.id],
    ['Status', `${batch.status}${input.overview.locked ? ' (locked)' : ''}`],
    [
      'Conditioned medium',
      `${batch.conditionedMediumVolumeMl ?? '–'} mL, harvested ${batch.harvestDate ?? '–'}`,
    ],
    ['Isolated', batch.isolationDate ?? '–'],
    [
      'Final volume, buffer, storage',
      `${batch.finalVolumeMl ?? '–'} mL, ${batch.buffer}, ${batch.storageTemperatureC ?? '–'} °C`,
    ],
    ['Notes', batch.notes || '–'],
  ]);

  heading(doc, `Protocol: ${batch.isolationProtocol.name || 'unnamed'}`);
  if (batch.isolationProtocol.steps.length === 0) doc.text('No protocol recorded.');
  else
    table(
      doc,
      ['#', 'Method', 'Parameters', 'Notes'],
      batch.isolationProtocol.steps.map((s, i) => [
        String(i + 1),
        s.method,
        Object.entries(s.parameters)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        s.notes,
      ]),
      [20, 140, 200, 139],
    );

  const nameOf = new Map(input.rawFiles.map((f) => [f.id, f]));
  for (const m of input.measurements) {
    const file = nameOf.get(m.rawFileId);
    heading(doc, `Measurement: ${file?.originalName ?? m.id}`);
    keyValues(doc, [
      ['Kind, reader', `${m.kind}, ${m.readerName} ${m.readerVersion}`],
      ['Raw file SHA-256', file?.sha256 ?? '–'],
      ['Status', m.status + (m.error ? ` — ${m.error.message}` : '')],
    ]);
    if (!isNta(m)) continue;
    const r = m.metrics;
    const png = svgToPng(ntaPlotSvg(r));
    if (doc.y + 230 > doc.page.height - MARGIN) doc.addPage();
    doc.image(png, MARGIN, doc.y + 4, { width: doc.page.width - 2 * MARGIN });
    doc.y += (doc.page.width - 2 * MARGIN) * (260 / 640) + 8;
    const stats = sizeDistributionStats(r.distribution.binCentersNm, r.distribution.concentrationPerMl);
    keyValues(doc, [
      ['Concentration', formatValue(r.average.concentrationPerMl, 'particles/mL')],
      [
        'Mode / mean / SD',
        `${formatValue(stats.modeNm, 'nm')} / ${formatValue(stats.meanNm, 'nm')} / ${formatValue(stats.sdNm, 'nm')}`,
      ],
      [
        'D10 / D50 / D90',
        `${formatValue(stats.d10Nm, 'nm')} / ${formatValue(stats.d50Nm, 'nm')} / ${formatValue(stats.d90Nm, 'nm')}`,
      ],
      ['Videos', String(r.videos.length)],
    ]);
    doc.moveDown(0.3);
    if (r.flags.length === 0) doc.text('QC flags: none.');
    else
      table(
        doc,
        ['Level', 'Flag', 'Message'],
        r.flags.map((f) => [f.level, f.code, f.message]),
        [50, 150, 299],
        (row, col) =>
          col === 0 && row[0] === 'error' ? '#b2182b' : col === 0 && row[0] === 'warning' ? '#8c510a' : null,
      );
  }

  heading(doc, 'QC state');
  const evaluation = input.overview.evaluations[0];
  keyValues(doc, [
    [
      'Latest evaluation',
      evaluation
        ? `${evaluation.outcome} (${evaluation.counts.pass} pass, ${evaluation.counts.fail} fail, ${evaluation.counts.missing} missing) at ${evaluation.evaluatedAt}`
        : 'none',
    ],
    ['Release blockers', input.overview.releaseBlockers.join('; ') || 'none'],
    [
      'Signatures',
      input.overview.signatures
        .map((s) => `${s.meaning} by ${s.printedName} at ${s.signedAt} (${s.state})`)
        .join('; ') || 'none',
    ],
  ]);

  heading(doc, 'Audit trail');
  table(
    doc,
    ['UTC time', 'Who', 'What', 'Record'],
    input.audit.map((e) => [e.at, e.actor, e.action, `${e.entityType} ${e.entityId}`]),
    [130, 80, 70, 219],
  );
  footer(
    doc,
    `Batch report ${batch.code} — generated ${(input.generatedAt ?? new Date()).toISOString()} by evlab`,
  );
  return pdfBuffer(doc);
}
