/**
 * Exports a rendered plot (Observable Plot's <svg>, with its legend when there is one) as a standalone SVG
 * file or a PNG at 2× resolution. The SVG gets the XML namespace, a white background and the page's font,
 * so it opens the same in Inkscape, Illustrator or a browser.
 */
import { downloadText } from './csv.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The plot's main <svg> (Plot wraps a plot with a legend in a <figure>; its largest svg is the plot). */
export function plotSvg(container: Element): SVGSVGElement | null {
  const svgs = [...container.querySelectorAll('svg')].filter((s) => !s.closest('button'));
  if (svgs.length === 0) return null;
  return svgs.reduce((a, b) => (b.clientWidth * b.clientHeight > a.clientWidth * a.clientHeight ? b : a));
}

/** A standalone SVG document for the plot, with namespace, size and background. */
export function svgMarkup(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  const width = svg.getAttribute('width') ?? String(svg.clientWidth);
  const height = svg.getAttribute('height') ?? String(svg.clientHeight);
  copy.setAttribute('width', width);
  copy.setAttribute('height', height);
  const font = getComputedStyle(svg).fontFamily;
  copy.style.fontFamily = font;
  copy.style.background = '#ffffff';
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  downloadText(`${fileName}.svg`, svgMarkup(svg), 'image/svg+xml;charset=utf-8');
}

/** Renders the SVG onto a canvas at `scale` and downloads it as PNG. */
export async function downloadPng(svg: SVGSVGElement, fileName: string, scale = 2): Promise<void> {
  const markup = svgMarkup(svg);
  const width = Number.parseFloat(svg.getAttribute('width') ?? '') || svg.clientWidth;
  const height = Number.parseFloat(svg.getAttribute('height') ?? '') || svg.clientHeight;
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the plot could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG could not be written');
    const pngUrl = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = pngUrl;
    a.download = `${fileName}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(pngUrl), 0);
  } finally {
    URL.revokeObjectURL(url);
  }
}
