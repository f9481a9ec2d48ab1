/**
 * Polygon gate drawn on the density plot: vertices are in plot pixels (display space, so edges are straight on
 * the log/arcsinh axes the user sees, as in FlowJo). Events are mapped to the same pixel space and tested with
 * the even–odd ray-crossing rule (the rule Gating-ML 2.0 sec. 5.3.4 prescribes for polygon gates).
 */
import { axisTransform, type DensityAxes } from './density-raster.ts';

export interface PixelPoint {
  x: number;
  y: number;
}

/** Even–odd rule: is (px, py) inside the polygon? */
export function insidePolygon(px: number, py: number, vertices: readonly PixelPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const a = vertices[i] as PixelPoint;
    const b = vertices[j] as PixelPoint;
    if (a.y > py !== b.y > py && px < ((b.x - a.x) * (py - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Number of events inside a pixel polygon on a width × height plot (row 0 at the top = largest y). */
export function countInPixelPolygon(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  axes: DensityAxes,
  width: number,
  height: number,
  vertices: readonly PixelPoint[],
): number {
  if (vertices.length < 3) return 0;
  const tx = axisTransform(axes.x.scale);
  const ty = axisTransform(axes.y.scale);
  const x0 = tx(axes.x.domain[0]);
  const sx = width / (tx(axes.x.domain[1]) - x0);
  const y0 = ty(axes.y.domain[0]);
  const sy = height / (ty(axes.y.domain[1]) - y0);
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const px = (tx(xs[i] as number) - x0) * sx;
    const py = height - (ty(ys[i] as number) - y0) * sy;
    if (Number.isFinite(px) && Number.isFinite(py) && insidePolygon(px, py, vertices)) n++;
  }
  return n;
}
