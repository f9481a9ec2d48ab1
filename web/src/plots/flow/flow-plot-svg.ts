/**
 * Vector SVG exports of the flow plots: the density plot as one <rect> per non-empty bin (the same binning and
 * log-scaled colour map as the canvas raster, coarsened to `cells` × `cells` so a 10⁶-event plot stays a
 * small file), the histogram as one <rect> per bar; both with a frame, axis end values and a caption. No
 * embedded PNG: the export scales and edits like any vector figure (journals ask for vector art).
 */
import { formatSignificant } from '../../lib/format.ts';
import { binDensity, type DensityAxes, densityColour } from './density-raster.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const num = (v: number) => formatSignificant(v, 3);
/** An SVG coordinate rounded to `d` decimals (geometry, not a displayed number). */
const at = (v: number, d = 2) => {
  const k = 10 ** d;
  return Math.round(v * k) / k;
};

const M = { left: 48, bottom: 36, top: 8, right: 8 };

function frame(
  w: number,
  h: number,
  xLabel: string,
  yLabel: string,
  x: [number, number] | null,
  y: [number, number] | null,
): string {
  const parts = [
    `<rect x="${M.left}" y="${M.top}" width="${w}" height="${h}" fill="none" stroke="#333" stroke-width="1"/>`,
    `<g font-family="sans-serif" font-size="11" fill="#222">`,
    x ? `<text x="${M.left}" y="${M.top + h + 14}">${esc(num(x[0]))}</text>` : '',
    x ? `<text x="${M.left + w}" y="${M.top + h + 14}" text-anchor="end">${esc(num(x[1]))}</text>` : '',
    `<text x="${M.left + w / 2}" y="${M.top + h + 30}" text-anchor="middle">${esc(xLabel)}</text>`,
  ];
  if (y) {
    parts.push(
      `<text x="${M.left - 4}" y="${M.top + h}" text-anchor="end">${esc(num(y[0]))}</text>`,
      `<text x="${M.left - 4}" y="${M.top + 10}" text-anchor="end">${esc(num(y[1]))}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(12 ${M.top + h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    '</g>',
  );
  return parts.join('');
}

/** The density plot of xs/ys as an SVG document (string). */
export function densitySvg(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  axes: DensityAxes,
  labels: { x: string; y: string; title: string },
  size = 400,
  cells = 128,
): string {
  const { counts, max } = binDensity(xs, ys, cells, cells, axes);
  const c = size / cells;
  const rects: string[] = [];
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      const n = counts[row * cells + col] as number;
      if (n === 0) continue;
      rects.push(
        `<rect x="${at(M.left + col * c, 2)}" y="${at(M.top + row * c, 2)}" width="${at(c, 3)}" height="${at(c, 3)}" fill="${densityColour(n, max)}"><title>${n}</title></rect>`,
      );
    }
  }
  const W = M.left + size + M.right;
  const H = M.top + size + M.bottom;
  const scaleNote = (a: DensityAxes['x']) => (a.scale === 'linear' ? '' : ` (${a.scale})`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title>${esc(labels.title)}</title><g shape-rendering="crispEdges">${rects.join('')}</g>${frame(size, size, labels.x + scaleNote(axes.x), labels.y + scaleNote(axes.y), axes.x.domain, axes.y.domain)}</svg>`;
}

/** A histogram (bin counts over [domain]) as an SVG document (string). */
export function histogramSvg(
  bins: ArrayLike<number>,
  domain: [number, number],
  labels: { x: string; title: string },
  width = 400,
  height = 160,
): string {
  let max = 1;
  for (let i = 0; i < bins.length; i++) max = Math.max(max, bins[i] as number);
  const w = width / bins.length;
  const rects: string[] = [];
  for (let i = 0; i < bins.length; i++) {
    const n = bins[i] as number;
    if (n === 0) continue;
    const bh = (n / max) * height;
    rects.push(
      `<rect x="${at(M.left + i * w, 2)}" y="${at(M.top + height - bh, 2)}" width="${at(w, 3)}" height="${at(bh, 2)}" fill="#3b528b"><title>${n}</title></rect>`,
    );
  }
  const W = M.left + width + M.right;
  const H = M.top + height + M.bottom;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title>${esc(labels.title)}</title>${rects.join('')}${frame(width, height, labels.x, `events (max ${max})`, domain, null)}</svg>`;
}

/** An SVG string as a download link target. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Overlaid histograms (each normalised to its mode) as polylines in an SVG document (string). */
export function overlaySvg(
  lines: { label: string; colour: string; bins: ArrayLike<number> }[],
  labels: { x: string; title: string },
  width = 400,
  height = 160,
): string {
  const paths = lines.map((l, k) => {
    let mode = 1;
    for (let b = 0; b < l.bins.length; b++) mode = Math.max(mode, l.bins[b] as number);
    const pts: string[] = [];
    for (let b = 0; b < l.bins.length; b++) {
      const x = M.left + ((b + 0.5) / l.bins.length) * width;
      const y = M.top + height - ((l.bins[b] as number) / mode) * (height - 10);
      pts.push(`${at(x, 2)},${at(y, 2)}`);
    }
    return `<polyline fill="none" stroke="${l.colour}" stroke-width="1.5" points="${pts.join(' ')}"><title>${esc(l.label)}</title></polyline><text x="${M.left + width - 4}" y="${M.top + 14 + 13 * k}" text-anchor="end" font-family="sans-serif" font-size="11" fill="${l.colour}">${esc(l.label)}</text>`;
  });
  const W = M.left + width + M.right;
  const H = M.top + height + M.bottom;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title>${esc(labels.title)}</title>${paths.join('')}${frame(width, height, labels.x, 'events (% of mode)', null, null)}</svg>`;
}
