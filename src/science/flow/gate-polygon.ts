/**
 * Polygon gate (Gating-ML 2.0 §4.2): the polygon is closed from the last vertex back to the first and may be
 * non-simple; inside = even-odd (crossing-number) rule, the rule of the reference implementations (a
 * horizontal ray from the point crosses the edges an odd number of times; W. R. Franklin's PNPOLY test).
 */
export function inPolygon(x: number, y: number, vertices: readonly (readonly [number, number])[]): boolean {
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  let inside = false;
  const n = vertices.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = vertices[i] as readonly [number, number];
    const [xj, yj] = vertices[j] as readonly [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
