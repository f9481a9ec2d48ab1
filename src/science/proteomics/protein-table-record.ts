/**
 * A protein-level proteomics table as evlab keeps it, whatever the search engine: one row per protein
 * (group) with identifiers, genes, filter flags and per-sample quantities.
 */
export type ProteomicsSoftware = 'maxquant' | 'fragpipe';
export type QuantityKind = 'intensity' | 'lfq' | 'ibaq' | 'spectralCount';

export interface ProteinRow {
  proteinIds: string[];
  genes: string[];
  description: string;
  organism: string | null;
  reverse: boolean;
  contaminant: boolean;
  onlyBySite: boolean;
  /** Per-sample quantities, in `samples` order; absent kinds are missing keys. */
  quantities: Partial<Record<QuantityKind, number[]>>;
}

export interface TableCheck {
  name: string;
  passed: boolean;
  detail: string;
}

export interface ProteinTableRecord {
  software: ProteomicsSoftware;
  samples: string[];
  quantityKinds: QuantityKind[];
  /** Every row of the file, including reverse/contaminant/only-by-site ones (flags tell). */
  rows: ProteinRow[];
  /** The file's own consistency checks (sums of per-sample columns and the like). */
  checks: TableCheck[];
}
