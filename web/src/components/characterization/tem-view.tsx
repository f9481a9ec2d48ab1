/**
 * A stored TEM/SEM Results table: the image scale (nm/px, or a calibrated table), ECD and mean Feret
 * histograms, morphology counts, and optionally the dry size beside an NTA/ZetaView measurement's
 * hydrodynamic distribution.
 */
import { useState } from 'react';
import { characterizationApi } from '../../api/characterization-client.ts';
import { useApi } from '../../api/use-api.ts';
import { DASH, formatFixed } from '../../lib/format.ts';
import { BinnedHistogramPlot } from '../../plots/binned-histogram-plot.tsx';
import { QcFlags } from '../qc-flags.tsx';
import { ApiView } from '../states.tsx';

export function TemView({ measurementId }: { measurementId: string }) {
  const [nmPerPx, setNmPerPx] = useState('');
  const [tableUnit, setTableUnit] = useState<'px' | 'nm' | 'um'>('px');
  const [ntaId, setNtaId] = useState('');
  const scale = Number(nmPerPx);
  const ready = tableUnit !== 'px' || (nmPerPx.trim() !== '' && Number.isFinite(scale) && scale > 0);
  const result = useApi(
    (signal) =>
      ready
        ? characterizationApi.tem(
            measurementId,
            {
              tableUnit,
              ...(tableUnit === 'px' ? { nmPerPx: scale } : {}),
              ...(ntaId.trim() ? { ntaMeasurementId: ntaId.trim() } : {}),
            },
            signal,
          )
        : Promise.resolve(undefined),
    [measurementId, tableUnit, nmPerPx, ntaId],
  );
  return (
    <>
      <section className="panel">
        <h2>Image scale</h2>
        <div className="form-row">
          <label>
            Table unit{' '}
            <select value={tableUnit} onChange={(e) => setTableUnit(e.target.value as 'px' | 'nm' | 'um')}>
              <option value="px">pixels (give nm per pixel)</option>
              <option value="nm">nm (calibrated with Set Scale)</option>
              <option value="um">µm (calibrated with Set Scale)</option>
            </select>
          </label>{' '}
          {tableUnit === 'px' ? (
            <label>
              nm per pixel{' '}
              <input
                inputMode="decimal"
                value={nmPerPx}
                onChange={(e) => setNmPerPx(e.target.value)}
                aria-label="nanometres per pixel"
                size={8}
              />
            </label>
          ) : null}{' '}
          <label>
            Compare with NTA measurement id{' '}
            <input
              value={ntaId}
              onChange={(e) => setNtaId(e.target.value)}
              aria-label="NTA or ZetaView measurement id"
              size={28}
            />
          </label>
        </div>
        {!ready ? (
          <p className="muted">
            Enter the image scale (nm per pixel, from the micrograph's scale bar) to size the particles.
          </p>
        ) : null}
      </section>
      {ready ? (
        <ApiView state={result} what="TEM sizes">
          {(r) =>
            r ? (
              <>
                <QcFlags flags={r.flags} />
                <section className="panel">
                  <h2>
                    {r.kept} of {r.particles} particles kept
                  </h2>
                  <p className="muted">
                    Flagged: {r.flagged.aggregate} aggregates, {r.flagged.nonRound} non-round,{' '}
                    {r.flagged.outOfRange} out of range (30–1000 nm).
                  </p>
                  <BinnedHistogramPlot
                    bars={r.ecd.histogram.map((b) => ({ fromNm: b.fromNm, toNm: b.toNm, value: b.count }))}
                    barsLabel="TEM ECD (dry)"
                    yLabel="Particles"
                    xMaxNm={Math.max(200, (r.ecd.d90Nm ?? 150) * 1.6)}
                    exportName="tem-ecd"
                    title="Equivalent circular diameter (TEM, dry)"
                  />
                  <BinnedHistogramPlot
                    bars={r.meanFeret.histogram.map((b) => ({
                      fromNm: b.fromNm,
                      toNm: b.toNm,
                      value: b.count,
                    }))}
                    barsLabel="mean Feret"
                    yLabel="Particles"
                    xMaxNm={Math.max(200, (r.meanFeret.d90Nm ?? 150) * 1.6)}
                    exportName="tem-mean-feret"
                    title="Mean Feret diameter (TEM, dry)"
                  />
                  <table className="table" aria-label="TEM size statistics">
                    <thead>
                      <tr>
                        <th>Size</th>
                        <th className="num">n</th>
                        <th className="num">Mean nm</th>
                        <th className="num">SD nm</th>
                        <th className="num">D10 nm</th>
                        <th className="num">D50 nm</th>
                        <th className="num">D90 nm</th>
                      </tr>
                    </thead>
                    <tbody>
                      {(
                        [
                          ['ECD', r.ecd],
                          ['Mean Feret', r.meanFeret],
                        ] as const
                      ).map(([label, s]) => (
                        <tr key={label}>
                          <td>{label}</td>
                          <td className="num">{s.n}</td>
                          <td className="num">{formatFixed(s.meanNm, 1)}</td>
                          <td className="num">{formatFixed(s.sdNm, 1)}</td>
                          <td className="num">{formatFixed(s.d10Nm, 1)}</td>
                          <td className="num">{formatFixed(s.d50Nm, 1)}</td>
                          <td className="num">{formatFixed(s.d90Nm, 1)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {r.comparison ? (
                    <p data-testid="tem-vs-nta">
                      Dry vs hydrodynamic: D50 {formatFixed(r.comparison.temD50Nm, 1)} nm (TEM) vs{' '}
                      {formatFixed(r.comparison.ntaD50Nm, 1)} nm (NTA), ratio{' '}
                      {formatFixed(r.comparison.ratio, 2)}; Wasserstein-1{' '}
                      {formatFixed(r.comparison.wassersteinNm, 1)} nm, KS D{' '}
                      {r.comparison.ks ? formatFixed(r.comparison.ks.statistic, 3) : DASH}.
                    </p>
                  ) : null}
                </section>
              </>
            ) : null
          }
        </ApiView>
      ) : null}
    </>
  );
}

export function TemImageView({ src, metrics }: { src: string; metrics: unknown }) {
  const m = metrics as { format?: string; widthPx?: number; heightPx?: number } | null;
  return (
    <section className="panel">
      <h2>Micrograph</h2>
      <p className="muted">
        {m?.format?.toUpperCase() ?? 'Image'} · {m?.widthPx ?? DASH} × {m?.heightPx ?? DASH} px
        {m?.format === 'tiff'
          ? ' · TIFF is not shown by most browsers: download the raw file to view it.'
          : ''}
      </p>
      {m?.format !== 'tiff' ? (
        <img src={src} alt="Uploaded electron micrograph" style={{ maxWidth: '100%', height: 'auto' }} />
      ) : null}
    </section>
  );
}
