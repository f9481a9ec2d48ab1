/** Small pdfkit helpers shared by the certificate of analysis and the batch report (A4, Helvetica). */
import PDFDocument from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

export const MARGIN = 48;

export function newPdf(title: string): Pdf {
  return new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, Producer: 'evlab' },
    bufferPages: true,
  });
}

/** Collects the document into one buffer. */
export function pdfBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The standard PDF fonts speak WinAnsi only: spell out the symbols evlab's texts use. */
export function pdfText(text: string): string {
  return text
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replaceAll('→', '->')
    .replaceAll('–', '-')
    .replaceAll('—', '-')
    .replaceAll('×10^', 'e')
    .replaceAll('σ', 'sigma')
    .replace(/[^\x20-\x7e\n\u00a0-\u00ff]/g, '?');
}

export function heading(doc: Pdf, text: string, size = 13): void {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('#1a1a1a').text(pdfText(text), MARGIN);
  doc.moveDown(0.2).font('Helvetica').fontSize(9);
}

export function keyValues(doc: Pdf, rows: [string, string][]): void {
  doc.fontSize(9);
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(pdfText(k), MARGIN, y, { width: 150 });
    const afterKey = doc.y;
    doc.font('Helvetica').text(pdfText(v), MARGIN + 155, y, { width: doc.page.width - 2 * MARGIN - 155 });
    doc.y = Math.max(afterKey, doc.y);
  }
  doc.x = MARGIN;
}

/** A table with given column widths (points); wraps cells and starts a new page when needed. */
export function table(
  doc: Pdf,
  headers: string[],
  rows: string[][],
  widths: number[],
  colour?: (row: string[], col: number) => string | null,
): void {
  const draw = (cells: string[], bold: boolean, row?: string[]) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const texts = cells.map(pdfText);
    const heights = texts.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? 60) - 4 }));
    const h = Math.max(...heights) + 4;
    if (doc.y + h > doc.page.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    texts.forEach((c, i) => {
      const fill = row && colour ? colour(row, i) : null;
      doc.fillColor(fill ?? '#1a1a1a').text(c, x + 2, y + 2, { width: (widths[i] ?? 60) - 4 });
      x += widths[i] ?? 60;
    });
    doc.fillColor('#1a1a1a');
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + widths.reduce((a, b) => a + b, 0), y + h)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor('#888888')
      .stroke();
    doc.y = y + h;
  };
  draw(headers, true);
  for (const r of rows) draw(r, false, r);
  doc.x = MARGIN;
  doc.moveDown(0.3);
}

/** Page numbers and a footer line on every page. */
export function footer(doc: Pdf, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#555555')
      .text(`${text} — page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 30, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
}

export function formatValue(value: number | string | null, unit: string): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  const text =
    Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-3 && value !== 0)
      ? value.toExponential(2)
      : String(Number(value.toPrecision(4)));
  return unit ? `${text} ${unit}` : text;
}
