import type { ClearanceMechanism, SafetyNote } from './evidence-schemas.ts';
import { ref, review } from './provenance.ts';

/** Section 4.3 of Li et al. 2025 (Front Cell Dev Biol 13:1626996), plus the hepatic/renal note of 4.1. */
export const CLEARANCE_MECHANISMS: ClearanceMechanism[] = [
  {
    id: 'macrophage-phagocytosis',
    name: 'Macrophage-mediated phagocytosis',
    organs: ['liver', 'spleen', 'brain (microglia)'],
    principle:
      'Macrophages recognise and engulf EVs, which are then routed to lysosomes and broken down; in an AD model microglia sort Aβ-associated EVs to lysosomes for degradation.',
    determinants: [
      'Recognition by phagocytes',
      'Lysosomal degradation capacity',
      'Methyl-β-cyclodextrin may speed breakdown of vesicle contents',
    ],
    citations: [
      review('section 4.3.1'),
      ref('Yang et al.', 2022),
      ref('Buratta et al.', 2020),
      ref('Pantazopoulou et al.', 2023),
    ],
    reviewLocation: 'section 4.3.1',
  },
  {
    id: 'renal-filtration',
    name: 'Renal (glomerular) filtration',
    organs: ['kidney'],
    principle:
      'Small, negatively charged EVs pass the glomerular filter while larger EVs stay in the circulation; the charge-selective barrier favours clearing anionic EVs.',
    determinants: [
      'Size: smaller EVs are filtered',
      'Surface charge: anionic EVs cleared faster; neutral or cationic EVs circulate longer',
    ],
    citations: [review('section 4.3.2'), ref('Alli', 2023)],
    reviewLocation: 'section 4.3.2',
  },
  {
    id: 'hepatic-renal-uptake',
    name: 'Hepatic and renal clearance after IV dosing',
    organs: ['liver', 'kidney'],
    principle:
      'The short plasma half-life of IV-dosed EVs reflects uptake and clearance by liver and kidney.',
    determinants: ['Route of administration (IV)'],
    citations: [review('section 4.1'), ref('Liu et al.', 2017)],
    reviewLocation: 'section 4.1',
  },
];

/** Section 4.4 of Li et al. 2025, plus the safety statements of the section 6 clinical/ALS findings. */
export const SAFETY_NOTES: SafetyNote[] = [
  {
    id: 'non-replicative-no-tumorigenicity',
    topic: 'Cell-free therapy',
    setting: 'general',
    statement:
      'EVs keep the bioactivity of their parent cells but cannot replicate, avoiding cell-therapy risks such as tumour formation and vascular occlusion.',
    mscSource: null,
    route: null,
    regimen: null,
    citation: ref('Xia et al.', 2024),
    reviewLocation: 'section 4.4',
  },
  {
    id: 'uc-gvhd-dry-eye-phase1',
    topic: 'GvHD-associated dry eye (phase I)',
    setting: 'clinical',
    statement:
      'Prospective single-arm open-label phase I: topical UC-MSC-EVs reduced ocular-surface inflammation and sped corneal epithelial repair with no systemic adverse effects.',
    mscSource: 'umbilical-cord',
    route: 'topical',
    regimen: 'four times daily for 14 days',
    citation: ref('Zhou et al.', 2022),
    reviewLocation: 'section 4.4',
  },
  {
    id: 'no-self-replication',
    topic: 'Cell-free therapy',
    setting: 'general',
    statement:
      'Being non-replicating, MSC-EVs avoid much of the risk carried by whole-cell therapy, yet they still stimulate immune responses and extend how long the benefit lasts.',
    mscSource: null,
    route: null,
    regimen: null,
    citation: ref('Yin et al.', 2023),
    reviewLocation: 'section 4.4',
  },
  {
    id: 'uc-sci-intrathecal-phase1',
    topic: 'Subacute spinal cord injury (phase I)',
    setting: 'clinical',
    statement:
      'Intrathecal UCMSC-EVs showed no safety concerns in subacute SCI patients (phase I, first in human, open-label, one arm).',
    mscSource: 'umbilical-cord',
    route: 'intrathecal',
    regimen: null,
    citation: ref('Akhlaghpasand et al.', 2024),
    reviewLocation: 'section 6.1',
  },
  {
    id: 'bm-als-no-serious-adverse',
    topic: 'ALS',
    setting: 'not-stated',
    statement: 'BMSC-EV treatment in ALS showed no serious side effects.',
    mscSource: 'bone-marrow',
    route: null,
    regimen: null,
    citation: ref('Crose et al.', 2024),
    reviewLocation: 'section 6.2',
  },
];
