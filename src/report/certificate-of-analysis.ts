/**
 * Certificate of analysis (PDF): product, batch, specification version, results against the specification
 * with pass/fail/missing, deviations with the QA decision, signatures (meaning, printed name, UTC time,
 * state: valid/superseded/broken), and the record hash as text and as a QR code. Built from a QcOverview
 * (src/jobs/qc/release.ts) so the CLI (`evlab coa`) and the API produce the same document.
 */
import QRCode from 'qrcode';
import type { Project } from '../domain/project.ts';
import type { QcOverview } from '../jobs/qc/release.ts';
import { footer, formatValue, heading, keyValues, MARGIN, newPdf, pdfBuffer, table } from './pdf-document.ts';

const OUTCOME_COLOUR: Record<string, string> = { pass: '#1b7837', fail: '#b2182b', missing: '#8c510a' };

export async function certificateOfAnalysisPdf(
  overview: QcOverview,
  product: Project | null,
  options: { generatedAt?: Date } = {},
): Promise<Buffer> {
  const { batch } = overview;
  const evaluation = overview.evaluations[0] ?? null;
  const spec = evaluation
    ? overview.specifications.find((s) => s.id === evaluation.specificationId)
    : undefined;
  const active = [...overview.signatures]
    .reverse()
    .find((s) => s.meaning !== 'amended' && s.state !== 'superseded');
  const recordHash = active?.recordHash ?? evaluation?.recordHash ?? '';
  const doc = newPdf(`Certificate of analysis ${batch.code}`);

  doc.font('Helvetica-Bold').fontSize(18).text('Certificate of Analysis', MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text('evlab — MSC-derived extracellular vesicles');
  if (batch.status !== 'released')
    doc
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor('#b2182b')
      .text(`NOT RELEASED (${batch.status}) - for information only`);
  doc.fillColor('#1a1a1a');
  if (recordHash) {
    const qr = await QRCode.toBuffer(`evlab:batch:${batch.id}:sha256:${recordHash}`, {
      margin: 1,
      width: 220,
    });
    doc.image(qr, doc.page.width - MARGIN - 90, MARGIN - 6, { width: 90 });
  }
  doc.y = MARGIN + 95;
  heading(doc, 'Product and batch');
  keyValues(doc, [
    ['Product', product?.name ?? batch.projectId],
    ['Batch', `${batch.code} (${batch.id})`],
    ['Status', batch.status.toUpperCase()],
    ['Harvest / isolation', `${batch.harvestDate ?? '–'} / ${batch.isolationDate ?? '–'}`],
    [
      'Final volume, buffer, storage',
      `${batch.finalVolumeMl ?? '–'} mL, ${batch.buffer}, ${batch.storageTemperatureC ?? '–'} °C`,
    ],
    ['Specification', spec ? `${spec.name}, version ${spec.version} (${spec.id})` : 'not evaluated'],
    [
      'Evaluation',
      evaluation ? `${evaluation.outcome} — ${evaluation.evaluatedAt} by ${evaluation.evaluatedBy}` : '–',
    ],
  ]);

  heading(doc, 'Results against the specification');
  if (!evaluation) doc.text('The batch has not been evaluated.');
  else
    table(
      doc,
      ['Test', 'Requirement', 'Result', 'Method / source', 'Outcome'],
      evaluation.results.map((r) => [
        r.name,
        r.requirement,
        formatValue(r.value, r.evidence?.unit ?? r.unit),
        r.evidence ? r.evidence.source.label : '–',
        r.outcome.toUpperCase(),
      ]),
      [140, 100, 80, 125, 54],
      (row, col) => (col === 4 ? (OUTCOME_COLOUR[(row[4] ?? '').toLowerCase()] ?? null) : null),
    );

  heading(doc, 'Deviations');
  const deviations = evaluation ? overview.deviations.filter((d) => d.evaluationId === evaluation.id) : [];
  if (deviations.length === 0) doc.text('None.');
  else
    table(
      doc,
      ['Criterion', 'Deviation', 'QA decision', 'By, UTC time'],
      deviations.map((d) => [
        d.criterionId,
        d.reason,
        `${d.decision}${d.justification ? `: ${d.justification}` : ''}`,
        `${d.decidedBy}, ${d.decidedAt}`,
      ]),
      [90, 190, 130, 89],
    );

  heading(doc, 'Electronic signatures');
  if (overview.signatures.length === 0) doc.text('Not signed.');
  else
    table(
      doc,
      ['Meaning', 'Printed name (user)', 'UTC time', 'State', 'Authentication / reason'],
      overview.signatures.map((s) => [
        s.meaning,
        `${s.printedName} (${s.signer})`,
        s.signedAt,
        s.state.toUpperCase(),
        `${s.authentication}${s.reason ? ` — ${s.reason}` : ''}`,
      ]),
      [60, 120, 110, 70, 139],
      (row, col) => (col === 3 && row[3] !== 'VALID' ? '#b2182b' : null),
    );

  heading(doc, 'Record hash');
  doc
    .font('Courier')
    .fontSize(8)
    .text(recordHash ? `SHA-256 ${recordHash}` : 'no signed record')
    .font('Helvetica')
    .fontSize(8)
    .text(
      'The hash covers the batch record (data, protocol, raw files with their SHA-256, measurements, QC results), the evaluation outcomes and the deviations. The QR code holds the batch id and this hash.',
    );
  footer(doc, `CoA ${batch.code} — generated ${(options.generatedAt ?? new Date()).toISOString()} by evlab`);
  return pdfBuffer(doc);
}
