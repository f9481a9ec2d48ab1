/** Per-step results of a simulated chain, and the fractions of gradient and column steps. */

import type { SimulationResult } from '../../../../src/science/isolation-chain/simulate-protocol.ts';
import { formatFixed, formatSci } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';

const PURITY: Record<string, string> = {
  high: 'high',
  intermediate: 'intermediate',
  low: 'low',
  impure: 'impure',
};

export function ProtocolResultsTable({ result }: { result: SimulationResult }) {
  const rows = [
    {
      key: 'in',
      step: 'in',
      label: 'Input',
      model: 'physical',
      stepRecovery: null as number | null,
      s: result.input,
    },
    ...result.steps.map((s) => ({
      key: String(s.index),
      step: String(s.step),
      label: s.label,
      model: s.model,
      stepRecovery: s.stepRecoveryPercent,
      s,
    })),
  ];
  return (
    <div className="stack">
      <div className="table-scroll" {...SCROLLABLE}>
        <table className="table pb-summary">
          <thead>
            <tr>
              <th>#</th>
              <th>Step</th>
              <th className="num">EVs</th>
              <th className="num">Recovery %</th>
              <th className="num">Step %</th>
              <th className="num">Mode nm</th>
              <th className="num">D10–D90 nm</th>
              <th className="num">Protein µg</th>
              <th className="num">Lipoproteins</th>
              <th className="num">EVs/µg</th>
              <th>Purity</th>
              <th className="num">Volume mL</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.step}</td>
                <td>
                  {r.label}
                  {r.model === 'assumed' ? (
                    <span className="pb-assumed" title="typical recoveries, no physical model">
                      {' '}
                      *
                    </span>
                  ) : null}
                </td>
                <td className="num">{formatSci(r.s.particles, 3)}</td>
                <td className="num">{formatFixed(r.s.recoveryPercent, 1)}</td>
                <td className="num">{r.stepRecovery === null ? '' : formatFixed(r.stepRecovery, 1)}</td>
                <td className="num">{formatFixed(r.s.sizeDistribution.modeNm, 0)}</td>
                <td className="num">
                  {formatFixed(r.s.sizeDistribution.d10Nm, 0)}–{formatFixed(r.s.sizeDistribution.d90Nm, 0)}
                </td>
                <td className="num">{formatSci(r.s.totalProteinUg, 3)}</td>
                <td className="num">{formatSci(r.s.lipoproteins.total, 2)}</td>
                <td className="num">{formatSci(r.s.purityParticlesPerUg, 2)}</td>
                <td>{r.s.purityClass ? PURITY[r.s.purityClass] : '—'}</td>
                <td className="num">{formatSci(r.s.volumeMl, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.steps
        .filter((s) => s.fractions)
        .map((s) => (
          <details key={s.index}>
            <summary>
              Fractions of step {s.step} ({s.label}) —{' '}
              {s.cutoffs.find((c) => c.name === 'collectedFractions')?.description}
            </summary>
            <div className="table-scroll" {...SCROLLABLE}>
              <table className="table small">
                <thead>
                  <tr>
                    <th className="num">Fraction</th>
                    <th className="num">mL</th>
                    {s.fractions?.[0]?.densityGPerMl !== null ? <th className="num">g/mL</th> : null}
                    <th className="num">EVs</th>
                    <th className="num">Protein µg</th>
                    <th className="num">HDL</th>
                    <th className="num">LDL</th>
                    <th className="num">VLDL</th>
                    <th>Collected</th>
                  </tr>
                </thead>
                <tbody>
                  {(s.fractions ?? []).map((f) => (
                    <tr key={f.number} className={f.collected ? 'strong' : undefined}>
                      <td className="num">{f.number}</td>
                      <td className="num">
                        {formatFixed(f.startMl, 1)}–{formatFixed(f.endMl, 1)}
                      </td>
                      {f.densityGPerMl !== null ? (
                        <td className="num">{formatFixed(f.densityGPerMl, 3)}</td>
                      ) : null}
                      <td className="num">{formatSci(f.particles, 2)}</td>
                      <td className="num">{formatSci(f.proteinUg, 2)}</td>
                      <td className="num">{formatSci(f.lipoproteins.hdl, 2)}</td>
                      <td className="num">{formatSci(f.lipoproteins.ldl, 2)}</td>
                      <td className="num">{formatSci(f.lipoproteins.vldl, 2)}</td>
                      <td>{f.collected ? 'yes' : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
    </div>
  );
}
