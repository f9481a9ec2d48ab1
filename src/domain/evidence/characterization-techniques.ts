import type { CharacterizationTechnique, EvProteinMarkers } from './evidence-schemas.ts';
import { ref, review } from './provenance.ts';

/**
 * Table 3 and section 3 of Li et al. 2025 (Front Cell Dev Biol 13:1626996): the characterization
 * techniques and what each is used for (paraphrased), with the strengths and limits section 3 gives.
 */
export const CHARACTERIZATION_TECHNIQUES: CharacterizationTechnique[] = [
  {
    id: 'electron-microscopy',
    name: 'Electron microscopy (TEM / SEM)',
    abbreviation: 'TEM/SEM',
    primaryApplication: 'High-resolution images of EV morphology and size distribution',
    measures: ['morphology', 'size', 'membrane integrity'],
    strengths: [
      'TEM resolves the lipid bilayer and internal cargo and tells single EVs from similar-sized particles',
      'SEM gives 3D surface views',
    ],
    limitations: [],
    citations: [
      review('section 3.1'),
      ref('Klaihmon et al.', 2023),
      ref('Ju et al.', 2022),
      ref('Colombo et al.', 2021),
    ],
    reviewLocation: 'Table 3',
    section: 'section 3.1',
  },
  {
    id: 'nta',
    name: 'Nanoparticle tracking analysis',
    abbreviation: 'NTA',
    primaryApplication: 'Particle concentration and size distribution',
    measures: ['particle concentration', 'size distribution'],
    strengths: ['Fast, sensitive and reproducible across sources and isolation methods'],
    limitations: ['Affected by particle aggregation and sample viscosity; the method needs standardising'],
    citations: [review('section 3.2'), ref('Comfort et al.', 2021), ref('Colombo et al.', 2021)],
    reviewLocation: 'Table 3',
    section: 'section 3.2',
  },
  {
    id: 'western-blot',
    name: 'Western blot',
    abbreviation: 'WB',
    primaryApplication: 'Detect EV protein markers to judge identity, purity and amount',
    measures: [
      'positive markers (CD9, CD63, CD81, Alix, TSG101, syntenin-1)',
      'negative markers (calnexin, GM130)',
    ],
    strengths: ['Qualitative and quantitative for named proteins'],
    limitations: ['Needs fairly pure, concentrated samples'],
    citations: [
      review('section 3.3'),
      ref('Torres et al.', 2024),
      ref('Li P. et al.', 2024),
      ref('Khanabdali et al.', 2024),
    ],
    reviewLocation: 'Table 3',
    section: 'section 3.3',
  },
  {
    id: 'elisa',
    name: 'Enzyme-linked immunosorbent assay',
    abbreviation: 'ELISA',
    primaryApplication: 'Quantify EVs through antigen–antibody binding',
    measures: ['amount of a chosen EV antigen'],
    strengths: [
      'Sensitive, fast, easy and scalable to higher throughput',
      'Can count EVs of a given cell origin',
    ],
    limitations: ['Needs a matched pair of non-interfering antibodies', 'Usually one analyte per assay'],
    citations: [review('section 3.4'), ref('Karachaliou et al.', 2023), ref('Islam et al.', 2023)],
    reviewLocation: 'Table 3',
    section: 'section 3.4',
  },
  {
    id: 'flow-cytometry',
    name: 'Flow cytometry',
    abbreviation: 'FCM',
    primaryApplication: 'Quantify EVs by size, surface markers and fluorescence',
    measures: ['size (scatter)', 'surface markers', 'fluorescence'],
    strengths: [
      'Single-particle, thousands per second',
      'Multiparametric subpopulation analysis',
      'High-throughput screening',
    ],
    limitations: [],
    citations: [
      review('section 3.5'),
      ref('Welsh et al.', 2023),
      ref('Bettin et al.', 2023),
      ref('Kuiper et al.', 2021),
    ],
    reviewLocation: 'Table 3',
    section: 'section 3.5',
  },
  {
    id: 'mass-spectrometry',
    name: 'Mass spectrometry',
    abbreviation: 'MS',
    primaryApplication: 'Composition and molecular make-up of EV cargo',
    measures: ['proteins', 'lipids', 'nucleic acids'],
    strengths: ['Broad, higher-throughput quantitative and qualitative profiling'],
    limitations: ['Needs high purity: salts and lipoproteins bias results'],
    citations: [review('section 3.6.1'), ref('Burton et al.', 2023), ref('Pocsfalvi et al.', 2016)],
    reviewLocation: 'Table 3',
    section: 'section 3.6.1',
  },
  {
    id: 'lc-ms',
    name: 'Liquid chromatography–mass spectrometry',
    abbreviation: 'LC-MS',
    primaryApplication: 'Composition and molecular make-up of EVs, with quantification',
    measures: ['proteome incl. low-abundance and post-translationally modified proteins'],
    strengths: ['Discovery proteomics and quantitative expression changes (e.g. in AD)'],
    limitations: [],
    citations: [review('section 3.6.2'), ref('Pei et al.', 2024), ref('Chang et al.', 2024)],
    reviewLocation: 'Table 3',
    section: 'section 3.6.2',
  },
];

/** EV identity proteins used in Western blot (section 3.3). */
export const EV_PROTEIN_MARKERS: EvProteinMarkers = {
  positive: ['CD9', 'CD63', 'CD81', 'Alix', 'TSG101', 'syntenin-1'],
  negative: ['calnexin', 'GM130'],
  citations: [review('section 3.3'), ref('Li P. et al.', 2024), ref('Khanabdali et al.', 2024)],
  reviewLocation: 'section 3.3',
};
