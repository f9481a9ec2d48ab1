/**
 * NCA of a stored study's concentration–time data, computed in the browser with the same `ncaForProfile`
 * as `evlab nca` and POST /api/pk/nca: one row per matrix and subject with Cmax, Tmax, AUClast, AUC∞ (obs)
 * and the terminal half-life in the data's units, the notes of each profile, the semi-log profile of the
 * chosen subject, and the stored samples.
 */

import { useMemo, useState } from 'react';
import { ADMINISTRATION_ROUTE_LABELS } from '../../../../src/domain/administration-route.ts';
import type { PkStudy } from '../../../../src/domain/pk-study.ts';
import { type AucMethod, type CdiscCode, cdiscParameter } from '../../../../src/science/pk/nca/index.ts';
import { DASH, formatSci } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { ConcentrationTimePlot } from '../../plots/concentration-time-plot.tsx';
import { Field } from '../field.tsx';
import { parameterUnit, type StudyProfile, SUMMARY_PARAMETERS, studyNca } from './pk-study-observations.ts';

/** Column titles of the summarised parameters (CDISC code shown beneath, full NCI term on hover). */
const SHORT_LABELS: Record<(typeof SUMMARY_PARAMETERS)[number], string> = {
  CMAX: 'Cmax',
  TMAX: 'Tmax',
  AUCLST: 'AUClast',
  AUCIFO: 'AUC∞ (obs)',
  LAMZHL: 't½ λz',
};

const ROUTE_MODEL_LABELS = {
  'iv-bolus': 'IV bolus',
  extravascular: 'extravascular',
  'iv-infusion': 'IV infusion',
};

function profileName(p: StudyProfile): string {
  return `${p.subject ?? 'all samples'} · ${p.matrix}`;
}

function cell(p: StudyProfile, code: CdiscCode): string {
  if (!p.result) return DASH;
  const value = p.result.parameters[code];
  if (value === null || value === undefined) return DASH;
  const unit = parameterUnit(p, code);
  return `${formatSci(value, 3)}${unit ? ` ${unit}` : ''}`;
}

export function PkStudyNca({ study }: { study: PkStudy }) {
  const [aucMethod, setAucMethod] = useState<AucMethod>('linear');
  const nca = useMemo(() => studyNca(study, aucMethod), [study, aucMethod]);
  const [selected, setSelected] = useState<string | null>(null);
  const rows = study.observations.concentrationTime;
  if (rows.length === 0) {
    return <p className="muted">No concentration–time data. Edit the study to paste or upload a table.</p>;
  }
  const current = nca.profiles.find((p) => p.key === selected) ?? nca.profiles.find((p) => p.result) ?? null;
  const result = current?.result ?? null;
  const lz = result?.parameters;
  const intercept =
    lz?.LAMZ != null && lz.CLSTP != null && lz.TLST != null && lz.CLSTP > 0
      ? Math.log(lz.CLSTP) + lz.LAMZ * lz.TLST
      : null;
  const notes = nca.profiles.flatMap((p) =>
    (p.result?.notes ?? []).map((n) => ({ key: `${p.key}|${n}`, text: `${profileName(p)}: ${n}` })),
  );

  return (
    <div className="stack">
      <div className="pk-facts">
        <span>
          NCA model: {ROUTE_MODEL_LABELS[nca.route]} (study route {ADMINISTRATION_ROUTE_LABELS[study.route]})
        </span>
        <span>
          dose {formatSci(nca.dose, 3)} {nca.doseUnit} per subject
        </span>
        <Field label="AUC method">
          <select
            aria-label="AUC method"
            value={aucMethod}
            onChange={(e) => setAucMethod(e.target.value as AucMethod)}
          >
            <option value="linear">Linear trapezoidal</option>
            <option value="linear-log">Linear up / log down</option>
          </select>
        </Field>
      </div>
      <div className="table-scroll" {...SCROLLABLE}>
        <table className="table" aria-label="NCA summary">
          <thead>
            <tr>
              <th>Subject · matrix</th>
              <th className="num">n</th>
              {SUMMARY_PARAMETERS.map((code) => (
                <th key={code} className="num" title={cdiscParameter(code)?.name}>
                  {SHORT_LABELS[code]}
                  <div className="muted small">{code}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {nca.profiles.map((p) => (
              <tr key={p.key}>
                <th scope="row">{profileName(p)}</th>
                <td className="num">{p.samples}</td>
                {p.error ? (
                  <td colSpan={SUMMARY_PARAMETERS.length} className="text-error small">
                    {p.error}
                  </td>
                ) : (
                  SUMMARY_PARAMETERS.map((code) => (
                    <td key={code} className="num nowrap">
                      {cell(p, code)}
                    </td>
                  ))
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {notes.length > 0 ? (
        <ul className="pk-notes" aria-label="NCA notes">
          {notes.map((n) => (
            <li key={n.key}>{n.text}</li>
          ))}
        </ul>
      ) : null}
      {current && result ? (
        <div>
          {nca.profiles.length > 1 ? (
            <Field label="Profile shown">
              <select
                aria-label="Profile shown"
                value={current.key}
                onChange={(e) => setSelected(e.target.value)}
              >
                {nca.profiles.map((p) => (
                  <option key={p.key} value={p.key} disabled={!p.result}>
                    {profileName(p)}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <ConcentrationTimePlot
            points={result.lambdaZPoints}
            lambdaZ={lz?.LAMZ ?? null}
            intercept={intercept}
            timeLabel="h"
            concLabel={current.unit}
            height={260}
          />
        </div>
      ) : null}
      <details>
        <summary>Stored samples ({rows.length})</summary>
        <div className="table-scroll" {...SCROLLABLE}>
          <table className="table" aria-label="Concentration–time samples">
            <thead>
              <tr>
                <th>Subject</th>
                <th>Matrix</th>
                <th className="num">Time (h)</th>
                <th className="num">Value</th>
                <th>Unit</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: stored rows have no id and keep their order.
                <tr key={i}>
                  <td>{r.subject ?? DASH}</td>
                  <td>{r.matrix}</td>
                  <td className="num">{r.timeH}</td>
                  <td className="num">{formatSci(r.value, 4)}</td>
                  <td>{r.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
