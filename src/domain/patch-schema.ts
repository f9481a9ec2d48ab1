import { z } from 'zod';

/**
 * Builds the PATCH schema of an input schema: every field optional and, unlike zod 4's `.partial()`,
 * without the input's defaults — a PATCH that names only `notes` must not reset `status` or `buffer`.
 */
export function patchSchemaOf<S extends z.ZodObject>(schema: S): z.ZodType<Partial<z.output<S>>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    let inner = field as z.ZodType;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault)
      inner = inner.unwrap() as z.ZodType;
    shape[key] = inner.optional();
  }
  return z.object(shape) as unknown as z.ZodType<Partial<z.output<S>>>;
}
