import { z } from 'zod';

/**
 * The nine isolation method families an MSC-EV lab chooses from (Li et al. 2025, Table 2; Théry et al. 2018
 * MISEV2018, J Extracell Vesicles 7:1535750, section on separation/concentration).
 */
export const ISOLATION_METHODS = [
  'differential-ultracentrifugation',
  'density-gradient-ultracentrifugation',
  'ultrafiltration',
  'tangential-flow-filtration',
  'anion-exchange-chromatography',
  'size-exclusion-chromatography',
  'polymer-precipitation',
  'immunomagnetic-beads',
  'microfluidics',
  'acoustic-oscillation',
  'low-speed-centrifugation',
  'filtration',
] as const;
export type IsolationMethod = (typeof ISOLATION_METHODS)[number];

const parameterValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const isolationStepSchema = z.object({
  method: z.enum(ISOLATION_METHODS),
  /** Free-form but typed values, e.g. { rcfG: 100000, minutes: 70, rotor: "SW 32 Ti", temperatureC: 4 }. */
  parameters: z.record(z.string(), parameterValue).default({}),
  notes: z.string().max(2000).default(''),
});

export const isolationProtocolSchema = z.object({
  version: z.literal(1).default(1),
  name: z.string().max(200).default(''),
  steps: z.array(isolationStepSchema).max(50),
});
export type IsolationStep = z.output<typeof isolationStepSchema>;
export type IsolationProtocol = z.output<typeof isolationProtocolSchema>;
