/**
 * A registered clinical trial as evlab reasons about it, independent of where the facts came from (a
 * ClinicalTrials.gov API v2 record read by src/formats/ctgov, or the curated Table 5 of Li et al. 2025,
 * Front Cell Dev Biol 13:1626996). Pure data: readers build it, classifiers and the merge read it.
 */

export interface TrialIntervention {
  /** CT.gov InterventionType (BIOLOGICAL, DRUG, PROCEDURE, ...) or '' when unknown. */
  type: string;
  name: string;
  description: string;
  otherNames: string[];
}

export interface TrialLocation {
  facility: string;
  city: string;
  country: string;
}

export interface TrialFacts {
  /** NCT followed by 8 digits. */
  nctId: string;
  /** Brief title. */
  title: string;
  officialTitle: string | null;
  /** CT.gov overall status (RECRUITING, COMPLETED, UNKNOWN, ...). */
  status: string;
  conditions: string[];
  /** CT.gov phases (EARLY_PHASE1, PHASE1, ..., NA); empty when not given. */
  phases: string[];
  /** First posted, YYYY-MM-DD (CT.gov `studyFirstPostDateStruct.date`, month-only dates get day 01). */
  firstPosted: string | null;
  interventions: TrialIntervention[];
  locations: TrialLocation[];
  hasResults: boolean;
  /** YYYY-MM-DD (or YYYY-MM) of CT.gov's last update post, when known: when the status was published. */
  lastUpdatePosted: string | null;
}

/** Matches a well-formed NCT number. */
export const NCT_ID_PATTERN = /^NCT\d{8}$/;

/** Countries named by the locations, in first-seen order, without duplicates or blanks. */
export function countriesOf(locations: readonly TrialLocation[]): string[] {
  const out: string[] = [];
  for (const l of locations) {
    const c = l.country.trim();
    if (c !== '' && !out.includes(c)) out.push(c);
  }
  return out;
}

/** The four-digit year of a YYYY-MM-DD date, or null. */
export function yearOf(date: string | null): number | null {
  if (date === null) return null;
  const m = /^(\d{4})/.exec(date);
  return m ? Number(m[1]) : null;
}
