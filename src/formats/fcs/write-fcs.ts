/**
 * FCS 3.1 writer: list mode, $DATATYPE F (float32), little-endian ($BYTEORD 1,2,3,4), UTF-8 TEXT with "/"
 * as delimiter (a "/" inside a value is doubled, FCS 3.1 §3.2.9). Used for calibrated exports: the original
 * parameters plus added ones (e.g. scatter cross-section in nm², diameter in nm, MESF).
 * HEADER offsets above 99,999,999 are written as 0 with the true values in TEXT (FCS 3.1 §3.1).
 */

export interface FcsWriteParameter {
  /** $PnN (must be unique). */
  name: string;
  /** $PnS. */
  label?: string | null;
  /** $PnR; for float data the largest value the parameter may reach. */
  range: number;
}

export interface FcsWriteInput {
  parameters: FcsWriteParameter[];
  /** One column per parameter, equal lengths. */
  columns: ArrayLike<number>[];
  /** Extra keywords (reserved ones — $PAR, $TOT, $Pn…, offsets, data layout — are set by the writer). */
  keywords?: Record<string, string>;
}

const RESERVED =
  /^\$(P\d+[A-Z]|PAR|TOT|BEGINDATA|ENDDATA|BEGINSTEXT|ENDSTEXT|BEGINANALYSIS|ENDANALYSIS|BYTEORD|DATATYPE|MODE|NEXTDATA)$/;

function escapeTextValue(value: string): string {
  const v = value === '' ? ' ' : value; // empty values are not allowed (FCS 3.1 §3.2.9)
  return v.replaceAll('/', '//');
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n);
}

export function writeFcs(input: FcsWriteInput): Uint8Array {
  const { parameters, columns } = input;
  if (parameters.length === 0) throw new RangeError('an FCS file needs at least one parameter');
  if (columns.length !== parameters.length) throw new RangeError('one column per parameter');
  const names = new Set<string>();
  for (const p of parameters) {
    if (names.has(p.name)) throw new RangeError(`duplicate parameter name ${p.name}`);
    names.add(p.name);
  }
  const eventCount = columns[0]?.length ?? 0;
  for (const c of columns) if (c.length !== eventCount) throw new RangeError('columns differ in length');
  const p = parameters.length;
  const dataBytes = eventCount * p * 4;

  const fixed: [string, string][] = [
    ['$BYTEORD', '1,2,3,4'],
    ['$DATATYPE', 'F'],
    ['$MODE', 'L'],
    ['$NEXTDATA', '0'],
    ['$PAR', String(p)],
    ['$TOT', String(eventCount)],
    ['$BEGINANALYSIS', '0'],
    ['$ENDANALYSIS', '0'],
    ['$BEGINSTEXT', '0'],
    ['$ENDSTEXT', '0'],
  ];
  parameters.forEach((q, i) => {
    const n = i + 1;
    fixed.push(
      [`$P${n}N`, q.name],
      [`$P${n}B`, '32'],
      [`$P${n}E`, '0,0'],
      [`$P${n}R`, formatNumber(q.range)],
    );
    if (q.label) fixed.push([`$P${n}S`, q.label]);
  });
  for (const [k, v] of Object.entries(input.keywords ?? {})) {
    if (RESERVED.test(k.toUpperCase())) continue;
    fixed.push([k, v]);
  }
  const encoder = new TextEncoder();
  const body = fixed.map(([k, v]) => `${escapeTextValue(k)}/${escapeTextValue(v)}/`).join('');

  // TEXT starts at byte 58; $BEGINDATA/$ENDDATA change TEXT's own length, so iterate until stable. DATA
  // starts at the next multiple of 8 (spaces in between; FCS 3.1 §3.1 lets segments be separated), so a
  // reader on a little-endian machine can view the float32 values without copying them.
  let textBytes = new Uint8Array();
  let dataBegin = 0;
  for (let guess = 0, round = 0; round < 10; round++) {
    const begin = Math.ceil((58 + guess) / 8) * 8;
    const end = dataBytes === 0 ? 0 : begin + dataBytes - 1;
    const text = `/$BEGINDATA/${begin}/$ENDDATA/${end}/${body}`;
    textBytes = encoder.encode(text);
    if (textBytes.length === guess) {
      dataBegin = begin;
      break;
    }
    guess = textBytes.length;
  }
  const textBegin = 58;
  const textEnd = textBegin + textBytes.length - 1;
  const dataEnd = dataBytes === 0 ? 0 : dataBegin + dataBytes - 1;
  const field = (n: number): string => {
    const v = n > 99_999_999 ? 0 : n;
    return String(v).padStart(8, ' ');
  };
  const header = `FCS3.1    ${field(textBegin)}${field(textEnd)}${field(dataBytes === 0 ? 0 : dataBegin)}${field(dataEnd)}${field(0)}${field(0)}`;
  const out = new Uint8Array(dataBegin + dataBytes);
  out.set(encoder.encode(header), 0);
  out.set(textBytes, textBegin);
  out.fill(0x20, textEnd + 1, dataBegin);
  const view = new DataView(out.buffer);
  let at = dataBegin;
  for (let e = 0; e < eventCount; e++) {
    for (let i = 0; i < p; i++) {
      view.setFloat32(at, (columns[i] as ArrayLike<number>)[e] as number, true);
      at += 4;
    }
  }
  return out;
}
