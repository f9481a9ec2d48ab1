import { describe, expect, it } from 'vitest';
import { batchInputSchema, batchPatchSchema } from './batch.ts';
import { mscSourcePatchSchema } from './msc-source.ts';

describe('patch schemas', () => {
  it('keep only the fields a PATCH names (no defaults filled in)', () => {
    expect(batchPatchSchema.parse({ notes: 'x' })).toEqual({ notes: 'x' });
    expect(mscSourcePatchSchema.parse({ passage: 5 })).toEqual({ passage: 5 });
  });
  it('still validate the fields they name, with the field path', () => {
    const result = batchPatchSchema.safeParse({ storageTemperatureC: 'cold' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['storageTemperatureC']);
  });
  it('leave the input schema defaults in place for creation', () => {
    const created = batchInputSchema.parse({ projectId: 'p', code: 'B-1' });
    expect(created.status).toBe('draft');
    // No silent defaults: buffer and storage temperature are empty until entered.
    expect(created.buffer).toBe('');
    expect(created.storageTemperatureC).toBeNull();
  });
});
