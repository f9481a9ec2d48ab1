/** Human labels for the domain's machine values (statuses, methods, culture options, parameter units). */
import type { BatchStatus } from '../../../src/domain/batch.ts';
import type { IsolationMethod } from '../../../src/domain/isolation-protocol.ts';
import {
  type CultureFormat,
  type MediumSupplement,
  type MscSource,
  type Preconditioning,
  TISSUE_LABELS,
} from '../../../src/domain/msc-source.ts';
import { formatCount, formatSignificant } from './format.ts';

export const STATUS_LABELS: Record<BatchStatus, string> = {
  draft: 'Draft',
  'in-qc': 'In QC',
  released: 'Released',
  rejected: 'Rejected',
};

/** Status colours, shared by chips (CSS classes status-*) and the status bar plot. */
export const STATUS_COLORS: Record<BatchStatus, string> = {
  draft: '#6b7a8c',
  'in-qc': '#c08a1e',
  released: '#2f855a',
  rejected: '#c2413b',
};

export const METHOD_LABELS: Record<IsolationMethod, string> = {
  'differential-ultracentrifugation': 'Differential ultracentrifugation (dUC)',
  'density-gradient-ultracentrifugation': 'Density-gradient ultracentrifugation (DGUC)',
  ultrafiltration: 'Ultrafiltration (UF)',
  'tangential-flow-filtration': 'Tangential flow filtration (TFF)',
  'anion-exchange-chromatography': 'Anion-exchange chromatography (AEC)',
  'size-exclusion-chromatography': 'Size-exclusion chromatography (SEC)',
  'polymer-precipitation': 'Polymer precipitation (PEG)',
  'immunomagnetic-beads': 'Immunomagnetic beads',
  microfluidics: 'Microfluidics',
  'acoustic-oscillation': 'Acoustic oscillation',
  'low-speed-centrifugation': 'Low-speed centrifugation',
  filtration: 'Filtration',
};

export const CULTURE_FORMAT_LABELS: Record<CultureFormat, string> = {
  '2d-flask': '2D flask',
  '3d-spheroid': '3D spheroid',
  'bioreactor-microcarrier': 'Bioreactor (microcarrier)',
};

export const MEDIUM_SUPPLEMENT_LABELS: Record<MediumSupplement, string> = {
  'serum-free': 'Serum-free',
  'ev-depleted-fbs': 'EV-depleted FBS',
  'human-platelet-lysate': 'Human platelet lysate (hPL)',
};

export const PRECONDITIONING_LABELS: Record<Preconditioning, string> = {
  none: 'None',
  hypoxia: 'Hypoxia',
  'cytokine-priming': 'Cytokine priming',
};

export { TISSUE_LABELS };

/** "UC-07 · Wharton's jelly · P4" — how a source is named in selects and tables. */
export function sourceLabel(source: MscSource): string {
  const parts = [source.donorCode, TISSUE_LABELS[source.tissue] ?? source.tissue];
  if (source.passage !== null) parts.push(`P${source.passage}`);
  return parts.join(' · ');
}

/**
 * Isolation-step parameters carry their unit in the key (conventions: rcfG, minutes, temperatureC …).
 * Each entry: key suffix → [unit shown after the value, label for the rest of the key].
 */
const UNIT_SUFFIXES: [suffix: string, unit: string][] = [
  ['RcfG', '×g'],
  ['rcfG', '×g'],
  ['Minutes', 'min'],
  ['minutes', 'min'],
  ['Hours', 'h'],
  ['hours', 'h'],
  ['Seconds', 's'],
  ['seconds', 's'],
  ['TemperatureC', '°C'],
  ['temperatureC', '°C'],
  ['Kda', 'kDa'],
  ['KDa', 'kDa'],
  ['Nm', 'nm'],
  ['Um', 'µm'],
  ['Ml', 'mL'],
  ['MlPerMin', 'mL/min'],
  ['GPerMl', 'g/mL'],
  ['Cp', 'cP'],
  ['Cm2', 'cm²'],
  ['Lmh', 'L/m²/h'],
  ['Ul', 'µL'],
  ['Rpm', 'rpm'],
  ['rpm', 'rpm'],
  ['Percent', '%'],
  ['Pct', '%'],
  ['Psi', 'psi'],
  ['Bar', 'bar'],
  ['Cm', 'cm'],
  ['Mm', 'mm'],
  ['G', '×g'],
  ['C', '°C'],
];

const WORD_LABELS: Record<string, string> = {
  rcf: 'RCF',
  ev: 'EV',
  evs: 'EVs',
  pbs: 'PBS',
  sd: 'SD',
  mwco: 'MWCO',
  peg: 'PEG',
  tmp: 'TMP',
  minutes: 'time',
  hours: 'time',
  seconds: 'time',
  temperature: 'temperature',
};

/** Keys that are nothing but a unit. */
const WHOLE_KEY_LABELS: Record<string, string> = {
  rcfG: 'RCF',
  minutes: 'time',
  hours: 'time',
  seconds: 'time',
  temperatureC: 'temperature',
  rpm: 'speed',
};

function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => WORD_LABELS[w.toLowerCase()] ?? w.toLowerCase());
  return words.join(' ');
}

/** { rcfG: 100000 } → { label: 'RCF', value: '100,000 ×g' }. */
export function describeParameter(
  key: string,
  value: number | string | boolean | null,
): { label: string; value: string } {
  let unit = '';
  let rest = key;
  // Longest matching suffix wins so 'MlPerMin' beats 'Min…'.
  const matches = UNIT_SUFFIXES.filter(
    ([suffix]) => key.endsWith(suffix) && key.length >= suffix.length,
  ).sort((a, b) => b[0].length - a[0].length);
  const best = matches[0];
  if (best && typeof value === 'number') {
    unit = best[1];
    const stripped = key.slice(0, key.length - best[0].length);
    rest = stripped === '' ? (WHOLE_KEY_LABELS[key] ?? key) : stripped;
  }
  const label = humanizeKey(rest) || key;
  let text: string;
  if (value === null) text = '—';
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  // A set point as entered: whole numbers with separators (100,000 ×g), fractions to 4 significant digits.
  else if (typeof value === 'number')
    text = Number.isInteger(value) ? formatCount(value) : formatSignificant(value, 4);
  else text = value;
  return { label: label.charAt(0).toUpperCase() + label.slice(1), value: unit ? `${text} ${unit}` : text };
}
