/**
 * Arrow-key movement in a grid of cells (WAI-ARIA Authoring Practices, "Grid" keyboard interaction): the
 * whole grid is one tab stop; arrows move one cell, Home/End go to the first/last cell of the row,
 * Ctrl+Home/Ctrl+End to the first/last cell of the grid. Missing cells (holes) are skipped over.
 */
export interface GridPosition {
  column: number;
  row: number;
}

/** The position to move to from `from` for `key`, or null when the key does not move (or hits the edge). */
export function moveInGrid(
  from: GridPosition,
  key: string,
  columns: number,
  rows: number,
  exists: (p: GridPosition) => boolean = () => true,
  ctrlKey = false,
): GridPosition | null {
  const step = (dc: number, dr: number): GridPosition | null => {
    let p = { column: from.column + dc, row: from.row + dr };
    while (p.column >= 0 && p.column < columns && p.row >= 0 && p.row < rows) {
      if (exists(p)) return p;
      p = { column: p.column + dc, row: p.row + dr };
    }
    return null;
  };
  switch (key) {
    case 'ArrowRight':
      return step(1, 0);
    case 'ArrowLeft':
      return step(-1, 0);
    case 'ArrowDown':
      return step(0, 1);
    case 'ArrowUp':
      return step(0, -1);
    case 'Home':
      return ctrlKey ? { column: 0, row: 0 } : { column: 0, row: from.row };
    case 'End':
      return ctrlKey ? { column: columns - 1, row: rows - 1 } : { column: columns - 1, row: from.row };
    default:
      return null;
  }
}
