/**
 * Sample overlay: histograms of one channel for several flow measurements of the batch, each normalised to its
 * mode (the FlowJo "normalized to mode" overlay), drawn as lines on one canvas with a colour legend.
 * Exports as PNG and vector SVG (polylines).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MeasurementSummary } from '../../../../src/domain/measurement.ts';
import { api, request } from '../../api/client.ts';
import { type AxisScale, axisTransform } from '../../plots/flow/density-raster.ts';
import { overlaySvg, svgDataUrl } from '../../plots/flow/flow-plot-svg.ts';

const W = 400;
const H = 200;
const BINS = 128;
/** Tableau 10 palette. */
const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7'];

interface EventsAnswer {
  channels: { name: string; values: number[] }[];
}

export function FlowOverlayHistogram({
  batchId,
  measurementId,
  channel,
  scale,
}: {
  batchId: string;
  measurementId: string;
  channel: string;
  scale: AxisScale;
}) {
  const [others, setOthers] = useState<MeasurementSummary[]>([]);
  const [chosen, setChosen] = useState<string[]>([measurementId]);
  const [series, setSeries] = useState<{ id: string; values: number[] }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    api
      .listMeasurements({ batchId, kind: 'flow', limit: 50 })
      .then((p) => setOthers(p.items.filter((m) => m.status === 'parsed')))
      .catch((e: Error) => setError(e.message));
  }, [batchId]);

  useEffect(() => {
    let live = true;
    Promise.all(
      chosen.map((id) =>
        request<EventsAnswer>('GET', `/api/measurements/${id}/flow/events`, { query: { channels: channel } })
          .then((a) => ({ id, values: a.channels[0]?.values ?? [] }))
          .catch(() => ({ id, values: [] as number[] })),
      ),
    ).then((s) => live && setSeries(s));
    return () => {
      live = false;
    };
  }, [chosen, channel]);

  const curves = useMemo(() => {
    const t = axisTransform(scale);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of series)
      for (const v of s.values) {
        const u = t(v);
        if (Number.isFinite(u)) {
          lo = Math.min(lo, u);
          hi = Math.max(hi, u);
        }
      }
    if (!Number.isFinite(lo) || lo === hi) return null;
    return series.map((s, k) => {
      const bins = new Float64Array(BINS);
      for (const v of s.values) {
        const b = Math.min(BINS - 1, Math.floor(((t(v) - lo) / (hi - lo)) * BINS));
        if (b >= 0) bins[b] = (bins[b] as number) + 1;
      }
      return { id: s.id, colour: COLOURS[k % COLOURS.length] as string, bins };
    });
  }, [series, scale]);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, W, H);
    for (const c of curves ?? []) {
      const mode = Math.max(1, ...c.bins);
      ctx.strokeStyle = c.colour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (let b = 0; b < BINS; b++) {
        const x = ((b + 0.5) / BINS) * W;
        const y = H - ((c.bins[b] as number) / mode) * (H - 10);
        if (b === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
  }, [curves]);

  const name = (id: string) => others.find((m) => m.id === id)?.instrument || id.slice(0, 8);
  const png = ref.current?.toDataURL('image/png');
  // Vector export: one polyline per sample (not the canvas PNG wrapped in SVG).
  const svg = curves
    ? svgDataUrl(
        overlaySvg(
          curves.map((c) => ({ label: name(c.id), colour: c.colour, bins: c.bins })),
          { x: scale === 'linear' ? channel : `${channel} (${scale})`, title: `${channel} overlay` },
          W,
          H,
        ),
      )
    : undefined;
  return (
    <figure aria-label={`Overlay of ${channel} histograms`}>
      {error ? <div className="state state-error">{error}</div> : null}
      <canvas
        ref={ref}
        width={W}
        height={H}
        role="img"
        aria-label={`${channel} histograms of ${chosen.length} measurement(s), normalised to mode`}
        style={{ border: '1px solid #ccc' }}
      />
      <figcaption>
        {channel} overlay (normalised to mode) ·{' '}
        <a href={png} download={`${channel}-overlay.png`}>
          PNG
        </a>{' '}
        ·{' '}
        <a href={svg} download={`${channel}-overlay.svg`}>
          SVG
        </a>
        <fieldset>
          <legend>Measurements of the batch</legend>
          {others.length === 0 ? (
            <span className="muted">No other flow measurements in this batch.</span>
          ) : null}
          {others.map((m) => {
            const k = chosen.indexOf(m.id);
            return (
              <label key={m.id} style={{ marginRight: '1em' }}>
                <input
                  type="checkbox"
                  checked={k >= 0}
                  onChange={(e) =>
                    setChosen((c) => (e.target.checked ? [...c, m.id] : c.filter((x) => x !== m.id)))
                  }
                />{' '}
                <span style={{ color: k >= 0 ? COLOURS[k % COLOURS.length] : undefined }}>■</span>{' '}
                {m.id === measurementId ? 'this measurement' : name(m.id)} ({m.createdAt.slice(0, 10)})
              </label>
            );
          })}
        </fieldset>
      </figcaption>
    </figure>
  );
}
