/**
 * MSC source × neurological disorder heatmap: cell colour = findings from the review (section 6), the
 * label adds registered trials. Cells are keyboard- and mouse-selectable; selecting one lists its findings.
 */

import * as Plot from '@observablehq/plot';
import { useRef } from 'react';
import { PlotBox } from '../components/plot-box.tsx';
import { moveInGrid } from './grid-keys.ts';
import { usePlot } from './use-plot.ts';

export interface MatrixPlotCell {
  source: string;
  disorder: string;
  sourceLabel: string;
  disorderLabel: string;
  findings: number;
  trials: number;
}

function cellText(c: MatrixPlotCell): string {
  if (c.findings === 0 && c.trials === 0) return '';
  return c.trials > 0 ? `${c.findings}·${c.trials}T` : String(c.findings);
}

function cellName(c: MatrixPlotCell): string {
  return `${c.sourceLabel} × ${c.disorderLabel}: ${c.findings} finding${c.findings === 1 ? '' : 's'}, ${c.trials} trial${c.trials === 1 ? '' : 's'}`;
}

export function EvidenceMatrixPlot({
  cells,
  sources,
  disorders,
  selected,
  onSelect,
}: {
  cells: MatrixPlotCell[];
  /** Column labels in order. */
  sources: string[];
  /** Row labels in order. */
  disorders: string[];
  selected: { source: string; disorder: string } | null;
  onSelect: (cell: MatrixPlotCell) => void;
}) {
  const max = Math.max(1, ...cells.map((c) => c.findings));
  const focusedCell = useRef<number | null>(null);
  const key = `${JSON.stringify(cells.map((c) => [c.source, c.disorder, c.findings, c.trials]))}|${selected?.source}|${selected?.disorder}`;
  const ref = usePlot(
    (width) => {
      const chart = Plot.plot({
        width: Math.max(width, 480),
        height: 26 * disorders.length + 90,
        // Long disorder names ("Ischemic stroke / cerebral ischemia-reperfusion") need ~6.6 px per character.
        marginLeft: Math.min(320, 16 + 6.6 * Math.max(10, ...disorders.map((d) => d.length))),
        marginBottom: 70,
        marginTop: 8,
        padding: 0.06,
        style: { fontSize: '11.5px', fontFamily: 'inherit' },
        x: { label: null, domain: sources, tickRotate: -30, tickSize: 0 },
        y: { label: null, domain: disorders, tickSize: 0 },
        color: { type: 'linear', domain: [0, max], range: ['#f4f7fa', '#1f5372'], legend: false },
        marks: [
          Plot.cell(cells, {
            x: 'sourceLabel',
            y: 'disorderLabel',
            fill: 'findings',
            stroke: (c: MatrixPlotCell) =>
              selected && c.source === selected.source && c.disorder === selected.disorder
                ? '#d55e00'
                : '#dfe4ea',
            strokeWidth: (c: MatrixPlotCell) =>
              selected && c.source === selected.source && c.disorder === selected.disorder ? 2.5 : 1,
            rx: 3,
            title: cellName,
          }),
          Plot.text(cells, {
            x: 'sourceLabel',
            y: 'disorderLabel',
            text: cellText,
            fill: (c: MatrixPlotCell) => (c.findings > max / 2 ? '#ffffff' : '#1c2631'),
            fontWeight: 600,
            pointerEvents: 'none',
          }),
        ],
      });
      // Plot draws one rect per datum, in data order: make each one a button. The matrix is one tab stop
      // (the selected cell, else the first); arrow keys, Home and End move between cells (grid-keys.ts).
      const rects = [...chart.querySelectorAll<SVGElement>('g[aria-label="cell"] rect')];
      const at = new Map<string, number>();
      const positionOf = (c: MatrixPlotCell) => ({
        column: sources.indexOf(c.sourceLabel),
        row: disorders.indexOf(c.disorderLabel),
      });
      cells.forEach((c, i) => {
        const p = positionOf(c);
        at.set(`${p.column},${p.row}`, i);
      });
      const selectedIndex = selected
        ? cells.findIndex((c) => c.source === selected.source && c.disorder === selected.disorder)
        : -1;
      const tabStop = Math.max(selectedIndex, 0);
      rects.forEach((rect, i) => {
        const cell = cells[i];
        if (!cell) return;
        rect.setAttribute('role', 'button');
        rect.setAttribute('tabindex', i === tabStop ? '0' : '-1');
        rect.setAttribute('aria-label', cellName(cell));
        rect.style.cursor = 'pointer';
        rect.addEventListener('click', () => onSelect(cell));
        rect.addEventListener('focus', () => {
          focusedCell.current = i;
        });
        // Removal by a redraw fires no blur in Chromium, so only a real move away clears it.
        rect.addEventListener('blur', () => {
          if (focusedCell.current === i) focusedCell.current = null;
        });
        rect.addEventListener('keydown', (event) => {
          const e = event as KeyboardEvent;
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onSelect(cell);
            return;
          }
          const next = moveInGrid(
            positionOf(cell),
            e.key,
            sources.length,
            disorders.length,
            (p) => at.has(`${p.column},${p.row}`),
            e.ctrlKey,
          );
          const target = next ? rects[at.get(`${next.column},${next.row}`) ?? -1] : undefined;
          if (!target) return;
          e.preventDefault();
          rect.setAttribute('tabindex', '-1');
          target.setAttribute('tabindex', '0');
          target.focus();
        });
      });
      // A redraw (after Enter selects a cell) keeps keyboard focus on the same cell.
      const refocus = focusedCell.current;
      if (refocus !== null && rects[refocus]) {
        focusedCell.current = null;
        queueMicrotask(() => {
          for (const r of rects) r.setAttribute('tabindex', '-1');
          rects[refocus]?.setAttribute('tabindex', '0');
          rects[refocus]?.focus();
        });
      }
      return chart;
    },
    [key],
  );
  return (
    <figure className="ev-figure" aria-label="Evidence matrix: MSC source by neurological disorder">
      <PlotBox name="evidence matrix" className="plot ev-matrix" plotRef={ref} />
    </figure>
  );
}
