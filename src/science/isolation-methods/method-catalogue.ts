/**
 * The isolation-method catalogue: one source of truth for recovery, purity, time, volume, cost, equipment,
 * scalability/GMP, co-isolates, integrity, advantages and limitations of every method slug in
 * src/domain/isolation-protocol.ts, each value a range with its literature sources.
 *
 * Values marked `approximate` are orders of magnitude read from the cited comparisons (most papers report
 * relative yields or single preparations, not ranges); they are there so the recommender can rank, and say
 * so in their note. Values marked `reported` are stated in the source; `derived` ones are computed from the
 * cited protocol. Where sources disagree, a metric carries several ranges.
 */
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';
import { PURITY_BANDS } from '../isolation-chain/particle-properties.ts';
import {
  BENEDIKTER_2017,
  BOING_2014,
  BUSATTO_2018,
  CHEN_2021_EXODUS,
  CVJETKOVIC_2014,
  GAMEZ_VALERO_2016,
  HEATH_2018,
  HEINEMANN_2014,
  KARIMI_2018,
  KIM_2016,
  LI_2025,
  LINARES_2015,
  LOBB_2015,
  LOZANO_RAMOS_2015,
  MENDT_2018,
  NORDIN_2015,
  RIDER_2016,
  type SourcedCitation,
  TAKOV_2019,
  TAURO_2012,
  THERY_2006,
  THERY_2018_MISEV,
  VAN_DEUN_2014,
  WATSON_2018,
  WEBBER_CLAYTON_2013,
  WELSH_2024_MISEV,
  WOO_2017,
  YUANA_2014,
} from './isolation-literature.ts';
import {
  type MethodCatalogue,
  type MethodCatalogueInput,
  type MethodEntry,
  type MethodScale,
  methodCatalogueSchema,
  type ValueConfidence,
} from './method-catalogue-schema.ts';
import { BLOOD_LIKE_MATRICES, type SampleMatrix } from './sample-matrix.ts';

/** Bump on every change of a value (minor) or of a field's meaning (major). */
export const CATALOGUE_VERSION = '1.2.0';

/** The review cited at a location (its sections summarise primary work with numbers). */
const review = (location: string): SourcedCitation => ({ ...LI_2025, location });
const at = (citation: SourcedCitation, location: string): SourcedCitation => ({ ...citation, location });

function range(
  min: number,
  max: number,
  confidence: ValueConfidence,
  citations: SourcedCitation[],
  context = '',
  note = '',
) {
  return { min, max, confidence, citations, context, note };
}

/** Marks a range as measured at one scale (bench or process; the recommender scores a sample at its scale). */
function atScale<T extends object>(value: T, scale: MethodScale): T & { scale: MethodScale } {
  return { ...value, scale };
}

/** Marks a range as measured in particular matrices (the recommender prefers ranges that match the sample). */
function inMatrices<T extends object>(value: T, matrices: SampleMatrix[]): T & { matrices: SampleMatrix[] } {
  return { ...value, matrices };
}

const APPROX_NOTE =
  'Order of magnitude read from the comparison in the cited work (it reports relative yields or single preparations); verify against the paper before quoting.';

const RAW_CATALOGUE: MethodCatalogueInput = {
  catalogueVersion: CATALOGUE_VERSION,
  reviewedOn: '2025-06-01',
  // Webber & Clayton 2013: >3×10¹⁰ particles/µg high purity; 2×10⁹–2×10¹⁰ low purity; <1.5×10⁹ impure.
  // One set of bands for the recommender and the protocol simulator (particle-properties.ts).
  purityThresholds: {
    highPurityMinParticlesPerUg: PURITY_BANDS.highAbove,
    lowPurityMinParticlesPerUg: PURITY_BANDS.lowFrom,
    lowPurityMaxParticlesPerUg: PURITY_BANDS.lowTo,
    impureMaxParticlesPerUg: PURITY_BANDS.impureBelow,
    citations: [WEBBER_CLAYTON_2013],
  },
  methods: [
    {
      slug: 'differential-ultracentrifugation',
      name: 'Differential ultracentrifugation (dUC)',
      family: 'Differential ultracentrifugation',
      role: 'isolation',
      variants: ['pelleting at ≥100,000 ×g', 'with PBS wash spin', 'sucrose cushion'],
      principle:
        'Sequential spins of increasing force clear cells and debris; small EVs pellet at ≥100,000 ×g and are washed by a second spin.',
      recoveryPercent: {
        values: [
          range(
            5,
            25,
            'approximate',
            [LOBB_2015, NORDIN_2015],
            'cell-culture medium and plasma',
            APPROX_NOTE,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          inMatrices(
            range(
              2e9,
              2e10,
              'approximate',
              [WEBBER_CLAYTON_2013, CVJETKOVIC_2014],
              'cell-culture supernatant',
              'Pellets of conditioned medium mostly fall in the "low purity" band; purity depends on rotor k-factor and spin time (Cvjetkovic 2014). ' +
                APPROX_NOTE,
            ),
            ['conditioned-medium'],
          ),
          inMatrices(
            range(
              1.5e8,
              2e9,
              'approximate',
              [WEBBER_CLAYTON_2013, TAKOV_2019],
              'plasma/serum',
              'Protein-rich fluids co-pellet aggregates and lipoproteins: ratios at or below the impure threshold. ' +
                APPROX_NOTE,
            ),
            [...BLOOD_LIKE_MATRICES],
          ),
        ],
      },
      processingTimeH: {
        values: [
          range(
            3.5,
            5,
            'derived',
            [at(THERY_2006, 'cell culture supernatant protocol')],
            'standard protocol',
            'Sum of spins 300 ×g 10 min + 2,000 ×g 10 min + 10,000 ×g 30 min + 2 × 100,000 ×g 70 min = 190 min, plus acceleration, deceleration and handling.',
          ),
          range(
            16,
            20,
            'approximate',
            [CVJETKOVIC_2014],
            'long (overnight) pelleting',
            `Longer pelleting raises yield at the cost of purity. ${APPROX_NOTE}`,
          ),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            1,
            600,
            'approximate',
            [THERY_2006, CVJETKOVIC_2014],
            'per run',
            'Limited by rotor capacity (e.g. 6 × 94 mL in a Type 45 Ti fixed-angle rotor); larger volumes need repeated runs.',
          ),
        ],
      },
      outputVolumeMl: {
        values: [range(0.05, 1, 'approximate', [THERY_2006], 'pellet resuspended in PBS', APPROX_NOTE)],
      },
      cost: {
        class: 'medium',
        text: 'Low consumable cost, but an ultracentrifuge and rotors are a large capital expense and occupy hours of instrument time.',
        citations: [review('Table 2'), THERY_2018_MISEV],
      },
      equipment: ['ultracentrifuge'],
      equipmentText: 'Ultracentrifuge with fixed-angle or swinging-bucket rotor reaching ≥100,000 ×g.',
      scalability: {
        litreScale: 'parallel-runs',
        gmp: 'limited',
        text: 'Open handling and rotor-limited batch size; clinical-grade preparations have been made by ultracentrifugation, but run-to-run variation and scale are limits.',
        citations: [MENDT_2018, WATSON_2018],
      },
      coIsolates: [
        {
          kind: 'protein-aggregates',
          severity: 'high',
          text: 'Protein aggregates pellet with EVs; high force also aggregates EVs.',
          citations: [WEBBER_CLAYTON_2013, LINARES_2015],
        },
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'Plasma lipoproteins co-pellet.',
          citations: [KARIMI_2018, TAKOV_2019],
        },
        {
          kind: 'viruses',
          severity: 'moderate',
          text: 'Viruses in the EV size range pellet under the same conditions.',
          citations: [THERY_2018_MISEV],
        },
        {
          kind: 'uromodulin',
          severity: 'high',
          text: 'Uromodulin (Tamm–Horsfall protein) polymers trap EVs and co-pellet from urine.',
          citations: [LOZANO_RAMOS_2015],
        },
      ],
      integrity: {
        effect: 'some-damage',
        text: 'High-speed pelleting induces EV aggregation and can deform or fuse vesicles; repeated spins lose material.',
        citations: [LINARES_2015, NORDIN_2015],
      },
      advantages: [
        {
          text: 'Reference method in most laboratories; no reagents added.',
          citations: [THERY_2006, THERY_2018_MISEV],
        },
        {
          text: 'Inexpensive per sample once an ultracentrifuge is available.',
          citations: [review('Table 2')],
        },
      ],
      limitations: [
        {
          text: 'Needs an ultracentrifuge; long, operator-dependent protocol.',
          citations: [review('Table 2')],
        },
        {
          text: 'Lower particle yield than ultrafiltration-based routes.',
          citations: [LOBB_2015, NORDIN_2015],
        },
        { text: 'Vesicle aggregation after high-speed spins.', citations: [LINARES_2015] },
      ],
    },
    {
      slug: 'density-gradient-ultracentrifugation',
      name: 'Density-gradient ultracentrifugation (iodixanol, sucrose)',
      family: 'Density-gradient ultracentrifugation',
      role: 'isolation',
      variants: ['iodixanol (OptiPrep) gradient', 'sucrose gradient', 'sucrose cushion'],
      principle:
        'EVs float or sediment to their buoyant density (≈1.10–1.19 g/mL) in a continuous or step gradient, apart from proteins and most other particles.',
      recoveryPercent: {
        values: [
          range(
            10,
            40,
            'approximate',
            [VAN_DEUN_2014, TAURO_2012],
            'concentrated conditioned medium on an iodixanol gradient',
            `Fraction collection and the wash needed to remove gradient medium lose material. ${APPROX_NOTE}`,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          range(
            1e10,
            1e11,
            'approximate',
            [VAN_DEUN_2014, WEBBER_CLAYTON_2013],
            'cell-culture EVs',
            `The purest preparations in comparative studies, reaching the high-purity band. ${APPROX_NOTE}`,
          ),
        ],
      },
      processingTimeH: {
        values: [
          range(
            16,
            24,
            'derived',
            [VAN_DEUN_2014],
            'iodixanol gradient',
            'About 18 h of gradient centrifugation, plus gradient preparation, fractionation and a wash spin.',
          ),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.5,
            5,
            'approximate',
            [VAN_DEUN_2014, KARIMI_2018],
            'sample loaded on or under a gradient',
            'Larger starting volumes must be concentrated first (ultracentrifugation or ultrafiltration). ' +
              APPROX_NOTE,
          ),
        ],
      },
      outputVolumeMl: {
        values: [
          range(0.05, 1, 'approximate', [VAN_DEUN_2014], 'pooled EV fractions after wash', APPROX_NOTE),
        ],
      },
      cost: {
        class: 'medium',
        text: 'Gradient media are affordable; ultracentrifuge time (overnight) is the main cost.',
        citations: [review('Table 2')],
      },
      equipment: ['ultracentrifuge'],
      equipmentText: 'Ultracentrifuge with swinging-bucket rotor; gradient maker or careful manual layering.',
      scalability: {
        litreScale: 'no',
        gmp: 'limited',
        text: 'A few millilitres per tube, long runs and skilled handling: a polishing or analytical step, not a production step.',
        citations: [review('section 2.1.2'), THERY_2018_MISEV],
      },
      coIsolates: [
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'High-density lipoproteins overlap EV buoyant density and co-isolate from plasma.',
          citations: [YUANA_2014, KARIMI_2018],
        },
        {
          kind: 'soluble-proteins',
          severity: 'low',
          text: 'Soluble proteins stay at higher density.',
          citations: [VAN_DEUN_2014],
        },
        {
          kind: 'viruses',
          severity: 'moderate',
          text: 'Some enveloped viruses share EV density.',
          citations: [THERY_2018_MISEV],
        },
      ],
      integrity: {
        effect: 'preserved',
        text: 'Iodixanol is iso-osmotic and gentle; hyperosmotic sucrose can dehydrate vesicles.',
        citations: [VAN_DEUN_2014, review('section 2.1.2')],
      },
      advantages: [
        {
          text: 'Highest purity among routine methods; separates EV subtypes.',
          citations: [VAN_DEUN_2014, TAURO_2012],
        },
      ],
      limitations: [
        { text: 'Long, technically demanding, low yield after washing.', citations: [review('Table 2')] },
        { text: 'Co-isolates HDL from blood samples.', citations: [YUANA_2014] },
      ],
    },
    {
      slug: 'ultrafiltration',
      name: 'Ultrafiltration (centrifugal filters)',
      family: 'Ultrafiltration',
      role: 'isolation',
      variants: ['centrifugal filter 10–100 kDa (Amicon, Centricon)', 'stirred cell'],
      principle:
        'A membrane with a molecular-weight cut-off retains EVs while water and small solutes pass, concentrating the sample.',
      recoveryPercent: {
        values: [
          range(
            40,
            80,
            'approximate',
            [LOBB_2015, NORDIN_2015],
            'cell-culture medium',
            'Higher particle yield than ultracentrifugation in both comparisons; losses come from membrane adsorption. ' +
              APPROX_NOTE,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          range(
            1e8,
            2e9,
            'approximate',
            [BENEDIKTER_2017, LOBB_2015],
            'concentrate without a second step',
            `Proteins larger than the cut-off are concentrated with the EVs. ${APPROX_NOTE}`,
          ),
        ],
      },
      processingTimeH: {
        values: [range(0.5, 2, 'approximate', [LOBB_2015], 'centrifugal filter, 15–250 mL', APPROX_NOTE)],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.5,
            250,
            'approximate',
            [LOBB_2015, BENEDIKTER_2017],
            'centrifugal devices, refilled',
            'Devices hold 0.5–70 mL; larger volumes by refilling or parallel devices.',
          ),
        ],
      },
      outputVolumeMl: {
        values: [range(0.1, 1, 'approximate', [LOBB_2015], 'retentate', APPROX_NOTE)],
      },
      cost: {
        class: 'low',
        text: 'Single-use centrifugal filters and a benchtop centrifuge.',
        citations: [review('Table 2'), LOBB_2015],
      },
      equipment: ['benchtop-centrifuge'],
      equipmentText: 'Benchtop centrifuge with swinging-bucket rotor for centrifugal filter units.',
      scalability: {
        litreScale: 'parallel-runs',
        gmp: 'limited',
        text: 'Open centrifugal devices; litres only with many units. Closed-system ultrafiltration is TFF.',
        citations: [BUSATTO_2018, WATSON_2018],
      },
      coIsolates: [
        {
          kind: 'soluble-proteins',
          severity: 'high',
          text: 'Proteins above the cut-off (and those bound to the membrane) stay in the retentate.',
          citations: [BENEDIKTER_2017],
        },
        {
          kind: 'protein-aggregates',
          severity: 'moderate',
          text: 'Aggregates are retained with EVs.',
          citations: [BENEDIKTER_2017],
        },
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'All lipoproteins above the cut-off are retained from plasma.',
          citations: [KARIMI_2018],
        },
        {
          kind: 'viruses',
          severity: 'moderate',
          text: 'Size-based: viruses are retained.',
          citations: [THERY_2018_MISEV],
        },
      ],
      integrity: {
        effect: 'some-damage',
        text: 'Membrane adhesion lowers yield; pressure and shear can deform vesicles if not controlled.',
        citations: [review('section 2.2'), NORDIN_2015],
      },
      advantages: [
        { text: 'Simple, fast, no chemicals added.', citations: [review('Table 2')] },
        {
          text: 'Concentrates samples for a second, purifying step (SEC, AEC).',
          citations: [BENEDIKTER_2017, NORDIN_2015],
        },
      ],
      limitations: [
        { text: 'Membrane adhesion reduces yield; filters clog.', citations: [review('section 2.2')] },
        { text: 'Low purity on its own.', citations: [BENEDIKTER_2017] },
      ],
    },
    {
      slug: 'tangential-flow-filtration',
      name: 'Tangential-flow filtration (TFF)',
      family: 'Ultrafiltration',
      role: 'isolation',
      variants: ['hollow-fibre 300–500 kDa', 'flat-sheet cassette', 'with diafiltration'],
      principle:
        'The feed flows along the membrane rather than through it, so EVs are concentrated (and diafiltered) without a filter cake; closed and scalable.',
      recoveryPercent: {
        values: [
          range(
            50,
            90,
            'approximate',
            [BUSATTO_2018],
            'conditioned medium, 100 mL–1 L scale',
            `Busatto et al. 2018 (abstract) report a higher yield than ultracentrifugation of the same medium, but not as a percentage. ${APPROX_NOTE}`,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          range(
            1e9,
            1e10,
            'approximate',
            [BUSATTO_2018, WATSON_2018],
            'after diafiltration',
            'Diafiltration removes much soluble protein; a chromatographic step raised purity further in the cGMP process. ' +
              APPROX_NOTE,
          ),
        ],
      },
      processingTimeH: {
        values: [
          range(
            1,
            1,
            'reported',
            [at(BUSATTO_2018, 'abstract')],
            'conditioned medium, laboratory TFF',
            'About 1 h, half the time of the ultracentrifugation protocol it was compared with.',
          ),
          range(1, 4, 'approximate', [WATSON_2018], 'bioreactor harvests, several litres', APPROX_NOTE),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            100,
            10000,
            'approximate',
            [BUSATTO_2018, WATSON_2018],
            'conditioned medium',
            'Hold-up volume of the system sets the lower limit; the upper one is set by membrane area.',
          ),
        ],
      },
      outputVolumeMl: {
        values: [range(5, 100, 'approximate', [BUSATTO_2018, WATSON_2018], 'retentate', APPROX_NOTE)],
      },
      cost: {
        class: 'medium',
        text: 'Pump system plus single-use hollow-fibre modules or cassettes; low cost per millilitre processed.',
        citations: [BUSATTO_2018],
      },
      equipment: ['tff-system'],
      equipmentText: 'Peristaltic or diaphragm pump, hollow-fibre module or cassette, pressure gauges.',
      scalability: {
        litreScale: 'yes',
        gmp: 'established',
        text: 'Closed, single-use, linearly scalable unit operation used in cGMP-compatible EV purification (bioreactor → TFF → preparative SEC).',
        citations: [at(WATSON_2018, 'abstract'), BUSATTO_2018],
      },
      coIsolates: [
        {
          kind: 'soluble-proteins',
          severity: 'moderate',
          text: 'Proteins above the cut-off are retained; diafiltration lowers them. Compared with ultracentrifugation, TFF leaves fewer single macromolecules and aggregates (<15 nm).',
          citations: [WATSON_2018, at(BUSATTO_2018, 'abstract')],
        },
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'Lipoproteins are EV-sized and retained (relevant to serum-containing media and plasma).',
          citations: [KARIMI_2018],
        },
        {
          kind: 'viruses',
          severity: 'moderate',
          text: 'Size-based: viruses are retained.',
          citations: [THERY_2018_MISEV],
        },
      ],
      integrity: {
        effect: 'preserved',
        text: 'EV size and morphology indistinguishable from ultracentrifuged EVs at controlled shear.',
        citations: [BUSATTO_2018],
      },
      advantages: [
        { text: 'Processes litres reproducibly in a closed system.', citations: [BUSATTO_2018, WATSON_2018] },
        { text: 'Higher yield than ultracentrifugation.', citations: [BUSATTO_2018] },
      ],
      limitations: [
        { text: 'Needs a TFF system and minimum volumes of ~100 mL.', citations: [BUSATTO_2018] },
        { text: 'Concentrates proteins as well: usually followed by SEC or AEC.', citations: [WATSON_2018] },
      ],
    },
    {
      slug: 'filtration',
      name: 'Filtration (0.22 µm, sequential filtration)',
      family: 'Ultrafiltration',
      role: 'clearing',
      variants: [
        '0.22 µm or 0.45 µm dead-end filter',
        'sequential filtration (dead-end → TFF → 100 nm track-etched)',
      ],
      principle:
        'Dead-end filters remove cells, debris and large vesicles before concentration; sterile filtration of the final product.',
      recoveryPercent: {
        values: [],
        notReported: 'A clearing step: it removes large particles rather than isolating EVs.',
      },
      purityParticlesPerUgProtein: {
        values: [],
        notReported: 'A clearing step: it does not separate EVs from proteins.',
      },
      processingTimeH: {
        values: [range(0.25, 1, 'approximate', [HEINEMANN_2014], 'syringe or vacuum filter', APPROX_NOTE)],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.1,
            10000,
            'approximate',
            [HEINEMANN_2014],
            'filter size chosen for the volume',
            APPROX_NOTE,
          ),
        ],
      },
      outputVolumeMl: {
        values: [],
        notReported: 'The filtrate has the input volume.',
      },
      cost: { class: 'low', text: 'Single-use filters.', citations: [HEINEMANN_2014] },
      equipment: [],
      equipmentText: 'Syringe or vacuum filter units.',
      scalability: {
        litreScale: 'yes',
        gmp: 'established',
        text: 'Sterile filtration is a standard closed unit operation.',
        citations: [WATSON_2018],
      },
      coIsolates: [],
      integrity: {
        effect: 'preserved',
        text: 'Large EVs are removed with debris; small EVs pass.',
        citations: [HEINEMANN_2014],
      },
      advantages: [
        { text: 'Removes cells and debris quickly, without a centrifuge.', citations: [HEINEMANN_2014] },
      ],
      limitations: [
        { text: 'Does not isolate EVs on its own.', citations: [HEINEMANN_2014, THERY_2018_MISEV] },
      ],
    },
    {
      slug: 'low-speed-centrifugation',
      name: 'Low-speed clearing centrifugation (300 / 2,000 / 10,000 ×g)',
      family: 'Differential ultracentrifugation',
      role: 'clearing',
      variants: ['300 ×g cells', '2,000 ×g dead cells and debris', '10,000 ×g large EVs'],
      principle: 'Removes cells, apoptotic bodies, debris and large EVs before any small-EV isolation.',
      recoveryPercent: {
        values: [],
        notReported: 'A clearing step: it removes large particles rather than isolating EVs.',
      },
      purityParticlesPerUgProtein: { values: [], notReported: 'A clearing step.' },
      processingTimeH: {
        values: [
          range(
            0.75,
            1.25,
            'derived',
            [THERY_2006],
            '300 ×g 10 min, 2,000 ×g 10 min, 10,000 ×g 30 min',
            'Sum of the three spins (50 min) plus handling.',
          ),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.1,
            1000,
            'approximate',
            [THERY_2006],
            'per run, benchtop and floor centrifuges',
            APPROX_NOTE,
          ),
        ],
      },
      outputVolumeMl: { values: [], notReported: 'The supernatant has the input volume.' },
      cost: { class: 'low', text: 'Benchtop or high-speed centrifuge time.', citations: [THERY_2006] },
      equipment: ['benchtop-centrifuge'],
      equipmentText: 'Benchtop centrifuge (10,000 ×g needs a high-speed rotor).',
      scalability: {
        litreScale: 'parallel-runs',
        gmp: 'feasible',
        text: 'Routine clarification; depth filtration replaces it at production scale.',
        citations: [WATSON_2018],
      },
      coIsolates: [],
      integrity: { effect: 'preserved', text: 'Low forces do not harm small EVs.', citations: [THERY_2006] },
      advantages: [
        { text: 'Standard first step of every EV protocol.', citations: [THERY_2006, THERY_2018_MISEV] },
      ],
      limitations: [{ text: 'Does not isolate small EVs on its own.', citations: [THERY_2006] }],
    },
    {
      slug: 'anion-exchange-chromatography',
      name: 'Anion-exchange chromatography (AEC)',
      family: 'Anion-exchange chromatography',
      role: 'isolation',
      variants: ['quaternary-amine monolith', 'Q Sepharose / Capto Q resin'],
      principle:
        'Negatively charged EVs bind a positively charged resin or monolith and elute in a salt step, leaving neutral and weakly charged material behind.',
      recoveryPercent: {
        values: [range(50, 80, 'approximate', [HEATH_2018, KIM_2016], 'conditioned medium', APPROX_NOTE)],
      },
      purityParticlesPerUgProtein: {
        values: [
          range(
            5e9,
            3e10,
            'approximate',
            [HEATH_2018, KIM_2016],
            'conditioned medium',
            `Higher particle-to-protein ratio than ultracentrifugation from the same medium. ${APPROX_NOTE}`,
          ),
        ],
      },
      processingTimeH: {
        values: [
          range(1, 3, 'approximate', [HEATH_2018], 'column equilibration, load, wash, elution', APPROX_NOTE),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            10,
            2000,
            'approximate',
            [HEATH_2018, KIM_2016],
            'bind-and-elute loading',
            'Loading volume is limited by flow rate and binding capacity, not by column volume. ' +
              APPROX_NOTE,
          ),
        ],
      },
      outputVolumeMl: { values: [range(1, 10, 'approximate', [HEATH_2018], 'eluate peak', APPROX_NOTE)] },
      cost: {
        class: 'medium',
        text: 'Reusable or single-use columns; needs a chromatography system.',
        citations: [HEATH_2018],
      },
      equipment: ['chromatography-system'],
      equipmentText: 'FPLC-type pump with UV/conductivity monitoring; AEC column or monolith.',
      scalability: {
        litreScale: 'yes',
        gmp: 'feasible',
        text: 'Standard bioprocess unit operation; scalable and combinable with UF/TFF.',
        citations: [HEATH_2018, KIM_2016, review('section 2.3')],
      },
      coIsolates: [
        {
          kind: 'nucleic-acids',
          severity: 'moderate',
          text: 'Free DNA/RNA and ribonucleoproteins are anionic and co-elute.',
          citations: [HEATH_2018],
        },
        {
          kind: 'soluble-proteins',
          severity: 'moderate',
          text: 'Acidic proteins bind and elute with EVs.',
          citations: [HEATH_2018],
        },
        {
          kind: 'viruses',
          severity: 'moderate',
          text: 'Many viruses are anionic and bind.',
          citations: [THERY_2018_MISEV],
        },
      ],
      integrity: {
        effect: 'preserved',
        text: 'AEC-purified MSC-EVs remained active in vivo; the high-salt eluate needs buffer exchange.',
        citations: [KIM_2016, HEATH_2018],
      },
      advantages: [
        { text: 'High purity, rapid and scalable.', citations: [HEATH_2018, review('Table 2')] },
        {
          text: 'Used for therapeutic MSC-EVs: a scalable chromatographic isolation from protein-free MSC medium.',
          citations: [at(KIM_2016, 'abstract')],
        },
      ],
      limitations: [
        { text: 'Usually combined with a concentration step.', citations: [review('Table 2')] },
        { text: 'Co-elutes nucleic acids and acidic proteins.', citations: [HEATH_2018] },
      ],
    },
    {
      slug: 'size-exclusion-chromatography',
      name: 'Size-exclusion chromatography (SEC)',
      family: 'Size-exclusion chromatography',
      role: 'isolation',
      variants: ['commercial columns (qEV)', 'self-packed Sepharose CL-2B', 'self-packed Sepharose CL-4B'],
      principle:
        'EVs are excluded from the pores of the resin and elute first, ahead of proteins that enter the pores.',
      recoveryPercent: {
        values: [
          range(
            40,
            90,
            'approximate',
            [BOING_2014, LOBB_2015, TAKOV_2019],
            'plasma and concentrated conditioned medium',
            'More particles recovered than by ultracentrifugation from the same plasma; from HEK293 conditioned medium Watson et al. 2018 (abstract) found particle recovery comparable to ultracentrifugation. ' +
              APPROX_NOTE,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          inMatrices(
            range(
              3e9,
              2e10,
              'approximate',
              [BOING_2014, BENEDIKTER_2017],
              'concentrated conditioned medium',
              `Most soluble protein elutes later. ${APPROX_NOTE}`,
            ),
            ['conditioned-medium'],
          ),
          inMatrices(
            range(
              5e8,
              5e9,
              'approximate',
              [GAMEZ_VALERO_2016, TAKOV_2019, KARIMI_2018],
              'plasma',
              `EV-sized lipoproteins co-elute from plasma, lowering the ratio. ${APPROX_NOTE}`,
            ),
            [...BLOOD_LIKE_MATRICES],
          ),
        ],
      },
      processingTimeH: {
        values: [
          atScale(
            range(
              0.25,
              0.25,
              'reported',
              [review('section 2.4')],
              'commercial column (qEV), 0.15–10 mL',
              'Li et al. 2025 (section 2.4, citing Reseco et al. 2024): EVs from 150 µL–10 mL within 15 min, i.e. at most 0.25 h.',
            ),
            'bench',
          ),
          atScale(
            range(
              0.5,
              1,
              'approximate',
              [BOING_2014],
              'self-packed 10 mL Sepharose CL-2B, gravity',
              APPROX_NOTE,
            ),
            'bench',
          ),
          atScale(
            range(
              1,
              4,
              'approximate',
              [NORDIN_2015, WATSON_2018],
              'process-scale column on a chromatography system, loaded with a UF or TFF concentrate',
              `A pumped run of a column many times the load volume (column, equilibration, elution, collection). ${APPROX_NOTE}`,
            ),
            'process',
          ),
        ],
      },
      sampleVolumeMl: {
        values: [
          atScale(
            range(
              0.15,
              10,
              'reported',
              [review('section 2.4')],
              'commercial columns (qEV)',
              'Li et al. 2025 section 2.4: initial sample volume 150 µL to 10 mL.',
            ),
            'bench',
          ),
          atScale(
            range(
              10,
              100,
              'approximate',
              [WATSON_2018],
              'process-scale column after TFF concentration',
              `Load is a fraction of the column volume; large loads need large columns. ${APPROX_NOTE}`,
            ),
            'process',
          ),
        ],
      },
      outputVolumeMl: {
        values: [
          range(0.5, 20, 'approximate', [BOING_2014], 'pooled EV fractions (diluted ~1.5–3×)', APPROX_NOTE),
        ],
      },
      cost: {
        class: 'low',
        text: 'Self-packed Sepharose is inexpensive; commercial columns cost more but are reusable a few times.',
        citations: [BOING_2014],
      },
      equipment: [],
      equipmentText: 'Gravity columns need no instrument; process-scale SEC uses a chromatography system.',
      scalability: {
        litreScale: 'no',
        gmp: 'established',
        text: 'The polishing step of a cGMP-compatible process after TFF concentration; not for litres directly.',
        citations: [at(WATSON_2018, 'abstract'), NORDIN_2015],
      },
      coIsolates: [
        {
          kind: 'lipoproteins',
          severity: 'moderate',
          text: 'HDL is mostly removed, but VLDL/chylomicrons and some LDL co-elute from plasma.',
          citations: [BOING_2014, KARIMI_2018],
        },
        {
          kind: 'soluble-proteins',
          severity: 'low',
          text: 'Most soluble protein elutes in later fractions.',
          citations: [BOING_2014, LOZANO_RAMOS_2015],
        },
        {
          kind: 'uromodulin',
          severity: 'low',
          text: 'Separates urinary EVs from most uromodulin: the tetraspanin-peak fractions lack Tamm–Horsfall protein.',
          citations: [at(LOZANO_RAMOS_2015, 'abstract')],
        },
        {
          kind: 'viruses',
          severity: 'moderate',
          text: 'Size-based: EV-sized viruses co-elute.',
          citations: [THERY_2018_MISEV],
        },
      ],
      integrity: {
        effect: 'preserved',
        text: 'Gentle, isotonic elution preserves morphology and function; minimal alteration compared with precipitation.',
        citations: [BOING_2014, GAMEZ_VALERO_2016, NORDIN_2015],
      },
      advantages: [
        {
          text: 'Single step, fast, reproducible, preserves function.',
          citations: [BOING_2014, GAMEZ_VALERO_2016],
        },
        {
          text: 'Works on plasma, urine and concentrated media.',
          citations: [BOING_2014, LOZANO_RAMOS_2015],
        },
      ],
      limitations: [
        { text: 'Small loading volume; dilutes the sample.', citations: [BOING_2014] },
        { text: 'Co-elutes EV-sized lipoproteins from plasma.', citations: [KARIMI_2018] },
      ],
      scales: [
        {
          scale: 'bench',
          label: 'bench column (commercial qEV or self-packed ≤ 10 mL)',
          // Li et al. 2025 section 2.4: commercial columns take 150 µL to 10 mL.
          minVolumeMl: 0.15,
          maxVolumeMl: 10,
          citations: [review('section 2.4'), BOING_2014],
        },
        {
          scale: 'process',
          label: 'process-scale column after concentration',
          // Watson et al. 2018: SEC on a concentrate from TFF (the catalogue's 10–100 mL load, approximate).
          minVolumeMl: 10,
          maxVolumeMl: 100,
          afterConcentrationOnly: true,
          equipment: ['chromatography-system'],
          cost: {
            class: 'medium',
            text: 'A chromatography system and a packed column many times the load volume (resin, buffers, system time).',
            citations: [WATSON_2018, NORDIN_2015],
          },
          citations: [at(WATSON_2018, 'abstract'), NORDIN_2015],
        },
      ],
    },
    {
      slug: 'polymer-precipitation',
      name: 'Polymer (PEG) precipitation kits',
      family: 'Polymer precipitation',
      role: 'isolation',
      variants: ['ExoQuick', 'Total Exosome Isolation', 'in-house PEG 6000/8000 (ExtraPEG)'],
      principle:
        'A hydrophilic polymer binds water and lowers EV solubility; EVs precipitate and pellet at low speed.',
      recoveryPercent: {
        values: [
          range(
            60,
            95,
            'approximate',
            [RIDER_2016, GAMEZ_VALERO_2016],
            'particle counts',
            'High particle yields, but counts include non-EV particles; Li et al. 2025 (Table 2) list "low recovery" among the limitations, so the two disagree. ' +
              APPROX_NOTE,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          range(
            1e8,
            1.5e9,
            'approximate',
            [GAMEZ_VALERO_2016, VAN_DEUN_2014, WEBBER_CLAYTON_2013],
            'plasma and medium',
            `Within the impure band of Webber & Clayton: proteins precipitate with EVs. ${APPROX_NOTE}`,
          ),
        ],
      },
      processingTimeH: {
        values: [
          range(1, 2, 'approximate', [GAMEZ_VALERO_2016], 'kit, short incubation', APPROX_NOTE),
          range(12, 18, 'approximate', [RIDER_2016], 'overnight PEG incubation', APPROX_NOTE),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.1,
            500,
            'approximate',
            [RIDER_2016, GAMEZ_VALERO_2016],
            'serum to conditioned medium',
            APPROX_NOTE,
          ),
        ],
      },
      outputVolumeMl: {
        values: [range(0.05, 1, 'approximate', [RIDER_2016], 'resuspended pellet', APPROX_NOTE)],
      },
      cost: {
        class: 'low',
        text: 'In-house PEG is cheap; commercial kits cost more per millilitre.',
        citations: [RIDER_2016],
      },
      equipment: ['benchtop-centrifuge'],
      equipmentText: 'Benchtop centrifuge.',
      scalability: {
        litreScale: 'yes',
        gmp: 'not-recommended',
        text: 'Polymer residue and co-precipitated proteins, immunoglobulins and viruses make it unsuitable for clinical products.',
        citations: [WELSH_2024_MISEV, review('section 2.5')],
      },
      coIsolates: [
        {
          kind: 'polymer',
          severity: 'high',
          text: 'PEG is hard to remove in the last step.',
          citations: [review('section 2.5'), RIDER_2016],
        },
        {
          kind: 'soluble-proteins',
          severity: 'high',
          text: 'Non-EV proteins co-precipitate.',
          citations: [GAMEZ_VALERO_2016, VAN_DEUN_2014],
        },
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'Lipoproteins precipitate from plasma.',
          citations: [GAMEZ_VALERO_2016],
        },
        {
          kind: 'antibodies',
          severity: 'high',
          text: 'Immunoglobulins and immune complexes precipitate.',
          citations: [WELSH_2024_MISEV, review('section 2.5')],
        },
        {
          kind: 'viruses',
          severity: 'high',
          text: 'PEG precipitates viruses (it is a virus-concentration method).',
          citations: [WELSH_2024_MISEV, review('section 2.5')],
        },
      ],
      integrity: {
        effect: 'some-damage',
        text: 'Morphology largely kept, but residual polymer and co-precipitates confound function assays.',
        citations: [GAMEZ_VALERO_2016, RIDER_2016],
      },
      advantages: [
        {
          text: 'Simple, no ultracentrifuge, handles many samples.',
          citations: [review('Table 2'), RIDER_2016],
        },
      ],
      limitations: [
        { text: 'Low purity; polymer residue.', citations: [GAMEZ_VALERO_2016, review('Table 2')] },
        { text: 'Not recommended for clinical use.', citations: [WELSH_2024_MISEV] },
      ],
    },
    {
      slug: 'immunomagnetic-beads',
      name: 'Immunomagnetic beads (CD9/CD63/CD81)',
      family: 'Immunoaffinity capture',
      role: 'isolation',
      variants: ['anti-CD63 beads', 'anti-CD9/CD63/CD81 mix', 'anti-EpCAM (tumour EVs)'],
      principle: 'Antibody-coated magnetic beads capture EVs carrying the chosen surface marker.',
      recoveryPercent: {
        values: [
          range(
            5,
            30,
            'approximate',
            [TAURO_2012],
            'marker-positive subpopulation',
            `Only marker-positive EVs are captured, so total recovery is low by design. ${APPROX_NOTE}`,
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [
          range(
            1e10,
            1e11,
            'approximate',
            [TAURO_2012],
            'captured EVs',
            `Strongest enrichment of exosome markers of the compared methods. ${APPROX_NOTE}`,
          ),
        ],
      },
      processingTimeH: {
        values: [range(2, 18, 'approximate', [TAURO_2012], 'capture 2 h to overnight, washes', APPROX_NOTE)],
      },
      sampleVolumeMl: {
        values: [
          range(0.1, 10, 'approximate', [TAURO_2012], 'pre-cleared or pre-concentrated sample', APPROX_NOTE),
        ],
      },
      outputVolumeMl: {
        values: [range(0.05, 0.5, 'approximate', [TAURO_2012], 'beads or eluate', APPROX_NOTE)],
      },
      cost: {
        class: 'high',
        text: 'Antibody-coated beads are expensive per sample.',
        citations: [review('Table 2')],
      },
      equipment: ['magnetic-separator'],
      equipmentText: 'Magnetic rack or automated separator.',
      scalability: {
        litreScale: 'no',
        gmp: 'not-recommended',
        text: 'Bead and antibody carry-over and harsh elution; selects a subpopulation — used for analysis, not manufacturing.',
        citations: [WELSH_2024_MISEV, TAURO_2012],
      },
      coIsolates: [
        {
          kind: 'antibodies',
          severity: 'moderate',
          text: 'Capture antibodies and beads stay with the EVs unless eluted.',
          citations: [WELSH_2024_MISEV],
        },
        {
          kind: 'soluble-proteins',
          severity: 'low',
          text: 'Non-specific binding is the main source of contamination.',
          citations: [review('section 2.6')],
        },
      ],
      integrity: {
        effect: 'compromised',
        text: 'EVs stay bound to beads or need denaturing elution: suited to omics and marker studies, not function.',
        citations: [TAURO_2012, WELSH_2024_MISEV],
      },
      advantages: [
        {
          text: 'High specificity and purity for a defined subpopulation.',
          citations: [TAURO_2012, review('Table 2')],
        },
      ],
      limitations: [
        { text: 'High cost; non-specific binding.', citations: [review('Table 2')] },
        { text: 'Misses marker-negative EVs.', citations: [WELSH_2024_MISEV] },
      ],
    },
    {
      slug: 'microfluidics',
      name: 'Microfluidics',
      family: 'Microfluidics',
      role: 'isolation',
      variants: [
        'size-based (Exodisc)',
        'immunoaffinity chips',
        'acoustic / deterministic lateral displacement',
      ],
      principle:
        'Micro-scale channels, filters or capture surfaces separate EVs from microlitres to about a millilitre of sample.',
      recoveryPercent: {
        values: [
          inMatrices(
            range(
              95,
              100,
              'approximate',
              [WOO_2017],
              'Exodisc, cell-culture supernatant',
              'Size-based lab-on-a-disc only (>95 % recovery as recalled from the Exodisc paper; not re-read in a stored copy); immunoaffinity chips capture a subpopulation and recover far less.',
            ),
            ['conditioned-medium'],
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [],
        notReported: 'Device-specific; no family-wide particle-to-protein ratio is established.',
      },
      processingTimeH: {
        values: [
          range(
            0.5,
            0.5,
            'approximate',
            [WOO_2017],
            'Exodisc, 1 mL',
            'About 30 min, fully automated (as recalled from the Exodisc paper; Li et al. 2025 section 2.7 only say "quickly").',
          ),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.001,
            0.5,
            'reported',
            [review('section 2.7')],
            'chip channels: a few µL to several hundred µL',
            'Li et al. 2025 section 2.7: volumes from a few microlitres to several hundred microlitres.',
          ),
          range(
            1,
            1,
            'approximate',
            [WOO_2017],
            'Exodisc (lab-on-a-disc)',
            `About 1 mL per disc. ${APPROX_NOTE}`,
          ),
        ],
      },
      outputVolumeMl: { values: [range(0.01, 0.1, 'approximate', [WOO_2017], 'eluate', APPROX_NOTE)] },
      cost: {
        class: 'medium',
        text: 'Low cost per chip, but dedicated devices and expertise.',
        citations: [review('section 2.7')],
      },
      equipment: ['microfluidic-device'],
      equipmentText: 'Device-specific chip or disc and its driver instrument.',
      scalability: {
        litreScale: 'no',
        gmp: 'limited',
        text: 'Throughput of µL–mL per device: diagnostic, not manufacturing.',
        citations: [review('section 2.7'), WELSH_2024_MISEV],
      },
      coIsolates: [
        {
          kind: 'soluble-proteins',
          severity: 'low',
          text: 'Washing on-chip removes most free protein (size-based discs).',
          citations: [WOO_2017],
        },
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'Size-based discs (20–600 nm) retain EV-sized lipoproteins from plasma.',
          citations: [WOO_2017, KARIMI_2018],
        },
      ],
      integrity: {
        effect: 'preserved',
        text: 'Low forces (<500 ×g on the disc); EVs intact for RNA and protein analysis.',
        citations: [WOO_2017, review('section 2.7')],
      },
      advantages: [
        { text: 'Fast, automated, needs very little sample.', citations: [WOO_2017, review('Table 2')] },
      ],
      limitations: [
        { text: 'Dedicated devices and expertise; not standardised.', citations: [review('Table 2')] },
      ],
    },
    {
      slug: 'acoustic-oscillation',
      name: 'Acoustic/oscillation filtration (EXODUS)',
      family: 'EXODUS',
      role: 'isolation',
      variants: ['EXODUS (dual-frequency oscillation + negative pressure)'],
      principle:
        'Nanoporous membranes vibrated at two frequencies under alternating negative pressure filter out small molecules without fouling.',
      recoveryPercent: {
        values: [
          atScale(
            inMatrices(
              range(
                90,
                100,
                'reported',
                [CHEN_2021_EXODUS, review('section 2.8')],
                'urine, plasma, tears',
                'As summarised by Li et al. 2025 section 2.8 from the EXODUS papers (Chen et al. 2021; Hu et al. 2022): >90 % recovery.',
              ),
              ['urine', 'plasma', 'tears'],
            ),
            'bench',
          ),
        ],
      },
      purityParticlesPerUgProtein: {
        values: [],
        notReported:
          'Reported as >98 % contaminant (protein) removal (Chen et al. 2021, via Li et al. 2025 section 2.8), not as particles/µg.',
      },
      processingTimeH: {
        values: [
          atScale(
            range(0.1, 0.5, 'approximate', [CHEN_2021_EXODUS], 'mL-scale biofluid', APPROX_NOTE),
            'bench',
          ),
        ],
      },
      sampleVolumeMl: {
        values: [
          range(
            0.01,
            10000,
            'reported',
            [review('section 2.8')],
            'across instrument models',
            'Li et al. 2025 section 2.8 (citing Hu et al. 2023 and Jiang S. et al. 2024): different EXODUS models cover 10 µL to 10 L.',
          ),
        ],
      },
      outputVolumeMl: {
        values: [range(0.05, 1, 'approximate', [CHEN_2021_EXODUS], 'retained EVs', APPROX_NOTE)],
      },
      cost: {
        class: 'high',
        text: 'Dedicated instrument and disposable cartridges.',
        citations: [review('section 2.8')],
      },
      equipment: ['exodus-instrument'],
      equipmentText: 'EXODUS instrument and cartridges.',
      scalability: {
        litreScale: 'yes',
        gmp: 'limited',
        text: 'Litre-scale models exist; no GMP manufacturing use reported.',
        citations: [review('section 2.8')],
      },
      coIsolates: [
        {
          kind: 'soluble-proteins',
          severity: 'low',
          text: 'Most small proteins pass the membrane.',
          citations: [CHEN_2021_EXODUS],
        },
        {
          kind: 'lipoproteins',
          severity: 'high',
          text: 'Size-based filtration: EV-sized lipoproteins are retained from plasma, as in ultrafiltration.',
          citations: [KARIMI_2018],
        },
      ],
      integrity: {
        effect: 'preserved',
        text: 'EV integrity maintained for downstream molecular analysis.',
        citations: [review('section 2.8'), CHEN_2021_EXODUS],
      },
      advantages: [
        {
          text: 'Fast, automated and reproducible with high recovery.',
          citations: [CHEN_2021_EXODUS, review('Table 2')],
        },
      ],
      limitations: [
        {
          text: 'Specialised instrument and cartridges; viscous samples need pre-filtration.',
          citations: [review('section 2.8')],
        },
      ],
    },
  ],
};

/** The catalogue, validated against its schema when the module loads (a broken entry fails every test). */
export const ISOLATION_METHOD_CATALOGUE: MethodCatalogue = methodCatalogueSchema.parse(RAW_CATALOGUE);

const BY_SLUG = new Map<IsolationMethod, MethodEntry>(
  ISOLATION_METHOD_CATALOGUE.methods.map((m) => [m.slug, m]),
);

export function methodEntry(slug: IsolationMethod): MethodEntry {
  const entry = BY_SLUG.get(slug);
  if (!entry) throw new Error(`isolation method catalogue has no entry for ${slug}`);
  return entry;
}

/** The unvalidated data, for the schema test. */
export function rawCatalogue(): unknown {
  return RAW_CATALOGUE;
}
