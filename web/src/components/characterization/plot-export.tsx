/**
 * "SVG" and "PNG" buttons for an Observable Plot chart rendered in `target`: the chart's SVG is serialized
 * as is (fonts and colours inline), the PNG is that SVG drawn at 2× on a white canvas.
 */
import type { RefObject } from 'react';

function chartSvg(target: HTMLElement | null): SVGSVGElement | null {
  if (!target) return null;
  const svgs = [...target.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 40);
  return (svgs.at(-1) as SVGSVGElement | undefined) ?? null;
}

function serialize(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const { width, height } = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(height)));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = 'svg { font: 10px system-ui, sans-serif; background: white; }';
  clone.insertBefore(style, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function exportSvg(target: HTMLElement | null, name: string): boolean {
  const svg = chartSvg(target);
  if (!svg) return false;
  const url = URL.createObjectURL(new Blob([serialize(svg)], { type: 'image/svg+xml' }));
  download(url, `${name}.svg`);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return true;
}

export function exportPng(target: HTMLElement | null, name: string): boolean {
  const svg = chartSvg(target);
  if (!svg) return false;
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  const url = URL.createObjectURL(new Blob([serialize(svg)], { type: 'image/svg+xml' }));
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(2, 2);
    ctx.drawImage(image, 0, 0, width, height);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => {
      if (!blob) return;
      const png = URL.createObjectURL(blob);
      download(png, `${name}.png`);
      setTimeout(() => URL.revokeObjectURL(png), 1000);
    }, 'image/png');
  };
  image.src = url;
  return true;
}

export function PlotExport({
  target,
  name,
  label,
}: {
  target: RefObject<HTMLElement | null>;
  name: string;
  label: string;
}) {
  return (
    <span className="plot-export">
      <button
        type="button"
        className="button small"
        onClick={() => exportSvg(target.current, name)}
        aria-label={`Download ${label} as SVG`}
      >
        SVG
      </button>{' '}
      <button
        type="button"
        className="button small"
        onClick={() => exportPng(target.current, name)}
        aria-label={`Download ${label} as PNG`}
      >
        PNG
      </button>
    </span>
  );
}
