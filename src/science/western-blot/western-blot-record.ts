/** A Western blot's densitometry, as evlab keeps it whatever the export: bands with a lane and a marker. */
export const LANE_ROLES = ['ev', 'lysate', 'blank', 'ladder', 'other'] as const;
export type LaneRole = (typeof LANE_ROLES)[number];

export interface BlotLane {
  lane: number;
  sample: string;
  role: LaneRole;
  /** Protein loaded, µg (equal loading is what makes EV-vs-lysate comparisons meaningful). */
  loadingUg: number | null;
}

export interface BlotBand {
  /** Marker as written (antibody target), e.g. "CD63", "ALIX", "calnexin". */
  marker: string;
  lane: number;
  /** Densitometry signal: Gel Analyzer peak Area, or IntDen / RawIntDen from Measure. */
  signal: number;
  /** Gel Analyzer's Percent, when given. */
  percent: number | null;
}

export interface DensitometryRecord {
  source: 'gel-analyzer' | 'measure' | 'long';
  /** Which column the signal came from: Area, IntDen, RawIntDen, signal. */
  signalColumn: string;
  bands: BlotBand[];
  /** Lane map carried in the table itself (Sample, Role, Loading_ug columns), else null. */
  lanes: BlotLane[] | null;
}
