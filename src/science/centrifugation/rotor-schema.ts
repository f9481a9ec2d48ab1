/**
 * User-defined rotors (`--rotor-file FILE.json`, API `rotors`): a JSON array validated with zod. Lengths
 * in mm, as in the built-in library (rotor-library.ts) and Livshits et al. 2015 Table 1.
 */
import { z } from 'zod';
import type { Rotor } from './centrifugation-types.ts';

const positive = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .finite()
    .positive({ error: `${what} must be > 0` });

export const userRotorSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'name must not be empty' }).max(60),
    manufacturer: z.string().trim().max(80).default('user-defined'),
    type: z.enum(['swinging-bucket', 'fixed-angle'], {
      error: 'type must be "swinging-bucket" or "fixed-angle"',
    }),
    rMinMm: positive('rMinMm'),
    rMaxMm: positive('rMaxMm'),
    /** Defaults to the midpoint (rMin + rMax)/2 when the manual gives no Rav. */
    rAvMm: positive('rAvMm').optional(),
    tubeDiameterMm: positive('tubeDiameterMm').nullable().default(null),
    angleDeg: z
      .number({ error: 'angleDeg must be a number' })
      .gt(0, { error: 'angleDeg must be > 0' })
      .lt(90, { error: 'angleDeg must be < 90' })
      .nullable()
      .default(null),
    maxRpm: positive('maxRpm').max(200_000, { error: 'maxRpm must be ≤ 200000' }),
    kFactorAtMaxRpm: positive('kFactorAtMaxRpm').nullable().default(null),
    tubeVolumeMl: positive('tubeVolumeMl').nullable().default(null),
    tubes: z.number().int().positive().nullable().default(null),
    source: z.string().trim().max(300).default('user-defined'),
    note: z.string().max(500).optional(),
  })
  .superRefine((r, ctx) => {
    if (!(r.rMaxMm > r.rMinMm))
      ctx.addIssue({ code: 'custom', path: ['rMaxMm'], message: 'rMaxMm must be greater than rMinMm' });
    if (r.rAvMm !== undefined && !(r.rAvMm > r.rMinMm && r.rAvMm < r.rMaxMm))
      ctx.addIssue({ code: 'custom', path: ['rAvMm'], message: 'rAvMm must lie between rMinMm and rMaxMm' });
    if (r.type === 'fixed-angle') {
      if (r.tubeDiameterMm === null)
        ctx.addIssue({
          code: 'custom',
          path: ['tubeDiameterMm'],
          message: 'a fixed-angle rotor needs tubeDiameterMm (its sedimentation path is the tube width)',
        });
      if (r.angleDeg === null)
        ctx.addIssue({ code: 'custom', path: ['angleDeg'], message: 'a fixed-angle rotor needs angleDeg' });
    }
  })
  .transform(
    (r): Rotor => ({
      name: r.name,
      manufacturer: r.manufacturer,
      type: r.type,
      rMinMm: r.rMinMm,
      rAvMm: r.rAvMm ?? (r.rMinMm + r.rMaxMm) / 2,
      rMaxMm: r.rMaxMm,
      tubeDiameterMm: r.type === 'fixed-angle' ? r.tubeDiameterMm : null,
      angleDeg: r.type === 'fixed-angle' ? r.angleDeg : null,
      maxRpm: r.maxRpm,
      kFactorAtMaxRpm: r.kFactorAtMaxRpm,
      tubeVolumeMl: r.tubeVolumeMl,
      tubes: r.tubes,
      source: r.source,
      userDefined: true,
      ...(r.note !== undefined ? { note: r.note } : {}),
    }),
  );

export const userRotorListSchema = z.array(userRotorSchema);

/** One problem in a rotor list: the JSON path (e.g. [0, 'rMaxMm']) and what is wrong. */
export interface RotorListIssue {
  path: (string | number)[];
  message: string;
}

/** Validates a parsed JSON value as a rotor list; issues name the element and field. */
export function parseUserRotors(
  value: unknown,
): { ok: true; rotors: Rotor[] } | { ok: false; issues: RotorListIssue[] } {
  const parsed = userRotorListSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
      })),
    };
  }
  const seen = new Map<string, number>();
  const issues: RotorListIssue[] = [];
  parsed.data.forEach((rotor, index) => {
    const key = rotor.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        path: [index, 'name'],
        message: `duplicate rotor name "${rotor.name}" (also at [${first}])`,
      });
    else seen.set(key, index);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rotors: parsed.data };
}

/** "[2].rMaxMm" for a path [2, 'rMaxMm']. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}
