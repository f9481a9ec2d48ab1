/**
 * One step of an isolation protocol form (the protocol builder and the batch page): the method, its
 * parameter form (from the method's parameter table in src/science/isolation-chain/step-parameters.ts:
 * units, cited hints, assumptions marked), the step's notes, the parameters the table does not know (kept
 * as recorded) and, in the builder, the step's headline result.
 */
import { ISOLATION_METHODS, type IsolationMethod } from '../../../../src/domain/isolation-protocol.ts';
import type { StepReport } from '../../../../src/science/isolation-chain/simulate-protocol.ts';
import { METHOD_SPECS, type ParameterSpec } from '../../../../src/science/isolation-chain/step-parameters.ts';
import { formatFixed, formatSci } from '../../lib/format.ts';
import { describeParameter, METHOD_LABELS } from '../../lib/labels.ts';
import { type StepDraft, withMethod } from './protocol-drafts.ts';

export { defaultParameters, type StepDraft } from './protocol-drafts.ts';

function ParameterInput({
  spec,
  id,
  value,
  onChange,
}: {
  spec: ParameterSpec;
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  if (spec.kind === 'choice') {
    // A recorded value that is not one of the options is shown (and kept) as recorded.
    const recordedOnly = value !== '' && !spec.options.some((o) => o.value === value);
    return (
      <select id={id} value={value || spec.default} onChange={(e) => onChange(e.target.value)}>
        {recordedOnly ? <option value={value}>{value} (as recorded)</option> : null}
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  // A number field holding recorded text (e.g. "7-9") shows it as text rather than blank.
  const numeric = spec.kind === 'number' && (value.trim() === '' || Number.isFinite(Number(value)));
  return (
    <input
      id={id}
      type={numeric ? 'number' : 'text'}
      step="any"
      inputMode={spec.kind === 'number' ? 'decimal' : undefined}
      placeholder={spec.default === null ? 'auto' : String(spec.default)}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function ProtocolStepEditor({
  index,
  count,
  draft,
  report,
  errors,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  count: number;
  draft: StepDraft;
  report: StepReport | null;
  errors: Record<string, string>;
  onChange: (draft: StepDraft) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
}) {
  const spec = METHOD_SPECS[draft.method];
  const idBase = `pb-step-${draft.key}`;
  const hasError = Object.keys(errors).length > 0;
  return (
    <li className={`pb-step${hasError ? ' has-error' : ''}`} aria-label={`Step ${index + 1}: ${spec.label}`}>
      <div className="pb-step-head">
        <span className="pb-step-number">{index + 1}.</span>
        <select
          id={`${idBase}-method`}
          aria-label={`Method of step ${index + 1}`}
          value={draft.method}
          onChange={(e) => {
            onChange(withMethod(draft, e.target.value as IsolationMethod));
          }}
        >
          {ISOLATION_METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABELS[m] ?? m}
            </option>
          ))}
        </select>
        {spec.model === 'assumed' ? (
          <span className="pb-step-model" title="No physical model: typical recoveries (marked assumptions)">
            assumed
          </span>
        ) : null}
        <button
          type="button"
          className="button small"
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={`Move step ${index + 1} up`}
        >
          ↑
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={`Move step ${index + 1} down`}
        >
          ↓
        </button>
        <button
          type="button"
          className="button small"
          onClick={onRemove}
          aria-label={`Remove step ${index + 1}`}
        >
          ✕
        </button>
      </div>
      <p className="muted small">{spec.summary}</p>
      <div className="pb-params">
        {spec.parameters.map((p) => {
          const error = errors[p.key] ?? (p.aliases ?? []).map((a) => errors[a]).find(Boolean) ?? null;
          const unit = p.kind === 'number' && p.unit ? ` (${p.unit})` : '';
          return (
            // biome-ignore lint/a11y/noLabelWithoutControl: the control is inside the label.
            <label
              key={p.key}
              className={`field${error ? ' has-error' : ''}`}
              title={`${p.hint}\nSource: ${p.source}`}
            >
              <span className={`field-label${p.assumption ? ' pb-assumed' : ''}`}>
                {p.label}
                {unit}
                {p.assumption ? ' *' : ''}
              </span>
              <ParameterInput
                spec={p}
                id={`${idBase}-${p.key}`}
                value={draft.parameters[p.key] ?? ''}
                onChange={(value) =>
                  onChange({ ...draft, parameters: { ...draft.parameters, [p.key]: value } })
                }
              />
              {error ? (
                <span className="field-error">{error}</span>
              ) : (
                <span className="field-hint">{p.hint}</span>
              )}
            </label>
          );
        })}
      </div>
      <label className="field pb-notes">
        <span className="field-label">Notes</span>
        <input
          id={`${idBase}-notes`}
          value={draft.notes}
          maxLength={2000}
          aria-label={`Notes of step ${index + 1}`}
          onChange={(e) => onChange({ ...draft, notes: e.target.value })}
        />
      </label>
      {draft.extra && Object.keys(draft.extra).length > 0 ? (
        <div className="pb-extra">
          <span className="field-label">Other recorded parameters (kept as they are)</span>
          <dl className="step-params" aria-label={`Other recorded parameters of step ${index + 1}`}>
            {Object.entries(draft.extra).map(([k, v]) => {
              const d = describeParameter(k, v);
              return (
                <div key={k} title={k}>
                  <dt>{d.label}</dt>
                  <dd>{d.value}</dd>
                </div>
              );
            })}
          </dl>
        </div>
      ) : null}
      <details className="pb-about">
        <summary>About these parameters (hints and sources)</summary>
        <dl>
          {spec.parameters.map((p) => (
            <div key={p.key}>
              <dt>
                {p.label} <code>{p.key}</code>
                {p.assumption ? ' — typical value (assumption)' : ''}
              </dt>
              <dd>
                {p.hint ? `${p.hint}. ` : ''}
                <span className="muted">Source: {p.source}</span>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      {report ? (
        <p className="small">
          <strong>{formatFixed(report.stepRecoveryPercent, 1)} %</strong> of the EVs it receives ·{' '}
          {formatSci(report.particles, 3)} EVs · {formatSci(report.totalProteinUg, 3)} µg protein ·{' '}
          {formatSci(report.purityParticlesPerUg, 2)} EVs/µg
          {report.timeMinutes !== null ? ` · ${formatFixed(report.timeMinutes, 0)} min` : ''}
        </p>
      ) : null}
      {report && report.warnings.length > 0 ? (
        <ul className="pb-warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
