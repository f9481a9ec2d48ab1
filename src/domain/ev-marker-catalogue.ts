/**
 * EV protein markers by MISEV category, for Western blot calls and proteomics coverage.
 *
 * Categories follow MISEV2018 Table 3 (Théry et al. 2018, J Extracell Vesicles 7:1535750) as kept in
 * MISEV2023 (Welsh et al. 2024, J Extracell Vesicles 13:e12404, §"Characterization"):
 *  1. transmembrane or GPI-anchored proteins associated with the plasma membrane and/or endosomes
 *     (tetraspanins, integrins, MHC I, LAMP1/2, BSG, ADAM10, CD73/CD55/CD59…) — expected in EVs;
 *  2. cytosolic proteins recovered in EVs (ESCRT/accessory TSG101, ALIX, syntenin, flotillins, annexins,
 *     HSP70/HSC70…) — expected in EVs;
 *  3. major components of non-EV co-isolated structures (lipoproteins APOA1/APOA2/APOB, albumin,
 *     uromodulin) — purity: should be low;
 *  4. proteins of other intracellular compartments (ER calnexin/GRP94/BiP, Golgi GM130, mitochondria,
 *     nucleus histones/lamins) — purity: should be depleted relative to the producing cells.
 * MSC identity markers: the ISCT minimal criteria (Dominici et al. 2006, Cytotherapy 8:315): CD73, CD90,
 * CD105 positive; CD45, CD34, CD14 or CD11b, CD79a or CD19, HLA-DR negative; CD44 is widely reported on
 * MSCs and MSC-EVs (e.g. Lai et al. 2010, Stem Cell Res 4:214).
 * Keys are HGNC gene symbols; aliases are the antibody/common names people write on blots.
 */
export const MARKER_CATEGORIES = [
  'transmembrane',
  'cytosolic',
  'co-isolate',
  'other-compartment',
  'msc-positive',
  'msc-negative',
] as const;
export type MarkerCategory = (typeof MARKER_CATEGORIES)[number];

export const MARKER_CATEGORY_LABELS: Record<MarkerCategory, string> = {
  transmembrane: 'MISEV category 1: transmembrane / GPI-anchored (EV)',
  cytosolic: 'MISEV category 2: cytosolic, recovered in EVs',
  'co-isolate': 'MISEV category 3: non-EV co-isolates (lipoproteins, albumin)',
  'other-compartment': 'MISEV category 4: other intracellular compartments',
  'msc-positive': 'MSC identity: ISCT positive markers',
  'msc-negative': 'MSC identity: ISCT negative markers',
};

/** What a marker's presence means for an EV preparation. */
export type MarkerExpectation = 'present' | 'absent-or-depleted';

export interface EvMarker {
  gene: string;
  aliases: readonly string[];
  category: MarkerCategory;
  expectation: MarkerExpectation;
}

function m(gene: string, category: MarkerCategory, aliases: string[] = []): EvMarker {
  const expectation: MarkerExpectation =
    category === 'co-isolate' || category === 'other-compartment' || category === 'msc-negative'
      ? 'absent-or-depleted'
      : 'present';
  return { gene, aliases, category, expectation };
}

export const EV_MARKERS: readonly EvMarker[] = [
  // Category 1 (MISEV2018 Table 3, 1a–1c)
  m('CD9', 'transmembrane'),
  m('CD63', 'transmembrane', ['LAMP3']),
  m('CD81', 'transmembrane', ['TAPA1']),
  m('CD82', 'transmembrane'),
  m('ITGB1', 'transmembrane', ['CD29', 'integrin beta-1']),
  m('ITGA5', 'transmembrane', ['CD49e']),
  m('HLA-A', 'transmembrane', ['MHC I', 'MHC class I']),
  m('LAMP1', 'transmembrane', ['CD107a']),
  m('LAMP2', 'transmembrane', ['CD107b']),
  m('TFRC', 'transmembrane', ['CD71', 'transferrin receptor']),
  m('BSG', 'transmembrane', ['CD147', 'EMMPRIN']),
  m('ADAM10', 'transmembrane'),
  m('CD55', 'transmembrane', ['DAF']),
  m('CD59', 'transmembrane'),
  m('SDC1', 'transmembrane', ['syndecan-1', 'CD138']),
  // Category 2 (2a, 2b)
  m('TSG101', 'cytosolic'),
  m('PDCD6IP', 'cytosolic', ['ALIX', 'AIP1']),
  m('SDCBP', 'cytosolic', ['syntenin', 'syntenin-1']),
  m('FLOT1', 'cytosolic', ['flotillin-1']),
  m('FLOT2', 'cytosolic', ['flotillin-2']),
  m('CAV1', 'cytosolic', ['caveolin-1']),
  m('VPS4A', 'cytosolic'),
  m('CHMP4B', 'cytosolic'),
  m('ANXA2', 'cytosolic', ['annexin A2']),
  m('ANXA5', 'cytosolic', ['annexin A5']),
  m('HSPA8', 'cytosolic', ['HSC70', 'HSP73']),
  m('HSPA1A', 'cytosolic', ['HSP70', 'HSP72']),
  m('HSP90AB1', 'cytosolic', ['HSP90', 'HSP90B']),
  m('ACTB', 'cytosolic', ['beta-actin', 'β-actin', 'actin']),
  m('GAPDH', 'cytosolic'),
  // Category 3
  m('APOA1', 'co-isolate', ['ApoA-I', 'ApoA1']),
  m('APOA2', 'co-isolate', ['ApoA-II']),
  m('APOB', 'co-isolate', ['ApoB', 'ApoB-100', 'ApoB100']),
  m('APOE', 'co-isolate', ['ApoE']),
  m('ALB', 'co-isolate', ['albumin', 'HSA', 'BSA']),
  m('UMOD', 'co-isolate', ['Tamm-Horsfall', 'uromodulin']),
  // Category 4
  m('CANX', 'other-compartment', ['calnexin']),
  m('HSP90B1', 'other-compartment', ['GRP94', 'gp96', 'endoplasmin']),
  m('HSPA5', 'other-compartment', ['BiP', 'GRP78']),
  m('GOLGA2', 'other-compartment', ['GM130']),
  m('CYC1', 'other-compartment', ['cytochrome c1']),
  m('TOMM20', 'other-compartment'),
  m('VDAC1', 'other-compartment', ['porin']),
  m('LMNA', 'other-compartment', ['lamin A/C', 'lamin A']),
  m('H3C1', 'other-compartment', ['histone H3', 'H3', 'HIST1H3A']),
  m('H2BC12', 'other-compartment', ['histone H2B', 'H2B']),
  m('H4C1', 'other-compartment', ['histone H4', 'H4', 'HIST1H4A']),
  m('ATG9A', 'other-compartment'),
  // ISCT MSC identity (Dominici et al. 2006)
  m('NT5E', 'msc-positive', ['CD73']),
  m('THY1', 'msc-positive', ['CD90']),
  m('ENG', 'msc-positive', ['CD105', 'endoglin']),
  m('CD44', 'msc-positive', ['HCAM']),
  m('PTPRC', 'msc-negative', ['CD45']),
  m('CD34', 'msc-negative'),
  m('CD14', 'msc-negative'),
  m('ITGAM', 'msc-negative', ['CD11b']),
  m('CD79A', 'msc-negative', ['CD79a']),
  m('CD19', 'msc-negative'),
  m('HLA-DRA', 'msc-negative', ['HLA-DR']),
];

function norm(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const BY_NAME = new Map<string, EvMarker>();
for (const marker of EV_MARKERS) {
  BY_NAME.set(norm(marker.gene), marker);
  for (const a of marker.aliases) if (!BY_NAME.has(norm(a))) BY_NAME.set(norm(a), marker);
}

/** The marker a gene symbol or a common antibody name refers to (case, spaces, hyphens ignored). */
export function findMarker(name: string): EvMarker | undefined {
  return BY_NAME.get(norm(name));
}

/**
 * Where TOP_EV_PROTEINS comes from. An entry-by-entry copy of ExoCarta's "Top 100 proteins that are often
 * identified in exosomes" (Keerthikumar et al. 2016, J Mol Biol 428:688; ExoCarta_top100_protein_details_5.txt)
 * could not be reached from this project (the file is referenced by public analysis scripts but its contents
 * were not retrievable), and the former 80-gene list had been written from memory. The list is therefore the
 * protein-level examples of MISEV2018 Table 3 categories 1 and 2 kept in EV_MARKERS above — the proteins
 * MISEV2018 expects in any EV preparation — and says so.
 */
export const TOP_EV_PROTEINS_SOURCE =
  'MISEV2018 Table 3 categories 1 (transmembrane/GPI-anchored) and 2 (cytosolic, recovered in EVs) (Théry et al. 2018, J Extracell Vesicles 7:1535750), as kept in src/domain/ev-marker-catalogue.ts';

/**
 * EV proteins whose detection a proteome is scored on (coverage "detected/total"): HGNC symbols of the
 * MISEV2018 Table 3 category 1 and 2 markers of EV_MARKERS, in catalogue order. See TOP_EV_PROTEINS_SOURCE.
 */
export const TOP_EV_PROTEINS: readonly string[] = EV_MARKERS.filter(
  (marker) => marker.category === 'transmembrane' || marker.category === 'cytosolic',
).map((marker) => marker.gene);
