/**
 * The NTA size distribution drawn with Observable Plot on the server: Plot renders into a linkedom document
 * (no browser), the SVG is rasterised to PNG by resvg for the PDF.
 */
import * as Plot from '@observablehq/plot';
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import type { NtaReport } from '../science/nta/nta-report.ts';

export function ntaPlotSvg(report: NtaReport): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const data = report.distribution.binCentersNm.map((d, i) => ({
    diameterNm: d,
    concentration: report.distribution.concentrationPerMl[i] ?? 0,
    se: report.distribution.standardErrorPerMl[i] ?? 0,
  }));
  const svg = Plot.plot({
    document: document as unknown as Document,
    width: 640,
    height: 260,
    marginLeft: 60,
    style: { fontFamily: 'sans-serif', fontSize: '11px', background: 'white' },
    x: { label: 'Diameter (nm)', domain: [0, 600] },
    y: { label: 'Particles/mL per nm', grid: true, tickFormat: '.1e' },
    marks: [
      Plot.areaY(data, {
        x: 'diameterNm',
        y1: (d: { concentration: number; se: number }) => Math.max(0, d.concentration - d.se),
        y2: (d: { concentration: number; se: number }) => d.concentration + d.se,
        fill: '#9ecae1',
        fillOpacity: 0.6,
      }),
      Plot.lineY(data, { x: 'diameterNm', y: 'concentration', stroke: '#08519c', strokeWidth: 1.5 }),
      Plot.ruleY([0]),
    ],
  }) as unknown as { outerHTML: string; setAttribute?: (k: string, v: string) => void };
  // Plot wraps the SVG in a <figure> when it has a legend or caption: keep the SVG.
  const html = svg.outerHTML;
  const start = html.indexOf('<svg');
  let text = start > 0 ? html.slice(start, html.lastIndexOf('</svg>') + 6) : html;
  if (!text.includes('xmlns=')) text = text.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return text;
}

export function svgToPng(svg: string, widthPx = 1280): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}
