/**
 * The primary literature the isolation-method catalogue cites. One constant per paper; DOIs without the
 * https://doi.org/ prefix. Every number in method-catalogue.ts points at one or more of these.
 */
import { type Citation, LI_2025_REVIEW } from '../../domain/citation.ts';

/** A citation whose DOI is known (every catalogue value needs authors, year and DOI). */
export type SourcedCitation = Citation & { doi: string };

/** The review the product is built around; its sections summarise primary work. */
export const LI_2025: SourcedCitation = { ...LI_2025_REVIEW, doi: '10.3389/fcell.2025.1626996' };

/** Cell-culture and biofluid protocol: 300 ×g 10 min, 2,000 ×g 10 min, 10,000 ×g 30 min, 100,000 ×g 70 min (×2). */
export const THERY_2006: SourcedCitation = {
  authors: 'Théry et al.',
  year: 2006,
  title: 'Isolation and characterization of exosomes from cell culture supernatants and biological fluids',
  journal: 'Curr. Protoc. Cell Biol. Chapter 3: Unit 3.22',
  doi: '10.1002/0471143030.cb0322s30',
};

export const THERY_2018_MISEV: SourcedCitation = {
  authors: 'Théry et al.',
  year: 2018,
  title: 'Minimal information for studies of extracellular vesicles 2018 (MISEV2018)',
  journal: 'J. Extracell. Vesicles 7:1535750',
  doi: '10.1080/20013078.2018.1535750',
};

export const WELSH_2024_MISEV: SourcedCitation = {
  authors: 'Welsh et al.',
  year: 2024,
  title: 'Minimal information for studies of extracellular vesicles (MISEV2023)',
  journal: 'J. Extracell. Vesicles 13:e12404',
  doi: '10.1002/jev2.12404',
};

/**
 * Particle-to-protein purity ratio and its thresholds. Title, journal, date (published 10 Jan 2013) and DOI
 * checked against PubMed 24009896 (abstract). The numeric purity bands were not re-read in a stored copy.
 */
export const WEBBER_CLAYTON_2013: SourcedCitation = {
  authors: 'Webber & Clayton',
  year: 2013,
  title: 'How pure are your vesicles?',
  journal: 'J. Extracell. Vesicles 2:19861',
  doi: '10.3402/jev.v2i0.19861',
};

export const BOING_2014: SourcedCitation = {
  authors: 'Böing et al.',
  year: 2014,
  title: 'Single-step isolation of extracellular vesicles by size-exclusion chromatography',
  journal: 'J. Extracell. Vesicles 3:23430',
  doi: '10.3402/jev.v3.23430',
};

export const LOBB_2015: SourcedCitation = {
  authors: 'Lobb et al.',
  year: 2015,
  title: 'Optimized exosome isolation protocol for cell culture supernatant and human plasma',
  journal: 'J. Extracell. Vesicles 4:27031',
  doi: '10.3402/jev.v4.27031',
};

export const NORDIN_2015: SourcedCitation = {
  authors: 'Nordin et al.',
  year: 2015,
  title:
    'Ultrafiltration with size-exclusion liquid chromatography for high yield isolation of extracellular vesicles preserving intact biophysical and functional properties',
  journal: 'Nanomedicine 11(4):879–883',
  doi: '10.1016/j.nano.2015.01.003',
};

/**
 * Checked: Cells 2018, 7(12), 273, DOI 10.3390/cells7120273 (MDPI page and PMC6315734). Abstract: TFF vs UC of
 * conditioned medium — comparable EVs, higher yield, fewer single macromolecules/aggregates (<15 nm), better
 * batch consistency, in half the processing time (1 h).
 */
export const BUSATTO_2018: SourcedCitation = {
  authors: 'Busatto et al.',
  year: 2018,
  title:
    'Tangential flow filtration for highly efficient concentration of extracellular vesicles from large volumes of fluid',
  journal: 'Cells 7(12):273',
  doi: '10.3390/cells7120273',
};

/**
 * Checked: DOI 10.1038/s41598-018-24163-y resolves to this Scientific Reports article (nature.com). Not in
 * J. Extracell. Vesicles (an older chain citation said "J Extracell Vesicles 7:1534037"; that was wrong).
 */
export const HEATH_2018: SourcedCitation = {
  authors: 'Heath et al.',
  year: 2018,
  title:
    'Rapid isolation and enrichment of extracellular vesicle preparations using anion exchange chromatography',
  journal: 'Sci. Rep. 8:5730',
  doi: '10.1038/s41598-018-24163-y',
};

/**
 * MSC-EVs purified by anion-exchange chromatography, tested in a traumatic brain injury model. Checked against
 * PMC4711859: PNAS 113(1):170–175, DOI 10.1073/pnas.1522297113 (online 22 Dec 2015, issue January 2016).
 * Abstract: MSCs in protein-free medium, EVs isolated with a scalable chromatographic procedure.
 */
export const KIM_2016: SourcedCitation = {
  authors: 'Kim et al.',
  year: 2016,
  title:
    'Chromatographically isolated CD63+CD81+ extracellular vesicles from mesenchymal stromal cells rescue cognitive impairments after TBI',
  journal: 'Proc. Natl. Acad. Sci. USA 113(1):170–175',
  doi: '10.1073/pnas.1522297113',
};

/** DOI checked: 10.1038/srep23978 resolves to the ExtraPEG article (nature.com). Protocol numbers not re-read. */
export const RIDER_2016: SourcedCitation = {
  authors: 'Rider et al.',
  year: 2016,
  title: 'ExtraPEG: a polyethylene glycol-based method for enrichment of extracellular vesicles',
  journal: 'Sci. Rep. 6:23978',
  doi: '10.1038/srep23978',
};

export const TAURO_2012: SourcedCitation = {
  authors: 'Tauro et al.',
  year: 2012,
  title:
    'Comparison of ultracentrifugation, density gradient separation, and immunoaffinity capture methods for isolating human colon cancer cell line LIM1863-derived exosomes',
  journal: 'Methods 56(2):293–304',
  doi: '10.1016/j.ymeth.2012.01.002',
};

/**
 * EXODUS. Published in Nature Methods (the brief suggested ACS Nano 15:11843; the EXODUS paper
 * itself is Nat. Methods 18:212–218, 2021).
 */
export const CHEN_2021_EXODUS: SourcedCitation = {
  authors: 'Chen et al.',
  year: 2021,
  title: 'Exosome detection via the ultrafast-isolation system: EXODUS',
  journal: 'Nat. Methods 18(2):212–218',
  doi: '10.1038/s41592-020-01034-x',
};

/** Abstract checked (BioStudies S-EPMC4689953): high-speed centrifugation forms mixed-phenotype EV aggregates. */
export const LINARES_2015: SourcedCitation = {
  authors: 'Linares et al.',
  year: 2015,
  title: 'High-speed centrifugation induces aggregation of extracellular vesicles',
  journal: 'J. Extracell. Vesicles 4:29509',
  doi: '10.3402/jev.v4.29509',
};

export const GAMEZ_VALERO_2016: SourcedCitation = {
  authors: 'Gámez-Valero et al.',
  year: 2016,
  title:
    "Size-exclusion chromatography-based isolation minimally alters extracellular vesicles' characteristics compared to precipitating agents",
  journal: 'Sci. Rep. 6:33641',
  doi: '10.1038/srep33641',
};

/**
 * Checked against PMC4449362: J Extracell Vesicles 2015 (28 May) 4:27369, DOI 10.3402/jev.v4.27369. Abstract:
 * urine concentrated by ultrafiltration, then SEC; tetraspanin-peak fractions elute before the bulk protein and
 * lack the main urine proteins such as Tamm–Horsfall protein (uromodulin).
 */
export const LOZANO_RAMOS_2015: SourcedCitation = {
  authors: 'Lozano-Ramos et al.',
  year: 2015,
  title: 'Size-exclusion chromatography-based enrichment of extracellular vesicles from urine samples',
  journal: 'J. Extracell. Vesicles 4:27369',
  doi: '10.3402/jev.v4.27369',
};

export const BENEDIKTER_2017: SourcedCitation = {
  authors: 'Benedikter et al.',
  year: 2017,
  title:
    'Ultrafiltration combined with size exclusion chromatography efficiently isolates extracellular vesicles from cell culture media for compositional and functional studies',
  journal: 'Sci. Rep. 7:15297',
  doi: '10.1038/s41598-017-15717-7',
};

/**
 * Checked against PubMed 29535850: J Extracell Vesicles 2018 (28 Feb) 7(1):1442088, DOI
 * 10.1080/20013078.2018.1442088. Abstract: hollow-fibre bioreactor + TFF + preparative SEC as a cGMP-compatible
 * process; SEC gave particle recovery comparable to ultracentrifugation with a 100-fold lower ferritin
 * (protein-complex contaminant); TFF + SEC processed large volumes without significant loss of particle yield.
 */
export const WATSON_2018: SourcedCitation = {
  authors: 'Watson et al.',
  year: 2018,
  title:
    'Scalable, cGMP-compatible purification of extracellular vesicles carrying bioactive human heterodimeric IL-15/lactadherin complexes',
  journal: 'J. Extracell. Vesicles 7:1442088',
  doi: '10.1080/20013078.2018.1442088',
};

/** Compares ExoQuick, Total Exosome Isolation, ultracentrifugation and an OptiPrep (iodixanol) gradient. */
export const VAN_DEUN_2014: SourcedCitation = {
  authors: 'Van Deun et al.',
  year: 2014,
  title: 'The impact of disparate isolation methods for extracellular vesicles on downstream RNA profiling',
  journal: 'J. Extracell. Vesicles 3:24858',
  doi: '10.3402/jev.v3.24858',
};

/** Exodisc: lab-on-a-disc with 600 nm and 20 nm filters. */
export const WOO_2017: SourcedCitation = {
  authors: 'Woo et al.',
  year: 2017,
  title:
    'Exodisc for rapid, size-selective, and efficient isolation and analysis of nanoscale extracellular vesicles from biological samples',
  journal: 'ACS Nano 11(2):1360–1370',
  doi: '10.1021/acsnano.6b06131',
};

export const YUANA_2014: SourcedCitation = {
  authors: 'Yuana et al.',
  year: 2014,
  title:
    'Co-isolation of extracellular vesicles and high-density lipoproteins using density gradient ultracentrifugation',
  journal: 'J. Extracell. Vesicles 3:23262',
  doi: '10.3402/jev.v3.23262',
};

export const KARIMI_2018: SourcedCitation = {
  authors: 'Karimi et al.',
  year: 2018,
  title: 'Detailed analysis of the plasma extracellular vesicle proteome after separation from lipoproteins',
  journal: 'Cell. Mol. Life Sci. 75(15):2873–2886',
  doi: '10.1007/s00018-018-2773-4',
};

export const CVJETKOVIC_2014: SourcedCitation = {
  authors: 'Cvjetkovic et al.',
  year: 2014,
  title:
    'The influence of rotor type and centrifugation time on the yield and purity of extracellular vesicles',
  journal: 'J. Extracell. Vesicles 3:23111',
  doi: '10.3402/jev.v3.23111',
};

export const HEINEMANN_2014: SourcedCitation = {
  authors: 'Heinemann et al.',
  year: 2014,
  title: 'Benchtop isolation and characterization of functional exosomes by sequential filtration',
  journal: 'J. Chromatogr. A 1371:125–135',
  doi: '10.1016/j.chroma.2014.10.026',
};

export const MENDT_2018: SourcedCitation = {
  authors: 'Mendt et al.',
  year: 2018,
  title: 'Generation and testing of clinical-grade exosomes for pancreatic cancer',
  journal: 'JCI Insight 3(8):e99263',
  doi: '10.1172/jci.insight.99263',
};

/** Published online December 2018 (Li et al. 2025 cite it as "Takov et al., 2018"); volume 8 is 2019. */
export const TAKOV_2019: SourcedCitation = {
  authors: 'Takov et al.',
  year: 2019,
  title:
    'Comparison of small extracellular vesicles isolated from plasma by ultracentrifugation or size-exclusion chromatography: yield, purity and functional potential',
  journal: 'J. Extracell. Vesicles 8(1):1560809',
  doi: '10.1080/20013078.2018.1560809',
};
