import type { AdministrationRouteProfile } from './evidence-schemas.ts';
import { ref, review } from './provenance.ts';

/**
 * Administration routes the review discusses: the three rows of Table 4 (IV, IN, SC, with its distribution /
 * half-life / bioavailability columns paraphrased) and the routes it only describes in section 4.1, 4.4 and
 * section 6 (inhalation, intrathecal, intratympanic, topical, local/in situ injection, intra-articular in
 * registered trials). Table 4's half-lives are qualitative ("relatively short"); no numbers are invented.
 * Li et al. 2025, Front Cell Dev Biol 13:1626996.
 */
export const ADMINISTRATION_ROUTE_PROFILES: AdministrationRouteProfile[] = [
  {
    slug: 'intravenous',
    name: 'Intravenous injection',
    abbreviation: 'IV',
    distribution: 'Systemic, carried with the blood circulation',
    halfLife: 'Relatively short',
    bioavailability: 'Higher',
    characteristics: 'The most widely used route; EVs given this way can cross the blood-brain barrier.',
    inTable4: true,
    evidence: [
      {
        text: 'Plasma half-life after IV dosing is short because the liver and kidneys clear EVs.',
        citation: ref('Liu et al.', 2017),
      },
      {
        text: 'After tail-vein injection, DiR-labelled EVs collect mainly in liver and kidney rather than brain.',
        citation: ref('Liang et al.', 2020),
      },
      {
        text: 'In vivo imaging after IV dosing showed EVs crossing the BBB with high fluorescence density in mouse brain.',
        citation: ref('Hong et al.', 2023),
      },
      {
        text: 'In acute respiratory distress syndrome, IV and intratracheal EVs were similarly effective.',
        citation: ref('Zhu et al.', 2014),
      },
      {
        text: 'After tail-vein injection, DiR-labelled EVs go first to lung and liver and are retained in lung.',
        citation: ref('Zhang et al.', 2024),
      },
    ],
    citations: [
      review('Table 4'),
      ref('Sandoval and Badiavas', 2025),
      ref('Su et al.', 2025),
      ref('Gupta et al.', 2021),
    ],
    reviewLocation: 'Table 4',
  },
  {
    slug: 'intranasal',
    name: 'Intranasal administration',
    abbreviation: 'IN',
    distribution: 'Mostly respiratory tract and central nervous system; little systemic exposure',
    halfLife: 'Longer (lung)',
    bioavailability: 'High locally in the respiratory tract',
    characteristics: 'Simple to give; best suited to respiratory disease, and a direct path to the brain.',
    inTable4: true,
    evidence: [
      {
        text: 'Neuroimaging shows EVs reach the brain across the BBB more effectively intranasally than intravenously.',
        citation: ref('Guy and Offen', 2020),
      },
      {
        text: 'Near-infrared imaging: intranasal DiR-labelled EVs reached the brain.',
        citation: ref('Liang et al.', 2020),
      },
      {
        text: 'Intranasal WJ-MSC-EVs were found in hippocampus and cortex of olfactory-bulbectomized mice.',
        citation: ref('Zhdanova et al.', 2021),
      },
    ],
    citations: [
      review('Table 4'),
      ref('Su et al.', 2025),
      ref('Rather et al.', 2023),
      ref('Fröhlich', 2021),
      ref('Haney et al.', 2020),
      ref('Sun et al.', 2025),
    ],
    reviewLocation: 'Table 4',
  },
  {
    slug: 'subcutaneous',
    name: 'Subcutaneous injection',
    abbreviation: 'SC',
    distribution: 'Absorbed first by subcutaneous tissue, then reaches the systemic circulation',
    halfLife: 'Short',
    bioavailability: 'Moderate',
    characteristics: 'Best suited to immune-related disease, wound healing in particular.',
    inTable4: true,
    evidence: [
      {
        text: 'SC EVs diffuse locally, then enter capillaries or lymphatics, gather in draining lymph nodes and spread further.',
        citation: ref('Sakurai et al.', 2023),
      },
      {
        text: 'SC injection of EVs into mouse skin wounds promoted healing.',
        citation: ref('Yang J. et al.', 2024),
      },
      {
        text: 'Subcutaneous injection is not an approved route for EVs.',
        citation: ref('Tawanwongsri and Vachiramon', 2024),
      },
    ],
    citations: [
      review('Table 4'),
      ref('Su et al.', 2025),
      ref('Fröhlich', 2021),
      ref('Esmaeili et al.', 2022),
      ref('Ai et al.', 2024),
    ],
    reviewLocation: 'Table 4',
  },
  {
    slug: 'inhaled',
    name: 'Inhalation / nebulisation',
    abbreviation: null,
    distribution: null,
    halfLife: null,
    bioavailability: null,
    characteristics:
      'MSC-EVs cross epithelial barriers well, are stable and less procoagulant, which suits inhalation; the review notes the route loses much of its advantage in practice.',
    inTable4: false,
    evidence: [
      {
        text: 'MSC-EVs are considered promising for both IV and inhaled therapy.',
        citation: ref('Fröhlich', 2021),
      },
      {
        text: 'Intratracheal and IV EVs were similarly effective in acute respiratory distress syndrome.',
        citation: ref('Zhu et al.', 2014),
      },
    ],
    citations: [review('section 4.1'), ref('Fröhlich', 2021), ref('Zhu et al.', 2014)],
    reviewLocation: 'section 4.1',
  },
  {
    slug: 'local-injection',
    name: 'Local / in situ delivery (incl. hydrogel)',
    abbreviation: null,
    distribution: null,
    halfLife: null,
    bioavailability: null,
    characteristics:
      'Hydrogel encapsulation or in situ injection keeps EVs at the target; a GelMA patch on the heart surface greatly raised EV retention.',
    inTable4: false,
    evidence: [
      {
        text: 'Hydrogel-embedded EVs offer an alternative to IV, arterial or IM injection and may regulate EV activity in vivo.',
        citation: ref('Farahzadi et al.', 2024),
      },
      {
        text: 'EVs in gelatin methacryloyl over the heart surface: local delivery may greatly increase retention.',
        citation: ref('Tang et al.', 2022),
      },
      {
        text: 'In situ injection of placental MSC-EVs reduced inflammation and oxidative stress.',
        citation: ref('Duan et al.', 2020),
      },
    ],
    citations: [review('section 4.1'), ref('Farahzadi et al.', 2024), ref('Tang et al.', 2022)],
    reviewLocation: 'section 4.1',
  },
  {
    slug: 'intrathecal',
    name: 'Intrathecal injection',
    abbreviation: 'IT',
    distribution: null,
    halfLife: null,
    bioavailability: null,
    characteristics:
      'Delivery into the cerebrospinal fluid; used for spinal cord injury in patients and rats.',
    inTable4: false,
    evidence: [
      {
        text: 'Intrathecal UCMSC-EVs were safe in a first-in-human phase I trial in subacute SCI.',
        citation: ref('Akhlaghpasand et al.', 2024),
      },
      {
        text: 'Intrathecal PMSC-EVs in acute SCI improved functional recovery in female rats.',
        citation: ref('Soleimani et al.', 2024),
      },
    ],
    citations: [review('section 6.1'), ref('Akhlaghpasand et al.', 2024), review('section 6.4')],
    reviewLocation: 'section 6.1',
  },
  {
    slug: 'intratympanic',
    name: 'Intratympanic injection',
    abbreviation: null,
    distribution: null,
    halfLife: null,
    bioavailability: null,
    characteristics:
      'Delivery into the middle ear for sensorineural hearing loss; limits surgical trauma and systemic effects.',
    inTable4: false,
    evidence: [
      {
        text: 'Intratympanic BMSC-EVs were a targeted and effective strategy for neural hearing loss.',
        citation: ref('Chen et al.', 2024),
      },
    ],
    citations: [review('section 6.2'), ref('Chen et al.', 2024)],
    reviewLocation: 'section 6.2',
  },
  {
    slug: 'topical',
    name: 'Topical application',
    abbreviation: null,
    distribution: null,
    halfLife: null,
    bioavailability: null,
    characteristics:
      'Applied to the surface (eye drops, ointment); the only route with human safety data in section 4.4.',
    inTable4: false,
    evidence: [
      {
        text: 'Topical UC-MSC-EVs, four times a day for 14 days, eased ocular surface inflammation in GvHD dry eye without systemic adverse effects.',
        citation: ref('Zhou et al.', 2022),
      },
    ],
    citations: [review('section 4.4'), ref('Zhou et al.', 2022)],
    reviewLocation: 'section 4.4',
  },
];
