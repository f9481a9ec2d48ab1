/** A stored ZetaView measurement: concentrations, number/volume X10/X50/X90, the linear-bin histogram, positions. */
import { useState } from 'react';
import type { ZetaViewReport } from '../../../../src/science/zetaview/analyse-zetaview.ts';
import { DASH, formatFixed, formatSci } from '../../lib/format.ts';
import { BinnedHistogramPlot } from '../../plots/binned-histogram-plot.tsx';
import { QcFlags } from '../qc-flags.tsx';
import { XRangeControl } from '../x-range-control.tsx';

export function isZetaViewReport(value: unknown): value is ZetaViewReport {
  return (
    typeof value === 'object' && value !== null && 'kind' in value && 'bins' in value && 'number' in value
  );
}

export function ZetaViewView({ report }: { report: ZetaViewReport }) {
  const [xMaxNm, setXMaxNm] = useState(500);
  const bins = report.bins;
  const width = bins.length > 1 ? (bins[1]?.sizeNm ?? 0) - (bins[0]?.sizeNm ?? 0) : 5;
  const bars = bins.map((b) => ({
    fromNm: b.sizeNm - width / 2,
    toNm: b.sizeNm + width / 2,
    value: b.concentrationPerMl,
  }));
  return (
    <>
      <section className="panel">
        <dl className="meta-grid" data-testid="zetaview-header">
          <div className="span-4">
            <dt>File</dt>
            <dd className="mono">{report.file}</dd>
          </div>
          <div className="span-2">
            <dt>Kind</dt>
            <dd>
              {report.kind === 'size'
                ? 'size distribution'
                : report.kind === 'positions'
                  ? 'position table'
                  : 'zeta potential'}
            </dd>
          </div>
          <div className="span-2 key-figure">
            <dt>Measured concentration</dt>
            <dd>
              <span className="strong">{report.concentrationText ?? DASH}</span> particles/mL
            </dd>
          </div>
          <div className="span-2 key-figure">
            <dt>Original concentration (× dilution {report.dilution ?? DASH})</dt>
            <dd>
              <span className="strong">{report.originalConcentrationText ?? DASH}</span> particles/mL
            </dd>
          </div>
          <div>
            <dt>Sample</dt>
            <dd>{report.sample ?? DASH}</dd>
          </div>
          <div>
            <dt>Temperature</dt>
            <dd>{formatFixed(report.temperatureC, 2)} °C</dd>
          </div>
          <div>
            <dt>Traced particles</dt>
            <dd>{report.tracedParticles ?? DASH}</dd>
          </div>
          <div>
            <dt>Software</dt>
            <dd>{report.software ?? DASH}</dd>
          </div>
        </dl>
      </section>
      <QcFlags flags={report.flags} />
      {report.kind === 'size' ? (
        <section className="panel">
          <h2>Size distribution (linear bins)</h2>
          <XRangeControl value={xMaxNm} onChange={setXMaxNm} />
          <BinnedHistogramPlot
            bars={bars}
            barsLabel="particles/mL per bin"
            yLabel="Particles/mL per bin"
            xMaxNm={xMaxNm}
            exportName={`zetaview-${report.sample ?? 'sample'}-size`}
            title="ZetaView number-weighted size distribution"
          />
          <table className="table" aria-label="ZetaView size statistics">
            <thead>
              <tr>
                <th>Weighting</th>
                <th className="num">X10 nm</th>
                <th className="num">X50 nm</th>
                <th className="num">X90 nm</th>
                <th className="num">Mean nm</th>
                <th className="num">SD nm</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Number</td>
                <td className="num">{formatFixed(report.number.d10Nm, 1)}</td>
                <td className="num">{formatFixed(report.number.d50Nm, 1)}</td>
                <td className="num">{formatFixed(report.number.d90Nm, 1)}</td>
                <td className="num">{formatFixed(report.number.meanNm, 1)}</td>
                <td className="num">{formatFixed(report.number.sdNm, 1)}</td>
              </tr>
              <tr>
                <td>Volume</td>
                <td className="num">{formatFixed(report.volume.d10Nm, 1)}</td>
                <td className="num">{formatFixed(report.volume.d50Nm, 1)}</td>
                <td className="num">{formatFixed(report.volume.d90Nm, 1)}</td>
                <td className="num">{formatFixed(report.volume.meanNm, 1)}</td>
                <td className="num">{DASH}</td>
              </tr>
            </tbody>
          </table>
        </section>
      ) : null}
      {report.positions.length > 0 ? (
        <section className="panel">
          <h2>Positions</h2>
          <table className="table" aria-label="ZetaView positions">
            <thead>
              <tr>
                <th>Position</th>
                <th className="num">Concentration /mL</th>
                <th className="num">X50 nm</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {report.positions.map((p) => (
                <tr key={p.position} className={p.removed ? 'muted' : undefined}>
                  <td>{p.position}</td>
                  <td className="num">{formatSci(p.concentrationPerMl, 2)}</td>
                  <td className="num">{formatFixed(p.x50Nm, 1)}</td>
                  <td>{p.removed ? 'removed' : 'kept'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {report.kind === 'zeta' ? (
        <section className="panel">
          <h2>Zeta potential</h2>
          <p>
            {report.zetaPotentialMv.length > 0
              ? report.zetaPotentialMv.map((z) => `${formatFixed(z, 1)} mV`).join(', ')
              : 'No zeta-potential value in the file header.'}
          </p>
        </section>
      ) : null}
    </>
  );
}
