import { describe, expect, it } from 'vitest';
import { moveInGrid } from './grid-keys.ts';

describe('moveInGrid', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveInGrid({ column: 0, row: 0 }, 'ArrowRight', 3, 2)).toEqual({ column: 1, row: 0 });
    expect(moveInGrid({ column: 1, row: 0 }, 'ArrowDown', 3, 2)).toEqual({ column: 1, row: 1 });
    expect(moveInGrid({ column: 0, row: 0 }, 'ArrowLeft', 3, 2)).toBeNull();
    expect(moveInGrid({ column: 2, row: 1 }, 'ArrowDown', 3, 2)).toBeNull();
  });
  it('goes to the row ends with Home/End and the grid ends with Ctrl', () => {
    expect(moveInGrid({ column: 1, row: 1 }, 'Home', 3, 2)).toEqual({ column: 0, row: 1 });
    expect(moveInGrid({ column: 1, row: 0 }, 'End', 3, 2, undefined, true)).toEqual({ column: 2, row: 1 });
  });
  it('skips missing cells and ignores other keys', () => {
    const exists = (p: { column: number; row: number }) => p.column !== 1;
    expect(moveInGrid({ column: 0, row: 0 }, 'ArrowRight', 3, 1, exists)).toEqual({ column: 2, row: 0 });
    expect(moveInGrid({ column: 0, row: 0 }, 'a', 3, 1)).toBeNull();
  });
});
