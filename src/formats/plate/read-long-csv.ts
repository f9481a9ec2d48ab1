/**
 * Long-format plate table, one row per well: `type,id,concentration,response[,dilution][,well]`
 * (header required, any column order, comma, semicolon or tab). type ∈ standard | sample | blank |
 * control; concentration is required for standards and ignored otherwise; response may be `masked`
 * (kept, not fitted); dilution defaults to 1.
 */
import type { PlateAssayRecord, PlateWell, PlateWellRole } from '../../science/assay/plate-assay-record.ts';
import { FormatError } from '../format-error.ts';
import {
  canonicalWell,
  decodePlateText,
  detectDelimiter,
  parseFiniteNumber,
  splitRow,
} from './plate-text.ts';

const ROLE_ALIASES: Record<string, PlateWellRole> = {
  standard: 'standard',
  std: 'standard',
  sample: 'sample',
  unknown: 'sample',
  blank: 'blank',
  control: 'control',
};

export function sniffLongCsv(text: string): boolean {
  const first = text.split('\n', 1)[0]?.toLowerCase() ?? '';
  return first.includes('type') && first.includes('response') && first.includes('concentration');
}

export function readLongCsv(bytes: Uint8Array, file: string): PlateAssayRecord {
  const { lines, offsets } = decodePlateText(bytes, file);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new FormatError('empty-file', 'no header line', { file, line: 1 });
  const delimiter = detectDelimiter(lines.slice(headerIndex, headerIndex + 5));
  const rawHeader = splitRow(lines[headerIndex] as string, delimiter, file, headerIndex + 1);
  const header = rawHeader.map((h) => h.toLowerCase());
  const col = (name: string) =>
    header.findIndex((h) => h === name || h.startsWith(`${name} `) || h.startsWith(`${name}(`));
  const iType = col('type');
  const iId = col('id');
  const iConc = col('concentration');
  const iResp = col('response');
  const iDil = col('dilution');
  const iWell = col('well');
  const missing = [
    ['type', iType],
    ['id', iId],
    ['concentration', iConc],
    ['response', iResp],
  ].filter(([, i]) => i === -1);
  if (missing.length > 0)
    throw new FormatError(
      'not-this-format',
      `missing column(s) ${missing.map(([n]) => n).join(', ')}; expected type,id,concentration,response[,dilution]`,
      { file, line: headerIndex + 1, byteOffset: offsets[headerIndex] ?? 0 },
    );
  const concHeader = rawHeader[iConc] ?? '';
  const unitMatch = concHeader
    .slice('concentration'.length)
    .trim()
    .replace(/^[([]/, '')
    .replace(/[)\]]$/, '');
  const wells: PlateWell[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const lineNo = i + 1;
    const at = offsets[i] ?? 0;
    const cells = splitRow(line, delimiter, file, lineNo);
    const roleText = (cells[iType] ?? '').toLowerCase();
    const role = ROLE_ALIASES[roleText];
    if (!role)
      throw new FormatError(
        'malformed-row',
        `type "${roleText.slice(0, 30)}" is not standard, sample, blank or control`,
        {
          file,
          line: lineNo,
          byteOffset: at,
        },
      );
    const id = cells[iId] ?? '';
    if (id === '' && role !== 'blank')
      throw new FormatError('malformed-row', `a ${role} row without an id`, {
        file,
        line: lineNo,
        byteOffset: at,
      });
    const concCell = cells[iConc] ?? '';
    let concentration: number | null = null;
    if (role === 'standard') {
      concentration = parseFiniteNumber(concCell, 'concentration', file, lineNo, at);
      if (concentration < 0)
        throw new FormatError('malformed-number', `negative standard concentration ${concentration}`, {
          file,
          line: lineNo,
          byteOffset: at,
        });
    }
    const respCell = cells[iResp] ?? '';
    const masked = respCell.toLowerCase() === 'masked' || respCell === '';
    const response = masked ? null : parseFiniteNumber(respCell, 'response', file, lineNo, at);
    let dilution = 1;
    if (iDil >= 0 && (cells[iDil] ?? '') !== '') {
      dilution = parseFiniteNumber(cells[iDil] as string, 'dilution', file, lineNo, at);
      if (!(dilution > 0))
        throw new FormatError('malformed-number', `dilution must be > 0, got ${dilution}`, {
          file,
          line: lineNo,
          byteOffset: at,
        });
    }
    const well = iWell >= 0 ? canonicalWell(cells[iWell] ?? '') : null;
    wells.push({ id: id || 'blank', role, well, concentration, response, dilution, masked });
  }
  if (!wells.some((w) => w.role === 'standard'))
    throw new FormatError('missing-section', 'no standard rows: a curve needs standards', { file });
  return {
    format: 'long-csv',
    concentrationUnit: unitMatch === '' ? null : unitMatch,
    responseLabel: null,
    wells,
    instrument: null,
    notes: [],
  };
}
