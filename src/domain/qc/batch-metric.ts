/**
 * A batch metric: one value evlab holds about a batch (a size statistic from NTA, a protein concentration,
 * a marker call, a safety result), with its unit, the record it comes from and that record's QC flags.
 * Specifications are evaluated against metrics, control charts plot them across batches, and the MISEV
 * checklist reads them. Every measurement kind contributes through one provider (src/jobs/batch-metrics/release-metric-providers.ts).
 */

export interface MetricQcFlag {
  level: 'info' | 'warning' | 'error';
  code: string;
  message: string;
}

/** Where a metric value comes from: a parsed measurement, or a result entered with its evidence. */
export interface MetricSource {
  type: 'measurement' | 'result';
  /** measurements.id or qc_results.id */
  id: string;
  /** Measurement kind ('nta', …) or 'manual' for an entered result. */
  kind: string;
  /** File name, instrument or method: what a reviewer recognises. */
  label: string;
  recordedAt: string;
}

export interface BatchMetric {
  /** Stable dotted name, e.g. 'nta.modeNm', 'marker.CD63', 'safety.endotoxinEuPerMl'. */
  name: string;
  value: number | string;
  unit: string;
  source: MetricSource;
  flags: MetricQcFlag[];
  /** False when the record behind the value carries an error flag (or did not parse): such a value is never a pass. */
  reliable: boolean;
}

export interface MetricDefinition {
  name: string;
  label: string;
  unit: string;
  /** number: a quantity; call: present/absent (markers, sterility growth, mycoplasma). */
  type: 'number' | 'call';
  /** MISEV-style grouping used by the checklist. */
  group:
    | 'size'
    | 'concentration'
    | 'protein'
    | 'lipid'
    | 'purity'
    | 'marker'
    | 'safety'
    | 'potency'
    | 'imaging';
}

/** Calls stored for marker and safety results. */
export const CALL_VALUES = ['present', 'absent'] as const;
export type CallValue = (typeof CALL_VALUES)[number];

/** Markers by MISEV2018 category (Théry et al. 2018, J Extracell Vesicles 7:1535750, Table 3). */
export const MISEV_MARKERS = {
  transmembrane: ['CD9', 'CD63', 'CD81', 'CD73', 'CD90', 'CD105', 'CD44'],
  cytosolic: ['TSG101', 'ALIX', 'SYNTENIN', 'HSP70', 'FLOT1'],
  coIsolates: ['APOA1', 'APOB', 'ALBUMIN'],
  otherCompartments: ['CALNEXIN', 'GM130', 'HISTONES', 'CYTOCHROMEC'],
} as const;

const marker = (name: string): MetricDefinition => ({
  name: `marker.${name}`,
  label: `${name} (present/absent)`,
  unit: '',
  type: 'call',
  group: 'marker',
});

/** Metrics evlab knows by name (others may still be entered; unknown names are shown as given). */
export const METRIC_CATALOGUE: readonly MetricDefinition[] = [
  {
    name: 'nta.concentrationPerMl',
    label: 'Particle concentration (NTA)',
    unit: 'particles/mL',
    type: 'number',
    group: 'concentration',
  },
  { name: 'nta.modeNm', label: 'Mode diameter (NTA)', unit: 'nm', type: 'number', group: 'size' },
  { name: 'nta.meanNm', label: 'Mean diameter (NTA)', unit: 'nm', type: 'number', group: 'size' },
  { name: 'nta.sdNm', label: 'SD of diameter (NTA)', unit: 'nm', type: 'number', group: 'size' },
  { name: 'nta.d10Nm', label: 'D10 (NTA)', unit: 'nm', type: 'number', group: 'size' },
  { name: 'nta.d50Nm', label: 'D50 (NTA)', unit: 'nm', type: 'number', group: 'size' },
  { name: 'nta.d90Nm', label: 'D90 (NTA)', unit: 'nm', type: 'number', group: 'size' },
  {
    name: 'nta.percentIn50To400Nm',
    label: 'Particles 50–400 nm (NTA)',
    unit: '%',
    type: 'number',
    group: 'size',
  },
  {
    name: 'protein.concentrationUgPerMl',
    label: 'Protein concentration (BCA/µBCA)',
    unit: 'µg/mL',
    type: 'number',
    group: 'protein',
  },
  {
    name: 'lipid.concentrationNmolPerMl',
    label: 'Lipid concentration',
    unit: 'nmol/mL',
    type: 'number',
    group: 'lipid',
  },
  {
    name: 'purity.particlesPerUg',
    label: 'Purity (particles per µg protein)',
    unit: 'particles/µg',
    type: 'number',
    group: 'purity',
  },
  ...Object.values(MISEV_MARKERS).flat().map(marker),
  {
    name: 'safety.sterilityGrowth',
    label: 'Sterility: microbial growth',
    unit: '',
    type: 'call',
    group: 'safety',
  },
  { name: 'safety.mycoplasma', label: 'Mycoplasma', unit: '', type: 'call', group: 'safety' },
  {
    name: 'safety.endotoxinEuPerMl',
    label: 'Endotoxin (LAL)',
    unit: 'EU/mL',
    type: 'number',
    group: 'safety',
  },
  {
    name: 'potency.activityPctOfReference',
    label: 'Potency (relative to reference standard)',
    unit: '%',
    type: 'number',
    group: 'potency',
  },
  {
    name: 'imaging.temEvMorphology',
    label: 'Single-EV imaging (TEM/cryo-EM) shows cup/round vesicles',
    unit: '',
    type: 'call',
    group: 'imaging',
  },
];

export function metricDefinition(name: string): MetricDefinition | undefined {
  return METRIC_CATALOGUE.find((m) => m.name === name);
}

/** The latest value of each metric name (by recordedAt, then id), preferring reliable values. */
export function latestMetrics(metrics: readonly BatchMetric[]): Map<string, BatchMetric> {
  const out = new Map<string, BatchMetric>();
  for (const m of metrics) {
    const current = out.get(m.name);
    if (
      !current ||
      (m.reliable && !current.reliable) ||
      (m.reliable === current.reliable &&
        (m.source.recordedAt > current.source.recordedAt ||
          (m.source.recordedAt === current.source.recordedAt && m.source.id > current.source.id)))
    )
      out.set(m.name, m);
  }
  return out;
}

/**
 * Metric names that were used before the registry had one name per metric (issue 13): the characterization
 * table said `nta.concentration` and `protein.concentration` where QC said `nta.concentrationPerMl` and
 * `protein.concentrationUgPerMl`. The canonical names carry their unit (docs/conventions.md "Units in
 * names"). Old names are still accepted on input (API, CLI, stored results) and mapped here; migration 0013
 * rewrites stored specification criteria. Append only: an alias, once published, stays.
 */
export const DEPRECATED_METRIC_ALIASES: Readonly<Record<string, string>> = {
  'nta.concentration': 'nta.concentrationPerMl',
  'protein.concentration': 'protein.concentrationUgPerMl',
  // Per-measurement flow metrics were snake_case while `evlab flow analyse` wrote camelCase (issue 13).
  'flow.median_diameter_nm': 'flow.medianDiameterNm',
  'flow.vesicle_events_per_ul': 'flow.vesicleEventsPerUl',
  // The web result form recorded potency under this name while the template's criterion reads the canonical one.
  'potency.percentOfReference': 'potency.activityPctOfReference',
};

/** `flow.cd63_pe.net_percent_positive` (old per-measurement flow name) → `flow.CD63_PE.netPercentPositive`. */
const OLD_FLOW_MARKER = /^flow\.([a-z0-9_]+)\.net_percent_positive$/;

/** The one canonical name of a metric: an old alias maps to its canonical name, any other name is kept. */
export function canonicalMetricName(name: string): string {
  const trimmed = name.trim();
  const marker = OLD_FLOW_MARKER.exec(trimmed)?.[1];
  if (marker !== undefined) return `flow.${marker.toUpperCase()}.netPercentPositive`;
  return DEPRECATED_METRIC_ALIASES[trimmed] ?? trimmed;
}

/** A deprecation note for each old alias among `names` (empty when every name is canonical). */
export function metricAliasNotes(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()))]
    .filter((n) => canonicalMetricName(n) !== n)
    .map((n) => `metric name '${n}' is deprecated; read as '${canonicalMetricName(n)}'`);
}
