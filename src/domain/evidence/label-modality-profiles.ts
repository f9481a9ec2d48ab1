import type { LabelModalityProfile } from './evidence-schemas.ts';
import { ref, review } from './provenance.ts';

/**
 * Section 4.2 of Li et al. 2025 (Front Cell Dev Biol 13:1626996): the five EV labelling/imaging modalities
 * it reviews for biodistribution (4.2.1–4.2.5), with their principle, strengths, caveats and the
 * biodistribution observations it reports. Fluorescent-protein reporters (GFP/RFP) are not covered by the
 * review and have no profile. One caveat (free-dye artefacts) comes from outside the review and cites its
 * own source.
 */
export const LABEL_MODALITY_PROFILES: LabelModalityProfile[] = [
  {
    slug: 'lipophilic-dye',
    name: 'Lipophilic fluorescent dyes',
    examples: ['DiD', 'DiI', 'DiO', 'DiR', 'PKH67', 'PKH26'],
    principle:
      'Carbocyanine and PKH dyes insert into the EV lipid bilayer, where their fluorescence rises sharply, and spread over the whole membrane.',
    strengths: [
      'Bright once membrane-bound; long excited-state lifetime',
      'Label the whole EV membrane at an optimal dye concentration',
      'Near-infrared DiR suits whole-body imaging',
    ],
    caveats: [
      {
        id: 'pkh-micelle-aggregates',
        text: 'PKH67 and PKH26 form aggregated micelles more readily than DiI, which can be mistaken for EVs.',
        citation: ref('Chen et al.', 2023),
      },
      {
        id: 'pkh26-excess-damages-evs',
        text: 'Too much PKH26 can damage EV structure.',
        citation: ref('Chen et al.', 2023),
      },
      {
        id: 'free-dye-persists',
        text: 'Unbound dye and dye transferred to other membranes can persist after the EVs are degraded, so the signal may not follow intact EVs; remove free dye and run dye-only controls.',
        citation: {
          authors: 'Takov et al.',
          year: 2017,
          title: 'Confounding factors in vesicle uptake studies using fluorescent lipophilic membrane dyes',
          journal: 'J Extracell Vesicles 6:1388731',
          doi: '10.1080/20013078.2017.1388731',
        },
      },
    ],
    observations: [
      {
        text: 'DiR-labelled EVs given by tail vein go first to lung and liver and stay in lung tissue.',
        citation: ref('Zhang et al.', 2024),
      },
      {
        text: 'DiO staining tracks EV uptake by human lung microvascular endothelial cells.',
        citation: ref('Sun et al.', 2023),
      },
      {
        text: 'PKH67-labelled EVs delivered by microneedle localised to the epidermis about 48 h after injection.',
        citation: ref('Jiang S. et al.', 2024),
      },
      {
        text: 'Intranasal DiR-EVs reached the brain; tail-vein DiR-EVs accumulated in liver and kidney.',
        citation: ref('Liang et al.', 2020),
      },
    ],
    citations: [review('section 4.2.1'), ref('Bao et al.', 2023), ref('Chen et al.', 2023)],
    reviewLocation: 'section 4.2.1',
  },
  {
    slug: 'radioisotope',
    name: 'Radioisotope labelling (SPECT/PET)',
    examples: ['99mTc', '111In'],
    principle:
      'A radionuclide is attached to or loaded into EVs and followed by nuclear imaging (SPECT or PET).',
    strengths: [
      'High sensitivity and specificity',
      'Radioisotopes are widely available',
      'EV morphology is preserved after labelling',
      'Quantitative organ uptake over time',
    ],
    caveats: [
      {
        id: 'radioisotope-equipment',
        text: 'Needs nuclear-medicine imaging equipment and radiation protection.',
        citation: ref('Jiang W. et al.', 2024),
      },
    ],
    observations: [
      {
        text: '99mTc-labelled EVs imaged by SPECT were taken up mainly by liver and spleen.',
        citation: ref('Chung et al.', 2024),
      },
      {
        text: '111In bound through a DTPA-anhydride chelator labelled EVs efficiently; they gathered quickly in liver, spleen and kidneys and stayed there at 4 h and 24 h.',
        citation: ref('Lázaro-Ibáñez et al.', 2021),
      },
    ],
    citations: [review('section 4.2.2'), ref('Almeida et al.', 2020), ref('Jiang W. et al.', 2024)],
    reviewLocation: 'section 4.2.2',
  },
  {
    slug: 'bioluminescence',
    name: 'Bioluminescence imaging (BLI)',
    examples: ['Gaussia luciferase (GLuc)', 'Renilla luciferase (RLuc)'],
    principle:
      'EVs carry a luciferase reporter; after the substrate luciferin is injected, the enzyme emits light that is imaged.',
    strengths: [
      'Repeated imaging of the same animal without killing it',
      'High sensitivity',
      'Broad applicability',
    ],
    caveats: [
      {
        id: 'bli-needs-substrate-and-reporter',
        text: 'Requires a reporter-engineered EV and a substrate injection before each imaging session.',
        citation: ref('Li S. et al.', 2023),
      },
    ],
    observations: [
      {
        text: 'BLI showed canine glioma-derived EVs crossing the BBB in healthy mice and tending to accumulate in brain.',
        citation: ref('Villa et al.', 2024),
      },
    ],
    citations: [review('section 4.2.3'), ref('Li S. et al.', 2023), ref('Liu et al.', 2022)],
    reviewLocation: 'section 4.2.3',
  },
  {
    slug: 'mri',
    name: 'Magnetic resonance imaging (MRI)',
    examples: ['Gd-based contrast agent', 'USPIO'],
    principle:
      'EVs loaded with a paramagnetic (Gd) or superparamagnetic iron-oxide (USPIO) agent change the MR signal, so they can be tracked non-invasively against detailed anatomy.',
    strengths: [
      'Non-invasive with detailed anatomical context',
      'USPIO labels can also be verified histologically in vitro or ex vivo',
    ],
    caveats: [
      {
        id: 'mri-heart-gut',
        text: 'MRI is a poor choice for imaging the heart and the gastrointestinal tract.',
        citation: ref('Arifin et al.', 2022),
      },
      {
        id: 'gd-alters-evs',
        text: 'Inserting Gd into the EV membrane during extrusion slightly changes surface charge, size distribution and morphology.',
        citation: ref('Abello et al.', 2019),
      },
    ],
    observations: [
      {
        text: 'USPIO-labelled MSC-EVs given IV homed to injured kidney and heart on MRI.',
        citation: ref('Han et al.', 2021),
      },
    ],
    citations: [
      review('section 4.2.4'),
      ref('Hussain et al.', 2022),
      ref('Rayamajhi et al.', 2020),
      ref('Abello et al.', 2019),
      ref('Han et al.', 2021),
    ],
    reviewLocation: 'section 4.2.4',
  },
  {
    slug: 'ct',
    name: 'Computed tomography (CT)',
    examples: ['gold nanoparticles'],
    principle:
      'EVs labelled with a strong X-ray absorber (gold nanoparticles) are followed by serial cross-sectional X-ray scans.',
    strengths: ['Fast scanning and clear images', 'Longitudinal, quantitative tracking'],
    caveats: [
      {
        id: 'ct-radiation',
        text: 'CT exposes the subject to ionising radiation.',
        citation: ref('Huang P. et al.', 2024),
      },
    ],
    observations: [
      {
        text: 'Gold-labelled EVs tracked by CT in A431 tumour-bearing mice suggested umbilical-cord MSC-EVs target tumours well.',
        citation: ref('Cohen et al.', 2021),
      },
      {
        text: 'CT biodistribution curves in adult rhesus monkeys: EVs crossed biological barriers and appeared in the brain in larger amounts.',
        citation: ref('Haney et al.', 2022),
      },
    ],
    citations: [review('section 4.2.5'), ref('Albers and Kinnaird', 2024), ref('Cohen et al.', 2021)],
    reviewLocation: 'section 4.2.5',
  },
];
