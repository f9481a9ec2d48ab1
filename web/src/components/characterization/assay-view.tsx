/** Plate assay: the standard curve with standards, samples (with CIs) and LLOQ/ULOQ; refit with another model. */
import * as Plot from '@observablehq/plot';
import { useState } from 'react';
import type { AssayReport } from '../../../../src/science/assay/analyse-plate-assay.ts';
import { characterizationApi } from '../../api/characterization-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatSignificant } from '../../lib/format.ts';
import { usePlot } from '../../plots/use-plot.ts';
import { PlotExportButtons as PlotExport } from '../plot-box.tsx';
import { ApiView } from '../states.tsx';

function num(v: number | null | undefined, d = 4): string {
  return formatSignificant(v, d);
}

export function StandardCurvePlot({ report }: { report: AssayReport }) {
  const logX = report.model === '4pl' || report.model === '5pl';
  const ref = usePlot(
    (width) => {
      const standards = report.standards.filter((s) => !logX || s.concentration > 0);
      const samples = report.samples.filter(
        (s) => s.measuredConcentration !== null && s.measuredConcentration > 0 && s.response !== null,
      );
      const marks: Plot.Markish[] = [
        Plot.line(report.curve, { x: 'concentration', y: 'response', stroke: '#3b6ea5' }),
        Plot.dot(standards, {
          x: 'concentration',
          y: 'response',
          stroke: '#333',
          r: 3,
          tip: true,
          title: (d: AssayReport['standards'][number]) =>
            `${d.id} ${d.well ?? ''}\nbias ${num(d.biasPct, 3)} %`,
        }),
        Plot.dot(samples, {
          x: 'measuredConcentration',
          y: 'response',
          fill: '#d0672b',
          r: 4,
          symbol: 'diamond',
          tip: true,
          title: (d: AssayReport['samples'][number]) =>
            `${d.id}: ${num(d.concentration)} ${report.concentrationUnit ?? ''} (×${d.dilution})`,
        }),
      ];
      for (const [value, label] of [
        [report.lloq, 'LLOQ'],
        [report.uloq, 'ULOQ'],
      ] as const)
        if (value !== null && (!logX || value > 0)) {
          marks.push(Plot.ruleX([value], { stroke: '#8a96a3', strokeDasharray: '4,3' }));
          marks.push(
            Plot.text([value], {
              x: (d: number) => d,
              frameAnchor: 'top',
              dy: 6,
              text: () => label,
              fill: '#59636e',
            }),
          );
        }
      return Plot.plot({
        width,
        height: 320,
        marginLeft: 60,
        x: {
          type: logX ? 'log' : 'linear',
          label: `Concentration${report.concentrationUnit ? ` (${report.concentrationUnit})` : ''}`,
          grid: true,
        },
        y: { label: report.responseLabel ?? 'Response (blank-corrected)', grid: true },
        marks,
      });
    },
    [report],
  );
  return (
    <figure>
      <div
        ref={ref}
        className="plot"
        role="img"
        aria-label="Standard curve with standards, samples and the quantification limits"
      />
      <figcaption>
        Standard curve ({report.model.toUpperCase()}, weights {report.weights}); circles standards, diamonds
        samples (in-well concentration).{' '}
        <PlotExport target={ref} name="standard-curve" label="standard curve" />
      </figcaption>
    </figure>
  );
}

export function AssayView({ measurementId, stored }: { measurementId: string; stored: AssayReport }) {
  const [model, setModel] = useState<string>(stored.model);
  const [weights, setWeights] = useState<string>(stored.weights);
  const refit = useApi(
    (signal) =>
      model === stored.model && weights === stored.weights
        ? Promise.resolve(stored)
        : characterizationApi.refitAssay(measurementId, { model, weights }, signal),
    [measurementId, model, weights],
  );
  return (
    <section className="panel">
      <div className="plot-controls">
        <label>
          Model{' '}
          <select value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="linear">linear</option>
            <option value="quadratic">quadratic</option>
            <option value="4pl">4PL (LL.4)</option>
            <option value="5pl">5PL (LL.5)</option>
          </select>
        </label>{' '}
        <label>
          Weights{' '}
          <select value={weights} onChange={(e) => setWeights(e.target.value)}>
            <option value="1">1</option>
            <option value="1/y">1/y</option>
            <option value="1/y2">1/y²</option>
          </select>
        </label>
      </div>
      <ApiView state={refit} what="curve fit">
        {(r) => <AssayReportBody report={r} />}
      </ApiView>
    </section>
  );
}

export function AssayReportBody({ report: r }: { report: AssayReport }) {
  const unit = r.concentrationUnit ?? '';
  return (
    <>
      <StandardCurvePlot report={r} />
      <p>
        {Object.entries(r.parameters).map(([k, v]) => (
          <span key={k} className="mono">
            {k} = {num(v, 6)} ± {num(r.standardErrors[k] ?? null, 3)}
            {'  '}
          </span>
        ))}
        · residual SE {num(r.rse)} on {r.df} df · LLOQ {num(r.lloq)} {unit} · ULOQ {num(r.uloq)} {unit} ·
        calibration <strong>{r.calibration.accepted ? 'accepted' : 'not accepted'}</strong> (ICH M10)
        {r.blank ? ` · blank ${num(r.blank.meanResponse)} subtracted (${r.blank.wells} wells)` : ''}
      </p>
      {r.calibration.reasons.map((reason) => (
        <p key={reason} className="text-warning">
          {reason}
        </p>
      ))}
      <h3>Samples</h3>
      <table className="table" data-testid="assay-samples">
        <thead>
          <tr>
            <th>Sample</th>
            <th className="num">Replicates</th>
            <th className="num">Response</th>
            <th className="num">CV %</th>
            <th className="num">Dilution</th>
            <th className="num">Concentration ({unit})</th>
            <th className="num">{Math.round(r.confidenceLevel * 100)} % CI</th>
            <th>Flags</th>
          </tr>
        </thead>
        <tbody>
          {r.samples.map((s) => (
            <tr key={s.id}>
              <td>{s.id}</td>
              <td className="num">{s.replicates}</td>
              <td className="num">{num(s.response)}</td>
              <td className="num">{num(s.responseCvPct, 3)}</td>
              <td className="num">{num(s.dilution)}</td>
              <td className="num">{num(s.concentration)}</td>
              <td className="num">{s.ciLow === null ? '–' : `${num(s.ciLow)} – ${num(s.ciHigh)}`}</td>
              <td>{s.flags.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Standards ({r.standards.length}): back-calculated concentrations and bias</summary>
        <table className="table">
          <thead>
            <tr>
              <th>Standard</th>
              <th>Well</th>
              <th className="num">Nominal</th>
              <th className="num">Response</th>
              <th className="num">Back-calculated</th>
              <th className="num">Bias %</th>
              {r.instrumentComparison.length > 0 ? <th className="num">Instrument</th> : null}
            </tr>
          </thead>
          <tbody>
            {r.standards.map((s) => (
              <tr key={`${s.id}-${s.well ?? s.concentration}-${s.response}`}>
                <td>{s.id}</td>
                <td>{s.well ?? ''}</td>
                <td className="num">{num(s.concentration)}</td>
                <td className="num">{num(s.response)}</td>
                <td className="num">{num(s.backCalculated)}</td>
                <td className="num">{num(s.biasPct, 3)}</td>
                {r.instrumentComparison.length > 0 ? (
                  <td className="num">
                    {num(r.instrumentComparison.find((c) => c.well === s.well)?.instrument ?? null)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
