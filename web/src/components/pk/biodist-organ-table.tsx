/**
 * Per-organ exposure: mass used, AUC, Cmax, Tmax and tissue:blood AUC ratio; for %ID data, with the note
 * that explains the reference organ masses (marked <sup>ref</sup> in the table).
 */

import type { BiodistributionReport } from '../../../../src/science/pk/biodistribution/analyse-biodistribution.ts';
import { DASH, formatSci } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';

const n = (v: number | null | undefined) => (v === null || v === undefined ? DASH : formatSci(v, 3));

export function BiodistOrganTable({ report }: { report: BiodistributionReport }) {
  const relative = report.unitKind === 'relative';
  return (
    <>
      <div className="table-scroll" {...SCROLLABLE}>
        <table className="table" aria-label="Per-organ exposure">
          <thead>
            <tr>
              <th>Organ</th>
              {relative ? (
                <>
                  <th className="num">AUC ({report.signalUnit}·h)</th>
                  <th className="num">Cmax</th>
                  <th className="num">Tmax (h)</th>
                </>
              ) : (
                <>
                  <th className="num">Mass (g)</th>
                  <th className="num">AUC (%ID/g·h)</th>
                  <th className="num">Cmax (%ID/g)</th>
                  <th className="num">Tmax (h)</th>
                  <th className="num">AUC (%ID·h)</th>
                  <th className="num">Cmax (%ID)</th>
                </>
              )}
              <th className="num">Tissue:blood (AUC)</th>
            </tr>
          </thead>
          <tbody>
            {report.organs.map((o) => (
              <tr key={o.organ}>
                <th scope="row">{o.name}</th>
                {relative ? (
                  <>
                    <td className="num">{n(o.signal?.auc)}</td>
                    <td className="num">{n(o.signal?.cmax)}</td>
                    <td className="num">{n(o.signal?.tmaxH)}</td>
                  </>
                ) : (
                  <>
                    <td className="num" title={o.massSource ?? 'no mass'}>
                      {n(o.massG)}
                      {o.massSource === 'reference' ? <sup>ref</sup> : null}
                    </td>
                    <td className="num">{n(o.concentration?.auc)}</td>
                    <td className="num">{n(o.concentration?.cmax)}</td>
                    <td className="num">{n(o.concentration?.tmaxH ?? o.amount?.tmaxH)}</td>
                    <td className="num">{n(o.amount?.auc)}</td>
                    <td className="num">{n(o.amount?.cmax)}</td>
                  </>
                )}
                <td className="num">{o.isBlood ? DASH : n(o.tissueToBloodAucRatio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {relative ? null : (
        <p className="muted small">
          <sup>ref</sup> reference organ mass scaled to body weight: {report.referenceMasses.authors}{' '}
          {report.referenceMasses.year}, {report.referenceMasses.journal}. Measured masses (organ_mass_g
          column) take precedence.
        </p>
      )}
    </>
  );
}
