/**
 * The two-step combinations the recommender considers, each with the published work that used it. The
 * first step concentrates or pre-purifies; the second purifies orthogonally (size, charge or density).
 */
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';
import {
  BENEDIKTER_2017,
  HEATH_2018,
  KARIMI_2018,
  KIM_2016,
  LI_2025,
  LOBB_2015,
  NORDIN_2015,
  RIDER_2016,
  type SourcedCitation,
  TAURO_2012,
  THERY_2006,
  VAN_DEUN_2014,
  WATSON_2018,
  WELSH_2024_MISEV,
} from './isolation-literature.ts';

export interface MethodChain {
  steps: [IsolationMethod, IsolationMethod];
  /** Why the two are combined, in words. */
  rationale: string;
  citations: SourcedCitation[];
}

export const METHOD_CHAINS: readonly MethodChain[] = [
  {
    steps: ['tangential-flow-filtration', 'size-exclusion-chromatography'],
    rationale:
      'TFF concentrates litres of medium in a closed system; SEC then removes the co-concentrated protein.',
    citations: [WATSON_2018, NORDIN_2015],
  },
  {
    steps: ['tangential-flow-filtration', 'anion-exchange-chromatography'],
    rationale: 'TFF concentrates and buffer-exchanges; AEC then purifies by surface charge.',
    citations: [{ ...LI_2025, location: 'section 2.3' }, HEATH_2018],
  },
  {
    steps: ['ultrafiltration', 'size-exclusion-chromatography'],
    rationale: 'Centrifugal UF concentrates to the SEC loading volume; SEC separates EVs from proteins.',
    citations: [BENEDIKTER_2017, NORDIN_2015, LOBB_2015],
  },
  {
    steps: ['ultrafiltration', 'anion-exchange-chromatography'],
    rationale: 'UF concentrates and de-proteinises; AEC purifies by charge without losing activity.',
    citations: [{ ...LI_2025, location: 'section 2.3' }, KIM_2016],
  },
  {
    steps: ['differential-ultracentrifugation', 'density-gradient-ultracentrifugation'],
    rationale: 'The crude pellet is floated on a density gradient, separating EVs from co-pelleted protein.',
    citations: [TAURO_2012, THERY_2006],
  },
  {
    steps: ['ultrafiltration', 'density-gradient-ultracentrifugation'],
    rationale: 'UF concentrates medium to a volume a gradient can take; the gradient purifies by density.',
    citations: [VAN_DEUN_2014],
  },
  {
    steps: ['density-gradient-ultracentrifugation', 'size-exclusion-chromatography'],
    rationale:
      'Density removes most lipoproteins of other densities, size removes HDL: orthogonal for plasma.',
    citations: [KARIMI_2018],
  },
  {
    steps: ['differential-ultracentrifugation', 'size-exclusion-chromatography'],
    rationale:
      'SEC after pelleting removes co-pelleted soluble protein; MISEV encourages combining principles.',
    citations: [WELSH_2024_MISEV],
  },
  {
    steps: ['polymer-precipitation', 'differential-ultracentrifugation'],
    rationale:
      'PEG enriches EVs from large volumes; an ultracentrifugation wash removes the polymer (ExtraPEG).',
    citations: [RIDER_2016],
  },
];
