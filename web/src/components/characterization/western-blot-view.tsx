/** Western blot: calls per marker and EV lane, signal per µg by lane, and a blot image with lane annotations. */
import * as Plot from '@observablehq/plot';
import { useState } from 'react';
import { MARKER_CATEGORY_LABELS } from '../../../../src/domain/ev-marker-catalogue.ts';
import type { WesternBlotReport } from '../../../../src/science/western-blot/call-blot-markers.ts';
import { characterizationApi } from '../../api/characterization-client.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatSignificant } from '../../lib/format.ts';
import { usePlot } from '../../plots/use-plot.ts';
import { PlotExportButtons as PlotExport } from '../plot-box.tsx';

export function WesternBlotView({ report, batchId }: { report: WesternBlotReport; batchId: string }) {
  const rows = report.markers.flatMap((m) => [
    ...(m.lysate && m.lysate.perUg !== null
      ? [{ marker: m.marker, sample: `${m.lysate.sample} (lysate)`, perUg: m.lysate.perUg }]
      : []),
    ...m.lanes
      .filter((l) => l.perUg !== null)
      .map((l) => ({ marker: m.marker, sample: l.sample, perUg: l.perUg as number })),
  ]);
  const ref = usePlot(
    (width) =>
      rows.length === 0
        ? null
        : Plot.plot({
            width,
            height: 60 + 28 * report.markers.length,
            marginLeft: 90,
            x: { label: 'Signal per µg loaded', grid: true },
            y: { label: null },
            fy: { label: null },
            color: { legend: true },
            marks: [Plot.barX(rows, { x: 'perUg', y: 'marker', fill: 'sample', tip: true }), Plot.ruleX([0])],
          }),
    [rows],
  );
  return (
    <>
      <section className="panel">
        <h2>Marker calls</h2>
        <table className="table" data-testid="wb-calls">
          <thead>
            <tr>
              <th>Marker</th>
              <th>Category</th>
              <th>EV sample</th>
              <th>Call</th>
              <th>vs lysate (equal protein)</th>
              <th className="num">EV/lysate per µg</th>
              <th>As MISEV expects</th>
            </tr>
          </thead>
          <tbody>
            {report.markers.flatMap((m) =>
              m.lanes.map((l) => (
                <tr key={`${m.marker}-${l.lane}`}>
                  <td>{m.marker}</td>
                  <td className="small">
                    {m.category ? MARKER_CATEGORY_LABELS[m.category] : 'not in the catalogue'}
                  </td>
                  <td>{l.sample}</td>
                  <td>{l.call}</td>
                  <td>{l.vsLysate ?? '–'}</td>
                  <td className="num">{formatSignificant(l.ratioToLysate, 3)}</td>
                  <td>
                    {l.asExpected === null ? (
                      '–'
                    ) : l.asExpected ? (
                      'yes'
                    ) : (
                      <strong className="text-error">no</strong>
                    )}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        {report.flags.map((f) => (
          <p key={f.message} className={f.level === 'warning' ? 'text-warning' : 'muted'}>
            {f.message}
          </p>
        ))}
      </section>
      {rows.length > 0 ? (
        <section className="panel">
          <h2>Signal per µg</h2>
          <div
            ref={ref}
            className="plot"
            role="img"
            aria-label="Densitometry signal per µg loaded, by marker and lane"
          />
          <PlotExport target={ref} name="western-blot-signal" label="Western blot signal chart" />
        </section>
      ) : null}
      <BlotImagePanel batchId={batchId} report={report} />
    </>
  );
}

/** Images stored on the batch (uploaded like any raw file) shown with the lane map over them. */
function BlotImagePanel({ batchId, report }: { batchId: string; report: WesternBlotReport }) {
  const files = useApi((signal) => characterizationApi.batchFiles(batchId, signal), [batchId]);
  const images = (files.data?.items ?? []).filter(
    (f) => f.mediaType.startsWith('image/') || /\.(png|jpe?g|tiff?|webp)$/i.test(f.originalName),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const image = images.find((f) => f.id === chosen) ?? images[0];
  const lanes = [...report.lanes].sort((a, b) => a.lane - b.lane);
  return (
    <section className="panel">
      <h2>Blot image</h2>
      {!image ? (
        <p className="muted">
          No blot image on this batch: upload the scan (PNG/JPEG) on the batch page; it is stored unchanged
          and shown here with the lanes.
        </p>
      ) : (
        <>
          {images.length > 1 ? (
            <label>
              Image{' '}
              <select value={image.id} onChange={(e) => setChosen(e.target.value)}>
                {images.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.originalName}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <div className="blot-figure">
            <img src={api.rawFileContentUrl(image.id)} alt={`Blot scan ${image.originalName}`} />
            <ol className="blot-lanes" aria-label="Lane annotations">
              {lanes.map((l) => {
                const calls = report.markers
                  .map((m) => ({ m: m.marker, c: m.lanes.find((x) => x.lane === l.lane) }))
                  .filter((x) => x.c)
                  .map((x) => `${x.m} ${x.c?.call === 'present' ? '+' : '−'}`);
                return (
                  <li key={l.lane} className={`blot-lane role-${l.role}`}>
                    <strong>{l.lane}</strong> {l.sample}
                    <span className="muted">
                      {' '}
                      {l.role}
                      {l.loadingUg !== null ? ` · ${l.loadingUg} µg` : ''}
                    </span>
                    {calls.length > 0 ? <div className="small">{calls.join(' · ')}</div> : null}
                  </li>
                );
              })}
            </ol>
          </div>
        </>
      )}
    </section>
  );
}
