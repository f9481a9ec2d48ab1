/**
 * The bead files of `evlab calibrate` and the calibration API (JSON, validated with zod). Documented in
 * CONTEXT.md with examples.
 */
import { z } from 'zod';

const positive = z.number().finite().positive();

export const apertureSchema = z.object({
  centreDeg: z.number().finite().min(0).max(180).default(90),
  halfAngleDeg: z.number().finite().positive().max(180),
  obscurationDeg: z.number().finite().min(0).max(90).optional(),
  polarisation: z.enum(['parallel', 'perpendicular', 'unpolarised']).default('unpolarised'),
});

export const evModelSchema = z.object({
  coreIndex: positive.default(1.38),
  shellIndex: positive.default(1.48),
  shellThicknessNm: z.number().finite().min(0).default(6),
});

export const scatterBeadsSchema = z.object({
  wavelengthNm: positive.max(2000),
  mediumIndex: positive.optional(),
  aperture: apertureSchema,
  beads: z
    .array(
      z
        .object({
          diameterNm: positive.max(20000),
          au: positive,
          material: z.enum(['polystyrene', 'silica', 'water']).optional(),
          refractiveIndex: z.object({ n: positive, k: z.number().finite().min(0).optional() }).optional(),
          label: z.string().max(200).optional(),
        })
        .refine((b) => b.material !== undefined || b.refractiveIndex !== undefined, {
          message: 'give a material (polystyrene, silica) or a refractiveIndex {n, k}',
        }),
    )
    .min(1)
    .max(100),
  ev: evModelSchema.optional(),
  /** Optional a.u. values to convert to cross-section and diameter. */
  convert: z.array(z.number().finite()).max(100000).optional(),
});
export type ScatterBeadsInput = z.infer<typeof scatterBeadsSchema>;

export const fluorescenceBeadsSchema = z.object({
  unit: z.string().min(1).max(40).default('MESF'),
  fluorochrome: z.string().max(100).optional(),
  beads: z
    .array(
      z.object({
        mfi: z.number().finite(),
        assigned: z.number().finite().min(0),
        label: z.string().max(200).optional(),
      }),
    )
    .min(2)
    .max(100),
  convert: z.array(z.number().finite()).max(100000).optional(),
});
export type FluorescenceBeadsInput = z.infer<typeof fluorescenceBeadsSchema>;

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
}
