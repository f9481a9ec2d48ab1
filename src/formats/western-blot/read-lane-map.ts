/**
 * A blot's lane map: CSV `lane,sample,role,loading_ug` (role ∈ ev | lysate | blank | ladder | other), or
 * the inline form `sample:role:µg,sample:role:µg,…` in lane order (e.g. `EV-1:ev:10,MSC:lysate:10`).
 */
import { type BlotLane, LANE_ROLES, type LaneRole } from '../../science/western-blot/western-blot-record.ts';
import { FormatError } from '../format-error.ts';
import { decodePlateText, detectDelimiter, parseFiniteNumber, splitRow } from '../plate/plate-text.ts';

function role(text: string, file: string, line: number): LaneRole {
  const r = text.trim().toLowerCase();
  const alias: Record<string, LaneRole> = {
    cell: 'lysate',
    cells: 'lysate',
    'cell lysate': 'lysate',
    wcl: 'lysate',
    exosome: 'ev',
    sev: 'ev',
  };
  const value = (LANE_ROLES as readonly string[]).includes(r) ? (r as LaneRole) : alias[r];
  if (!value)
    throw new FormatError(
      'malformed-row',
      `role "${r.slice(0, 20)}" is not ev, lysate, blank, ladder or other`,
      { file, line },
    );
  return value;
}

export function parseInlineLanes(spec: string): BlotLane[] {
  return spec.split(',').map((entry, k) => {
    const [sample = '', r = 'ev', ug = ''] = entry.split(':').map((s) => s.trim());
    if (sample === '')
      throw new FormatError('malformed-row', `lane ${k + 1}: empty sample name`, { file: '--lanes' });
    return {
      lane: k + 1,
      sample,
      role: role(r, '--lanes', 1),
      loadingUg: ug === '' ? null : parseFiniteNumber(ug, `loading of lane ${k + 1}`, '--lanes', 1),
    };
  });
}

export function readLaneMap(bytes: Uint8Array, file: string): BlotLane[] {
  const { lines } = decodePlateText(bytes, file);
  const delimiter = detectDelimiter(lines.slice(0, 5));
  const header = splitRow(lines[0] ?? '', delimiter, file, 1).map((h) =>
    h.toLowerCase().replace(/\s+/g, '_'),
  );
  const iLane = header.indexOf('lane');
  const iSample = header.indexOf('sample');
  const iRole = header.indexOf('role');
  const iUg = header.findIndex((h) => h.startsWith('loading'));
  if (iSample < 0 || iRole < 0)
    throw new FormatError('not-this-format', 'a lane map needs lane,sample,role,loading_ug columns', {
      file,
      line: 1,
    });
  const lanes: BlotLane[] = [];
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() === '') continue;
    const cells = splitRow(lines[i] as string, delimiter, file, i + 1);
    const lane = iLane >= 0 ? parseFiniteNumber(cells[iLane] ?? '', 'lane', file, i + 1) : lanes.length + 1;
    const ug = iUg >= 0 ? (cells[iUg] ?? '') : '';
    lanes.push({
      lane,
      sample: cells[iSample] ?? '',
      role: role(cells[iRole] ?? '', file, i + 1),
      loadingUg: ug === '' ? null : parseFiniteNumber(ug, 'loading', file, i + 1),
    });
  }
  return lanes;
}
