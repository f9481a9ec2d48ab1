/**
 * "SVG" and "PNG" buttons for a chart drawn by usePlot: the SVG is the chart's own <svg> serialised (with
 * the XML namespace), the PNG the same SVG rasterised at 2× on a canvas. File names say what the plot is.
 */
import type { RefObject } from 'react';

/** The chart's main <svg>: the largest one (legend swatches are small svgs of their own). */
function svgOf(container: HTMLElement | null): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let area = -1;
  for (const svg of container?.querySelectorAll('svg') ?? []) {
    const r = svg.getBoundingClientRect();
    const a =
      r.width * r.height || Number(svg.getAttribute('width') ?? 0) * Number(svg.getAttribute('height') ?? 0);
    if (a > area) {
      area = a;
      best = svg;
    }
  }
  return best;
}

function serialise(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!clone.getAttribute('style')?.includes('background'))
    clone.setAttribute('style', `${clone.getAttribute('style') ?? ''};background:white`);
  return new XMLSerializer().serializeToString(clone);
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportSvg(container: HTMLElement | null, baseName: string): boolean {
  const svg = svgOf(container);
  if (!svg) return false;
  download(new Blob([serialise(svg)], { type: 'image/svg+xml' }), `${baseName}.svg`);
  return true;
}

export function exportPng(container: HTMLElement | null, baseName: string, scale = 2): boolean {
  const svg = svgOf(container);
  if (!svg) return false;
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const g = canvas.getContext('2d');
    if (!g) return;
    g.fillStyle = 'white';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => {
      if (blob) download(blob, `${baseName}.png`);
    }, 'image/png');
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serialise(svg))}`;
  return true;
}

export function PlotExportButtons({
  target,
  baseName,
  label,
}: {
  target: RefObject<HTMLElement | null>;
  baseName: string;
  label: string;
}) {
  return (
    <span className="plot-export">
      <button
        type="button"
        className="button small"
        onClick={() => exportSvg(target.current, baseName)}
        aria-label={`Export ${label} as SVG`}
      >
        SVG
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => exportPng(target.current, baseName)}
        aria-label={`Export ${label} as PNG`}
      >
        PNG
      </button>
    </span>
  );
}
