/**
 * What an EV scientist asks of a protein table: how many proteins per sample after removing decoys,
 * contaminants and only-by-site groups; which MISEV marker categories and how much of a top-EV-protein
 * list are covered; how much of the signal is serum/lipoprotein or flagged contaminants; whether the
 * ISCT MSC markers are there; and, with a cell-lysate sample, the EV-vs-lysate log2 ratios (volcano).
 */
import {
  EV_MARKERS,
  findMarker,
  MARKER_CATEGORIES,
  type MarkerCategory,
  TOP_EV_PROTEINS,
  TOP_EV_PROTEINS_SOURCE,
} from '../../domain/ev-marker-catalogue.ts';
import { studentTCdf } from '../pk/fitting/student-t.ts';
import type { ProteinRow, ProteinTableRecord, QuantityKind, TableCheck } from './protein-table-record.ts';

/** Co-isolate genes whose share of the summed intensity is reported (MISEV category 3). */
export const SERUM_GENES = ['ALB', 'APOA1', 'APOA2', 'APOB', 'APOE'] as const;

export interface CategoryCoverage {
  category: MarkerCategory;
  markers: number;
  detected: string[];
  missing: string[];
}

export interface SampleSummary {
  sample: string;
  role: 'ev' | 'lysate';
  proteins: number;
  /** Coverage per MISEV/ISCT category: markers with a quantity > 0 in this sample. */
  categories: CategoryCoverage[];
  topEvDetected: number;
  topEvTotal: number;
  /** Share of summed intensity (non-decoy rows, contaminants included) carried by ALB/APO genes, %. */
  serumProteinSharePct: number | null;
  /** Share carried by rows flagged as contaminants (MaxQuant CON__, FragPipe contam_), %. */
  flaggedContaminantSharePct: number | null;
  /** Share carried by bovine proteins (organism Bos taurus or _BOVIN ids: culture-medium FBS), %. */
  bovineSharePct: number | null;
}

export interface VolcanoPoint {
  gene: string;
  proteinId: string;
  log2Ratio: number;
  pValue: number | null;
  category: MarkerCategory | null;
}

export interface ProteomicsReport {
  file?: string;
  software: ProteinTableRecord['software'];
  samples: string[];
  quantityKinds: QuantityKind[];
  /** Quantity used for presence and ratios (LFQ, else intensity, else spectral counts). */
  quantity: QuantityKind;
  rows: { total: number; reverse: number; contaminant: number; onlyBySite: number; kept: number };
  checks: TableCheck[];
  perSample: SampleSummary[];
  /** Markers detected in any EV sample, by category (the batch metric). */
  evCategories: CategoryCoverage[];
  topEvCoverage: { detected: number; total: number; source: string };
  msc: { positive: string[]; negativeDetected: string[] };
  volcano: { evSamples: string[]; lysateSamples: string[]; points: VolcanoPoint[]; test: string } | null;
  flags: { code: string; level: 'info' | 'warning'; message: string }[];
}

export interface ProteomicsOptions {
  /** Samples that are producing-cell lysates; default: names containing "lysate", "cell" or "WCL". */
  lysateSamples?: string[];
}

function isLysateName(name: string): boolean {
  const s = name.toLowerCase();
  return s.includes('lysate') || s.includes('wcl') || s.includes('cell');
}

function geneSymbols(row: ProteinRow): string[] {
  return row.genes.map((g) => g.toUpperCase());
}

function categoryCoverage(present: Set<string>): CategoryCoverage[] {
  return MARKER_CATEGORIES.map((category) => {
    const markers = EV_MARKERS.filter((m) => m.category === category).map((m) => m.gene);
    return {
      category,
      markers: markers.length,
      detected: markers.filter((g) => present.has(g)),
      missing: markers.filter((g) => !present.has(g)),
    };
  });
}

function share(rows: readonly ProteinRow[], sample: number, pick: (r: ProteinRow) => boolean): number | null {
  let total = 0;
  let part = 0;
  for (const r of rows) {
    const v = r.quantities.intensity?.[sample] ?? 0;
    total += v;
    if (pick(r)) part += v;
  }
  return total > 0 ? (part / total) * 100 : null;
}

/** Welch's t-test on two samples; two-sided p (Welch 1947, Biometrika 34:28). Null with < 2 per side. */
export function welchTTest(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2 || b.length < 2) return null;
  const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const variance = (x: readonly number[], m: number) =>
    x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
  const ma = mean(a);
  const mb = mean(b);
  const va = variance(a, ma) / a.length;
  const vb = variance(b, mb) / b.length;
  if (va + vb === 0) return null;
  const t = (ma - mb) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return 2 * (1 - studentTCdf(Math.abs(t), df));
}

export function analyseProteomics(
  record: ProteinTableRecord,
  options: ProteomicsOptions = {},
): ProteomicsReport {
  const nonDecoy = record.rows.filter((r) => !r.reverse);
  const kept = record.rows.filter((r) => !r.reverse && !r.contaminant && !r.onlyBySite);
  const quantity: QuantityKind =
    (['lfq', 'intensity', 'spectralCount'] as const).find(
      (k) => record.quantityKinds.includes(k) && kept.some((r) => (r.quantities[k] ?? []).some((v) => v > 0)),
    ) ??
    record.quantityKinds[0] ??
    'intensity';
  const lysates = new Set(options.lysateSamples ?? record.samples.filter(isLysateName));
  const unknown = [...lysates].filter((s) => !record.samples.includes(s));
  const flags: ProteomicsReport['flags'] = [];
  if (unknown.length > 0)
    flags.push({
      code: 'unknown-lysate-sample',
      level: 'warning',
      message: `no sample named ${unknown.join(', ')} in the table`,
    });

  const perSample: SampleSummary[] = record.samples.map((sample, k) => {
    const present = new Set<string>();
    let proteins = 0;
    for (const r of kept) {
      if ((r.quantities[quantity]?.[k] ?? 0) > 0) {
        proteins++;
        for (const g of geneSymbols(r)) present.add(findMarker(g)?.gene ?? g);
      }
    }
    const hasIntensity = record.quantityKinds.includes('intensity');
    return {
      sample,
      role: lysates.has(sample) ? 'lysate' : 'ev',
      proteins,
      categories: categoryCoverage(present),
      topEvDetected: TOP_EV_PROTEINS.filter((g) => present.has(g)).length,
      topEvTotal: TOP_EV_PROTEINS.length,
      serumProteinSharePct: hasIntensity
        ? share(nonDecoy, k, (r) =>
            geneSymbols(r).some((g) => (SERUM_GENES as readonly string[]).includes(g)),
          )
        : null,
      flaggedContaminantSharePct: hasIntensity ? share(nonDecoy, k, (r) => r.contaminant) : null,
      bovineSharePct: hasIntensity
        ? share(
            nonDecoy,
            k,
            (r) =>
              r.organism === 'Bos taurus' || r.proteinIds.some((id) => id.toUpperCase().endsWith('_BOVIN')),
          )
        : null,
    };
  });

  const evIdx = record.samples.map((s, k) => (lysates.has(s) ? -1 : k)).filter((k) => k >= 0);
  const lyIdx = record.samples.map((s, k) => (lysates.has(s) ? k : -1)).filter((k) => k >= 0);
  const evPresent = new Set<string>();
  for (const r of kept)
    if (evIdx.some((k) => (r.quantities[quantity]?.[k] ?? 0) > 0))
      for (const g of geneSymbols(r)) evPresent.add(findMarker(g)?.gene ?? g);
  const evCategories = categoryCoverage(evPresent);
  const posCat = evCategories.find((c) => c.category === 'msc-positive');
  const negCat = evCategories.find((c) => c.category === 'msc-negative');

  let volcano: ProteomicsReport['volcano'] = null;
  if (evIdx.length > 0 && lyIdx.length > 0) {
    const points: VolcanoPoint[] = [];
    for (const r of kept) {
      const values = r.quantities[quantity] ?? [];
      const ev = evIdx
        .map((k) => values[k] ?? 0)
        .filter((v) => v > 0)
        .map(Math.log2);
      const ly = lyIdx
        .map((k) => values[k] ?? 0)
        .filter((v) => v > 0)
        .map(Math.log2);
      if (ev.length === 0 || ly.length === 0) continue;
      const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
      const gene = r.genes[0] ?? r.proteinIds[0] ?? '';
      points.push({
        gene,
        proteinId: r.proteinIds[0] ?? '',
        log2Ratio: mean(ev) - mean(ly),
        pValue: welchTTest(ev, ly),
        category: findMarker(gene)?.category ?? null,
      });
    }
    volcano = {
      evSamples: evIdx.map((k) => record.samples[k] as string),
      lysateSamples: lyIdx.map((k) => record.samples[k] as string),
      points,
      test: `log2 mean ${quantity} EV − lysate over samples with a value; Welch t-test when both sides have ≥ 2`,
    };
  } else
    flags.push({
      code: 'no-lysate',
      level: 'info',
      message:
        'no cell-lysate sample: EV-vs-lysate ratios need one (name it "…lysate…" or pass lysateSamples)',
    });

  for (const check of record.checks)
    if (!check.passed) flags.push({ code: `check-${check.name}`, level: 'warning', message: check.detail });
  const ev1 = evCategories.find((c) => c.category === 'transmembrane');
  const ev2 = evCategories.find((c) => c.category === 'cytosolic');
  if (ev1 && ev1.detected.length === 0)
    flags.push({
      code: 'no-transmembrane-marker',
      level: 'warning',
      message: 'no MISEV category 1 (transmembrane) marker detected',
    });
  if (ev2 && ev2.detected.length === 0)
    flags.push({
      code: 'no-cytosolic-marker',
      level: 'warning',
      message: 'no MISEV category 2 (cytosolic) marker detected',
    });

  return {
    software: record.software,
    samples: record.samples,
    quantityKinds: record.quantityKinds,
    quantity,
    rows: {
      total: record.rows.length,
      reverse: record.rows.filter((r) => r.reverse).length,
      contaminant: record.rows.filter((r) => r.contaminant).length,
      onlyBySite: record.rows.filter((r) => r.onlyBySite).length,
      kept: kept.length,
    },
    checks: record.checks,
    perSample,
    evCategories,
    topEvCoverage: {
      detected: TOP_EV_PROTEINS.filter((g) => evPresent.has(g)).length,
      total: TOP_EV_PROTEINS.length,
      source: TOP_EV_PROTEINS_SOURCE,
    },
    msc: { positive: posCat?.detected ?? [], negativeDetected: negCat?.detected ?? [] },
    volcano,
    flags,
  };
}
