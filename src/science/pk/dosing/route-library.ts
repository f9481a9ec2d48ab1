/**
 * PK-specific facts per administration route: how a dose enters the body (the default absorption assumption
 * a PK model should start from), whether bioavailability is known a priori, and the injection volumes per
 * species that good practice allows. Keyed by the slugs of src/domain/administration-route.ts.
 *
 * Route descriptions from the review (distribution, half-life, typical use: Li et al. 2025, Table 4) live in
 * the evidence tables (src/domain/evidence/), not here.
 */
import { ADMINISTRATION_ROUTES, type AdministrationRoute } from '../../../domain/administration-route.ts';
import type { Citation } from '../../../domain/citation.ts';

/**
 * Diehl et al. 2001: good-practice and possible-maximum dose volumes (their Table 1, "Administration
 * volumes considered good practice (and possible maximal dose volumes)"; mL/kg, except intramuscular in
 * mouse and rat, which is mL per site). Checked against reproductions of the table in institutional
 * guidelines (UC Davis "Acceptable Volumes for Drug Administration"; a Diehl-based guideline on studylib):
 * oral, SC, IP, IM and IV values for mouse, rat, rabbit and dog match. Corrected: rabbit and dog IM are
 * 0.25 (0.5) mL/kg in Diehl, not 250 (500) µL per site.
 */
export const DIEHL_2001: Citation = {
  authors: 'Diehl et al.',
  year: 2001,
  title:
    'A good practice guide to the administration of substances and removal of blood, including routes and volumes',
  journal: 'J. Appl. Toxicol. 21:15–23',
  doi: '10.1002/jat.727',
  location: 'Table 1',
};
/** Intranasal volume and deposition in mice: small volumes stay in the nose, ≥ 50 µL reach the lungs. */
export const SOUTHAM_2002: Citation = {
  authors: 'Southam et al.',
  year: 2002,
  title:
    'Distribution of intranasal instillations in mice: effects of volume, time, body position, and anesthesia',
  journal: 'Am. J. Physiol. Lung Cell. Mol. Physiol. 282:L833–L839',
};
/** Direct lumbar intrathecal injection in conscious mice, 5 µL. */
export const HYLDEN_WILCOX_1980: Citation = {
  authors: 'Hylden & Wilcox',
  year: 1980,
  title: 'Intrathecal morphine in mice: a new technique',
  journal: 'Eur. J. Pharmacol. 67:313–316',
  doi: '10.1016/0014-2999(80)90515-4',
};
/** Bioavailability of an extravascular dose from the AUC ratio against an IV dose (standard PK). */
export const GIBALDI_PERRIER_1982: Citation = {
  authors: 'Gibaldi & Perrier',
  year: 1982,
  title: 'Pharmacokinetics, 2nd edition',
  journal: 'Marcel Dekker, New York',
};
/** Rapid blood clearance of IV EVs (gLuc-lactadherin B16-BL6 exosomes: half-life about 2 min in mice). */
export const TAKAHASHI_2013: Citation = {
  authors: 'Takahashi et al.',
  year: 2013,
  title:
    'Visualization and in vivo tracking of the exosomes of murine melanoma B16-BL6 cells in mice after intravenous injection',
  journal: 'J. Biotechnol. 165:77–84',
  doi: '10.1016/j.jbiotec.2013.03.013',
};
/** IV EVs distribute mainly to liver, spleen, GI tract and lungs; route and cell source change the pattern. */
export const WIKLANDER_2015: Citation = {
  authors: 'Wiklander et al.',
  year: 2015,
  title:
    'Extracellular vesicle in vivo biodistribution is determined by cell source, route of administration and targeting',
  journal: 'J. Extracell. Vesicles 4:26316',
  doi: '10.3402/jev.v4.26316',
};

/** How a PK model should let the dose in. */
export type AbsorptionModel = 'iv-bolus' | 'first-order' | 'local';

export type VolumeSpecies = 'mouse' | 'rat' | 'rabbit' | 'dog';

export interface RouteVolumeLimit {
  species: VolumeSpecies;
  /** Good-practice volume, mL per kg body weight (null when the limit is a fixed volume). */
  goodPracticeMlPerKg: number | null;
  /** Possible maximum, mL/kg (null when not tabulated). */
  possibleMaxMlPerKg: number | null;
  /** A fixed volume per animal (or per site), µL, when the limit does not scale with weight. */
  fixedMaxUl: number | null;
  /** Possible maximum of a fixed volume, µL (null when not tabulated). */
  fixedPossibleMaxUl: number | null;
  /** What the fixed volume is per: the animal (all nostrils, one injection) or one injection site. */
  fixedPer: 'animal' | 'site' | null;
  citation: Citation;
  note: string | null;
}

export interface RouteProfile {
  route: AdministrationRoute;
  absorption: AbsorptionModel;
  /** Bioavailability known by definition (1 for IV); null = to be measured against an IV arm. */
  bioavailability: number | null;
  assumption: string;
  assumptionCitation: Citation;
  volumes: RouteVolumeLimit[];
  notes: { text: string; citation: Citation }[];
}

const FIRST_ORDER =
  'Extravascular: first-order absorption; bioavailability F is unknown until measured as F = (AUC_route × Dose_IV) / (AUC_IV × Dose_route).';
const LOCAL =
  'Local delivery: concentrations at the site are the relevant exposure; blood levels reflect what leaves the compartment, so plasma NCA does not describe the target tissue.';

function diehl(
  species: VolumeSpecies,
  goodPracticeMlPerKg: number | null,
  possibleMaxMlPerKg: number | null,
  note: string | null = null,
): RouteVolumeLimit {
  return {
    species,
    goodPracticeMlPerKg,
    possibleMaxMlPerKg,
    fixedMaxUl: null,
    fixedPossibleMaxUl: null,
    fixedPer: null,
    citation: DIEHL_2001,
    note,
  };
}

function diehlPerSite(
  species: VolumeSpecies,
  goodPracticeUl: number,
  possibleMaxUl: number,
): RouteVolumeLimit {
  return {
    species,
    goodPracticeMlPerKg: null,
    possibleMaxMlPerKg: null,
    fixedMaxUl: goodPracticeUl,
    fixedPossibleMaxUl: possibleMaxUl,
    fixedPer: 'site',
    citation: DIEHL_2001,
    note: 'per injection site',
  };
}

const NO_TABLE =
  'No tabulated maximum volume for this route: enter the volume your approved protocol allows.';

export const ROUTE_LIBRARY: Record<AdministrationRoute, RouteProfile> = {
  intravenous: {
    route: 'intravenous',
    absorption: 'iv-bolus',
    bioavailability: 1,
    assumption: 'The whole dose enters the central compartment at time 0 (F = 1 by definition).',
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [
      // Diehl 2001 Table 1, IV bolus; slow injection possible maximum in the note.
      diehl('mouse', 5, null, 'bolus; slow injection up to 25 mL/kg'),
      diehl('rat', 5, null, 'bolus; slow injection up to 20 mL/kg'),
      diehl('rabbit', 2, null, 'bolus; slow injection up to 10 mL/kg'),
      diehl('dog', 2.5, null, 'bolus; slow injection up to 5 mL/kg'),
    ],
    notes: [
      {
        text: 'Intravenous EVs leave the blood within minutes in mice; sample early (≤ 5 min) or the distribution phase is missed.',
        citation: TAKAHASHI_2013,
      },
      {
        text: 'After IV dosing EV signal concentrates in liver, spleen, GI tract and lungs; cell source and targeting shift it.',
        citation: WIKLANDER_2015,
      },
    ],
  },
  intranasal: {
    route: 'intranasal',
    absorption: 'local',
    bioavailability: null,
    assumption: `${LOCAL} Nose-to-brain transport bypasses the blood for part of the dose.`,
    assumptionCitation: SOUTHAM_2002,
    volumes: [
      {
        species: 'mouse',
        goodPracticeMlPerKg: null,
        possibleMaxMlPerKg: null,
        fixedMaxUl: 30,
        fixedPossibleMaxUl: null,
        fixedPer: 'animal',
        citation: SOUTHAM_2002,
        note: 'total over both nostrils in small drops; evlab keeps below the 50 µL at which most of an instillation reaches the lungs',
      },
    ],
    notes: [
      {
        text: 'The instilled volume decides where the dose goes: a few µL stay in the nasal cavity, 50 µL reach the lungs in most mice.',
        citation: SOUTHAM_2002,
      },
      {
        text: 'Distribution also differs from IV: compare routes at equal particle doses with the same label.',
        citation: WIKLANDER_2015,
      },
    ],
  },
  subcutaneous: {
    route: 'subcutaneous',
    absorption: 'first-order',
    bioavailability: null,
    assumption: `${FIRST_ORDER} Uptake is slow and partly lymphatic.`,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [diehl('mouse', 10, 40), diehl('rat', 5, 10), diehl('rabbit', 1, 2), diehl('dog', 1, 2)],
    notes: [
      {
        text: 'Good-practice volumes are per kg and may be split over several sites.',
        citation: DIEHL_2001,
      },
    ],
  },
  intraperitoneal: {
    route: 'intraperitoneal',
    absorption: 'first-order',
    bioavailability: null,
    assumption: FIRST_ORDER,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [diehl('mouse', 20, 80), diehl('rat', 10, 20), diehl('rabbit', 5, 20), diehl('dog', 1, 20)],
    notes: [
      {
        text: 'IP biodistribution of EVs differs from IV (more signal in pancreas and GI tract); do not pool routes.',
        citation: WIKLANDER_2015,
      },
    ],
  },
  intrathecal: {
    route: 'intrathecal',
    absorption: 'local',
    bioavailability: null,
    assumption: LOCAL,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [
      {
        species: 'mouse',
        goodPracticeMlPerKg: null,
        possibleMaxMlPerKg: null,
        fixedMaxUl: 5,
        fixedPossibleMaxUl: null,
        fixedPer: 'animal',
        citation: HYLDEN_WILCOX_1980,
        note: 'direct lumbar puncture in the conscious mouse (L5–L6), 5 µL',
      },
    ],
    notes: [
      { text: NO_TABLE.replace('No tabulated', 'Beyond the mouse, no tabulated'), citation: DIEHL_2001 },
    ],
  },
  intracerebroventricular: {
    route: 'intracerebroventricular',
    absorption: 'local',
    bioavailability: null,
    assumption: LOCAL,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  intracerebral: {
    route: 'intracerebral',
    absorption: 'local',
    bioavailability: null,
    assumption: LOCAL,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  intratympanic: {
    route: 'intratympanic',
    absorption: 'local',
    bioavailability: null,
    assumption: `${LOCAL} The middle-ear cavity sets the volume.`,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  intravitreal: {
    route: 'intravitreal',
    absorption: 'local',
    bioavailability: null,
    assumption: LOCAL,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  inhaled: {
    route: 'inhaled',
    absorption: 'local',
    bioavailability: null,
    assumption: `${LOCAL} The deposited dose is a fraction of the nebulised dose and must be measured.`,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  topical: {
    route: 'topical',
    absorption: 'local',
    bioavailability: null,
    assumption: `${LOCAL} Dose per area of application is the meaningful unit.`,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  'intra-articular': {
    route: 'intra-articular',
    absorption: 'local',
    bioavailability: null,
    assumption: LOCAL,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  intramuscular: {
    route: 'intramuscular',
    absorption: 'first-order',
    bioavailability: null,
    assumption: FIRST_ORDER,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [
      diehlPerSite('mouse', 50, 100),
      diehlPerSite('rat', 100, 200),
      // Diehl 2001 Table 1: per-site volumes only for mouse and rat; rabbit and dog are per kg.
      diehl('rabbit', 0.25, 0.5),
      diehl('dog', 0.25, 0.5),
    ],
    notes: [],
  },
  oral: {
    route: 'oral',
    absorption: 'first-order',
    bioavailability: null,
    assumption: FIRST_ORDER,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [diehl('mouse', 10, 50), diehl('rat', 10, 40), diehl('rabbit', 10, 15), diehl('dog', 5, 15)],
    notes: [],
  },
  'local-injection': {
    route: 'local-injection',
    absorption: 'local',
    bioavailability: null,
    assumption: LOCAL,
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
  other: {
    route: 'other',
    absorption: 'local',
    bioavailability: null,
    assumption: 'Unspecified route: no absorption model is assumed.',
    assumptionCitation: GIBALDI_PERRIER_1982,
    volumes: [],
    notes: [{ text: NO_TABLE, citation: DIEHL_2001 }],
  },
};

/** Every route, in the vocabulary's order. */
export function routeProfiles(): RouteProfile[] {
  return ADMINISTRATION_ROUTES.map((r) => ROUTE_LIBRARY[r]);
}

export interface MaxInjectionVolume {
  /** Good-practice maximum for this animal, µL (null when nothing is tabulated). */
  goodPracticeUl: number | null;
  /** Possible maximum, µL (null when not tabulated). */
  possibleMaxUl: number | null;
  basis: string;
  /** Where the limit comes from (null for a limit the user gave). */
  citation: Citation | null;
}

/**
 * The injection-volume limit for one animal: per-kg limits times the body weight, or the fixed volume.
 * Null when the route has no tabulated limit for the species.
 */
export function maxInjectionVolume(
  route: AdministrationRoute,
  species: string,
  bodyWeightKg: number | null,
): MaxInjectionVolume | null {
  const limit = ROUTE_LIBRARY[route].volumes.find((v) => v.species === species);
  if (!limit) return null;
  if (limit.fixedMaxUl !== null) {
    return {
      goodPracticeUl: limit.fixedMaxUl,
      possibleMaxUl: limit.fixedPossibleMaxUl,
      basis: `${limit.fixedMaxUl} µL ${limit.fixedPer === 'site' ? 'per site' : 'per animal'}`,
      citation: limit.citation,
    };
  }
  if (bodyWeightKg === null || !(bodyWeightKg > 0)) return null;
  const ul = (mlPerKg: number | null) => (mlPerKg === null ? null : mlPerKg * bodyWeightKg * 1000);
  return {
    goodPracticeUl: ul(limit.goodPracticeMlPerKg),
    possibleMaxUl: ul(limit.possibleMaxMlPerKg),
    basis: `${limit.goodPracticeMlPerKg} mL/kg × ${bodyWeightKg} kg${limit.note ? ` (${limit.note})` : ''}`,
    citation: limit.citation,
  };
}
