/**
 * Flow measurement view: per-channel statistics, a density plot (binned canvas raster, any two channels,
 * linear/log/asinh axes) with rectangle gate drawing (drag on the plot; count and % of events inside), and
 * the histogram of the x channel. Polygon gates: click vertices, double-click to close. Both plots export as
 * PNG and vector SVG (binned rects, flow-plot-svg.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { compensate } from '../../../../src/science/flow/compensation.ts';
import type { FlowMetrics } from '../../../../src/science/flow/flow-channel-statistics.ts';
import { request } from '../../api/client.ts';
import { formatCount, formatDecimals, formatPercent, formatSignificant } from '../../lib/format.ts';
import {
  type AxisScale,
  axisTransform,
  type DensityAxes,
  drawDensity,
} from '../../plots/flow/density-raster.ts';
import { densitySvg, histogramSvg, svgDataUrl } from '../../plots/flow/flow-plot-svg.ts';
import { countInPixelPolygon, type PixelPoint } from '../../plots/flow/polygon-gate.ts';
import { CompensationEditor, type EditableSpillover } from './compensation-editor.tsx';
import { FlowOverlayHistogram } from './flow-overlay-histogram.tsx';

interface EventsAnswer {
  events: number;
  totalEvents: number;
  channels: { name: string; values: number[] }[];
}

const SIZE = 400;

function domainOf(values: Float64Array, scale: AxisScale): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (scale === 'log' && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [1, 10];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi * 1.0001];
}

/** Pixel → data value on an axis (inverse of the raster's axis transform). */
function toData(px: number, axis: DensityAxes['x'], flip: boolean): number {
  const t = axisTransform(axis.scale);
  const [a, b] = axis.domain.map(t) as [number, number];
  const f = flip ? 1 - px / SIZE : px / SIZE;
  const v = a + f * (b - a);
  return axis.scale === 'log' ? 10 ** v : axis.scale === 'asinh' ? 150 * Math.sinh(v) : v;
}

export function FlowView({
  measurementId,
  metrics,
  batchId,
  spillover,
}: {
  measurementId: string;
  metrics: FlowMetrics;
  batchId?: string;
  spillover?: EditableSpillover | null;
}) {
  const names = metrics.channels.map((c) => c.name);
  const [xName, setX] = useState(names.find((n) => /SSC/i.test(n)) ?? names[0] ?? '');
  const [yName, setY] = useState(
    names.find((n) => /FL|PE|FITC|APC|-A$/i.test(n) && !/SSC|FSC|time/i.test(n)) ?? names[1] ?? '',
  );
  const [scale, setScale] = useState<AxisScale>('log');
  const [columns, setColumns] = useState<Map<string, Float64Array> | null>(null);
  const [comp, setComp] = useState<EditableSpillover | null>(spillover ?? null);
  const [compOn, setCompOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [gate, setGate] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const [gateMode, setGateMode] = useState<'rectangle' | 'polygon'>('rectangle');
  const [polygon, setPolygon] = useState<{ vertices: PixelPoint[]; closed: boolean }>({
    vertices: [],
    closed: false,
  });
  const densityRef = useRef<HTMLCanvasElement>(null);
  const histRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    setColumns(null);
    setError(null);
    const wanted = [...new Set([xName, yName, ...(compOn && spillover ? spillover.parameters : [])])];
    request<EventsAnswer>('GET', `/api/measurements/${measurementId}/flow/events`, {
      query: { channels: wanted.join(',') },
    })
      .then((a) => {
        if (!live) return;
        setColumns(new Map(a.channels.map((c) => [c.name, Float64Array.from(c.values)])));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [measurementId, xName, yName, compOn, spillover]);

  const data = useMemo<{ x: Float64Array; y: Float64Array } | null>(() => {
    if (!columns) return null;
    let cols = columns;
    if (compOn && comp) {
      try {
        const out = compensate(
          { detectors: comp.parameters, fluorochromes: comp.parameters, matrix: comp.matrix },
          (d) => columns.get(d) ?? new Float64Array(0),
        );
        cols = new Map(columns);
        for (const [i, p] of comp.parameters.entries()) cols.set(p, out[i] as Float64Array);
      } catch {
        // A singular or malformed edited matrix: keep the uncompensated values (the editor marks bad cells).
      }
    }
    const x = cols.get(xName) ?? new Float64Array(0);
    return { x, y: cols.get(yName) ?? x };
  }, [columns, compOn, comp, xName, yName]);

  const axes = useMemo<DensityAxes | null>(
    () =>
      data
        ? { x: { domain: domainOf(data.x, scale), scale }, y: { domain: domainOf(data.y, scale), scale } }
        : null,
    [data, scale],
  );

  const histBins = useMemo(() => {
    if (!data || !axes) return null;
    const bins = new Uint32Array(128);
    const t = axisTransform(scale);
    const [a, b] = axes.x.domain.map(t) as [number, number];
    for (const v of data.x) {
      const k = Math.floor(((t(v) - a) / (b - a)) * bins.length);
      if (k >= 0 && k < bins.length) bins[k] = (bins[k] as number) + 1;
    }
    return bins;
  }, [data, axes, scale]);

  // Vector exports: binned rects (not the canvas PNG wrapped in SVG).
  const densitySvgUrl = useMemo(
    () =>
      data && axes
        ? svgDataUrl(
            densitySvg(data.x, data.y, axes, { x: xName, y: yName, title: `${yName} vs ${xName}` }, SIZE),
          )
        : undefined,
    [data, axes, xName, yName],
  );
  const histSvgUrl = useMemo(
    () =>
      histBins && axes
        ? svgDataUrl(
            histogramSvg(histBins, axes.x.domain, {
              x: scale === 'linear' ? xName : `${xName} (${scale})`,
              title: `${xName} histogram`,
            }),
          )
        : undefined,
    [histBins, axes, xName, scale],
  );

  useEffect(() => {
    const ctx = densityRef.current?.getContext('2d');
    if (!ctx || !data || !axes) return;
    drawDensity(ctx, data.x, data.y, axes);
    if (gate) {
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 2;
      ctx.strokeRect(
        Math.min(gate.x0, gate.x1),
        Math.min(gate.y0, gate.y1),
        Math.abs(gate.x1 - gate.x0),
        Math.abs(gate.y1 - gate.y0),
      );
    }
    if (polygon.vertices.length > 0) {
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (const [i, v] of polygon.vertices.entries()) {
        if (i === 0) ctx.moveTo(v.x, v.y);
        else ctx.lineTo(v.x, v.y);
      }
      if (polygon.closed) ctx.closePath();
      ctx.stroke();
    }
    const h = histRef.current?.getContext('2d');
    if (h && histBins) {
      const bins = histBins;
      const max = Math.max(1, ...bins);
      h.clearRect(0, 0, SIZE, 160);
      h.fillStyle = '#3b528b';
      const w = SIZE / bins.length;
      bins.forEach((c, i) => {
        const bh = (c / max) * 150;
        h.fillRect(i * w, 160 - bh, w - 0.5, bh);
      });
    }
  }, [data, axes, gate, polygon, histBins]);

  const inGate = useMemo(() => {
    if (!gate || !data || !axes) return null;
    const xs = [toData(gate.x0, axes.x, false), toData(gate.x1, axes.x, false)].sort((p, q) => p - q);
    const ys = [toData(gate.y0, axes.y, true), toData(gate.y1, axes.y, true)].sort((p, q) => p - q);
    let n = 0;
    for (let i = 0; i < data.x.length; i++) {
      const x = data.x[i] as number;
      const y = data.y[i] as number;
      if (x >= (xs[0] as number) && x < (xs[1] as number) && y >= (ys[0] as number) && y < (ys[1] as number))
        n++;
    }
    return { n, xs, ys };
  }, [gate, data, axes]);

  const inPolygon = useMemo(
    () =>
      polygon.closed && data && axes
        ? countInPixelPolygon(data.x, data.y, axes, SIZE, SIZE, polygon.vertices)
        : null,
    [polygon, data, axes],
  );

  const pos = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIZE, y: ((e.clientY - r.top) / r.height) * SIZE };
  };
  const png = (ref: React.RefObject<HTMLCanvasElement | null>) => ref.current?.toDataURL('image/png');

  return (
    <section className="panel" aria-label="Flow cytometry">
      <h2>Flow cytometry</h2>
      <p className="muted">
        FCS {metrics.version} · {formatCount(metrics.events)} events · {metrics.channels.length} channels
        {metrics.spillover ? ' · spillover matrix in file' : ''}
      </p>
      <div className="toolbar">
        <label>
          x{' '}
          <select value={xName} onChange={(e) => setX(e.target.value)} aria-label="x channel">
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          y{' '}
          <select value={yName} onChange={(e) => setY(e.target.value)} aria-label="y channel">
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          axes{' '}
          <select
            value={scale}
            onChange={(e) => setScale(e.target.value as AxisScale)}
            aria-label="axis scale"
          >
            <option value="log">log</option>
            <option value="asinh">arcsinh</option>
            <option value="linear">linear</option>
          </select>
        </label>
        <label>
          gate{' '}
          <select
            value={gateMode}
            onChange={(e) => {
              setGateMode(e.target.value as 'rectangle' | 'polygon');
              setGate(null);
              setPolygon({ vertices: [], closed: false });
            }}
            aria-label="gate shape"
          >
            <option value="rectangle">rectangle (drag)</option>
            <option value="polygon">polygon (click vertices, double-click to close)</option>
          </select>
        </label>
      </div>
      {error ? (
        <div className="state state-error" role="alert">
          {error}
        </div>
      ) : null}
      {!data && !error ? <div className="state">Loading events…</div> : null}
      <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
        <figure>
          <canvas
            ref={densityRef}
            width={SIZE}
            height={SIZE}
            role="img"
            aria-label={`Density plot of ${yName} against ${xName}; drag to draw a rectangle gate`}
            style={{ border: '1px solid #ccc', cursor: 'crosshair', width: SIZE, height: SIZE }}
            onMouseDown={(e) => {
              if (gateMode === 'rectangle') drag.current = pos(e);
            }}
            onClick={(e) => {
              if (gateMode !== 'polygon' || e.detail > 1) return;
              const p = pos(e);
              setPolygon((g) =>
                g.closed ? { vertices: [p], closed: false } : { ...g, vertices: [...g.vertices, p] },
              );
            }}
            onDoubleClick={() => {
              if (gateMode === 'polygon') setPolygon((g) => ({ ...g, closed: g.vertices.length >= 3 }));
            }}
            onMouseUp={(e) => {
              if (gateMode !== 'rectangle') return;
              const start = drag.current;
              drag.current = null;
              if (!start) return;
              const end = pos(e);
              if (Math.abs(end.x - start.x) < 3 || Math.abs(end.y - start.y) < 3) setGate(null);
              else setGate({ x0: start.x, y0: start.y, x1: end.x, y1: end.y });
            }}
          />
          <figcaption>
            {yName} vs {xName}
            {inGate && data ? (
              <>
                {' '}
                · gate: {formatCount(inGate.n)} events ({formatPercent((100 * inGate.n) / data.x.length, 2)})
              </>
            ) : null}
            {inPolygon !== null && data ? (
              <>
                {' '}
                · polygon gate: {formatCount(inPolygon)} events (
                {formatPercent((100 * inPolygon) / data.x.length, 2)})
              </>
            ) : null}{' '}
            ·{' '}
            <a href={png(densityRef)} download={`${xName}-${yName}-density.png`}>
              PNG
            </a>{' '}
            ·{' '}
            <a href={densitySvgUrl} download={`${xName}-${yName}-density.svg`}>
              SVG
            </a>
          </figcaption>
        </figure>
        <figure>
          <canvas
            ref={histRef}
            width={SIZE}
            height={160}
            role="img"
            aria-label={`Histogram of ${xName}`}
            style={{ border: '1px solid #ccc' }}
          />
          <figcaption>
            {xName} histogram ·{' '}
            <a href={png(histRef)} download={`${xName}-histogram.png`}>
              PNG
            </a>{' '}
            ·{' '}
            <a href={histSvgUrl} download={`${xName}-histogram.svg`}>
              SVG
            </a>
          </figcaption>
        </figure>
      </div>
      {spillover ? (
        <CompensationEditor initial={spillover} enabled={compOn} onEnabled={setCompOn} onChange={setComp} />
      ) : (
        <p className="muted">No spillover matrix in the file: values are shown uncompensated.</p>
      )}
      {batchId ? (
        <FlowOverlayHistogram batchId={batchId} measurementId={measurementId} channel={xName} scale={scale} />
      ) : null}
      <table>
        <caption>Channel statistics (scaled values)</caption>
        <thead>
          <tr>
            <th>channel</th>
            <th>label</th>
            <th>median</th>
            <th>rCV %</th>
            <th>P1</th>
            <th>P99</th>
          </tr>
        </thead>
        <tbody>
          {metrics.channels.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td>{c.label ?? ''}</td>
              <td>{formatSignificant(c.median, 4)}</td>
              <td>{formatDecimals(c.robustCvPercent, 1)}</td>
              <td>{formatSignificant(c.p1, 4)}</td>
              <td>{formatSignificant(c.p99, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
