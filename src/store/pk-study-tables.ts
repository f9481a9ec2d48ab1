/**
 * Tables of the PK-study module (migration 0003-pk-studies). Same conventions as database-schema.ts: text
 * ids, ISO timestamps as text, JSON as text, double precision numbers, booleans as integer 0/1.
 */
import type { AdministrationRoute } from '../domain/administration-route.ts';
import type { EvLabel } from '../domain/ev-label.ts';
import type { DoseUnit, PkSpecies } from '../domain/pk-study.ts';

export interface PkStudiesTable {
  id: string;
  batch_id: string;
  title: string;
  species: PkSpecies;
  strain: string;
  body_weight_kg: number | null;
  route: AdministrationRoute;
  dose_value: number;
  dose_unit: DoseUnit;
  /** 1 when the dose is per kg body weight, 0 per animal. */
  dose_per_kg: number;
  label: EvLabel | null;
  /** YYYY-MM-DD */
  dosed_on: string | null;
  /** PkObservations as JSON text. */
  observations_json: string;
  /** Row counts, kept beside the JSON so lists need not parse it. */
  concentration_time_rows: number;
  biodistribution_rows: number;
  /** PkStudySourceFile[] as JSON text: the raw files the rows were read from (default '[]'). */
  source_files_json: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface PkStudyTables {
  pk_studies: PkStudiesTable;
}
