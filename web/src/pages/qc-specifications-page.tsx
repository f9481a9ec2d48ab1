/**
 * /batches/:id/qc/specifications — the specification editor of the batch's product (a new version per save:
 * POST /api/specifications; criteria with operator, limits, unit, method, reference; starts from the newest
 * version or the MSC-EV template) and manual entry of results no instrument file gives (sterility,
 * mycoplasma, endotoxin EU/mL, potency: POST /api/batches/:id/qc/results), each recorded with its actor in
 * the audit trail; a wrong result is invalidated with a reason, never deleted.
 */
import { type FormEvent, useId, useState } from 'react';
import {
  CALL_VALUES,
  canonicalMetricName,
  METRIC_CATALOGUE,
  metricDefinition,
} from '../../../src/domain/qc/batch-metric.ts';
import type { QcResult } from '../../../src/domain/qc/release.ts';
import {
  CRITERION_CATEGORIES,
  CRITERION_OPERATORS,
  type Criterion,
  requirementText,
  type Specification,
} from '../../../src/domain/qc/specification.ts';
import { api, request, toApiError } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { ApiView, Empty } from '../components/states.tsx';
import { Link } from '../router.tsx';

/** Results evlab cannot read from an instrument file (issue 13 safety and potency criteria). */
const MANUAL_METRICS = [
  { name: 'safety.sterilityGrowth', label: 'Sterility (growth)', unit: '', call: true },
  { name: 'safety.mycoplasma', label: 'Mycoplasma', unit: '', call: true },
  { name: 'safety.endotoxinEuPerMl', label: 'Endotoxin', unit: 'EU/mL', call: false },
  // The template's potency criterion reads this name (src/domain/qc/batch-metric.ts METRIC_CATALOGUE).
  { name: 'potency.activityPctOfReference', label: 'Potency (% of reference)', unit: '%', call: false },
] as const;

const num = (text: string): number | null => (text.trim() === '' ? null : Number(text));

function CriterionRow({
  c,
  onChange,
  onRemove,
}: {
  c: Criterion;
  onChange: (c: Criterion) => void;
  onRemove: () => void;
}) {
  const field = (key: 'limit' | 'low' | 'high' | 'labelValue' | 'tolerancePct', label: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="number"
        step="any"
        value={c[key] ?? ''}
        onChange={(e) => onChange({ ...c, [key]: num(e.target.value) })}
      />
    </label>
  );
  const hintId = useId();
  const typed = c.metric.trim();
  const canonical = canonicalMetricName(typed);
  const unknownMetric = typed !== '' && !metricDefinition(canonical);
  const oldName = typed !== '' && canonical !== typed;
  const text = (key: 'id' | 'name' | 'metric' | 'unit' | 'method' | 'reference', label: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input value={c[key]} onChange={(e) => onChange({ ...c, [key]: e.target.value })} />
    </label>
  );
  return (
    <fieldset className="panel">
      <legend>{c.name || c.id || 'New criterion'}</legend>
      {text('id', 'Id')}
      {text('name', 'Name')}
      <label className="field">
        <span className="field-label">Category</span>
        <select
          value={c.category}
          onChange={(e) => onChange({ ...c, category: e.target.value as Criterion['category'] })}
        >
          {CRITERION_CATEGORIES.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Metric</span>
        <input
          value={c.metric}
          list="qc-metric-names"
          aria-describedby={unknownMetric || oldName ? hintId : undefined}
          onChange={(e) => {
            const def = metricDefinition(canonicalMetricName(e.target.value));
            // A known metric brings its unit when none is set yet (the unit the values are stored in).
            onChange({ ...c, metric: e.target.value, unit: c.unit === '' && def ? def.unit : c.unit });
          }}
        />
      </label>
      {oldName ? (
        <p id={hintId} className="field-hint" role="note">
          “{typed}” is an old name of {canonical}: it is saved under {canonical}.
        </p>
      ) : (
        unknownMetric && (
          <p id={hintId} className="field-hint" role="note">
            Not a metric evlab computes or knows: the criterion will be “missing” unless a result is entered
            under exactly this name.
          </p>
        )
      )}
      <label className="field">
        <span className="field-label">Operator</span>
        <select
          value={c.operator}
          onChange={(e) => onChange({ ...c, operator: e.target.value as Criterion['operator'] })}
        >
          {CRITERION_OPERATORS.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      </label>
      {['<', '<=', '>', '>='].includes(c.operator) && field('limit', 'Limit')}
      {c.operator === 'range' && (
        <>
          {field('low', 'Low')}
          {field('high', 'High')}
        </>
      )}
      {c.operator === 'pct-of-label' && (
        <>
          {field('labelValue', 'Label value')}
          {field('tolerancePct', 'Tolerance (%)')}
        </>
      )}
      {text('unit', 'Unit')}
      {text('method', 'Method')}
      {text('reference', 'Reference')}
      <button type="button" className="button small" onClick={onRemove}>
        Remove criterion
      </button>
    </fieldset>
  );
}

function SpecificationEditor({
  productId,
  specs,
  onSaved,
}: {
  productId: string;
  specs: Specification[];
  /** Called with the saved version; the page keeps the message (this editor is re-keyed to the new version). */
  onSaved: (spec: Specification) => void;
}) {
  const newest = specs[0];
  const template = useApi(
    (signal) => request<{ criteria: Criterion[] }>('GET', '/api/qc/template', { signal }),
    [],
  );
  const [name, setName] = useState(newest?.name ?? 'MSC-EV release specification');
  const [criteria, setCriteria] = useState<Criterion[] | null>(newest ? newest.criteria : null);
  const [error, setError] = useState<string | null>(null);
  const rows = criteria ?? template.data?.criteria ?? [];
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const spec = await request<Specification>('POST', '/api/specifications', {
        body: { productId, name, criteria: rows },
      });
      onSaved(spec);
    } catch (e) {
      const err = toApiError(e);
      setError(
        [err.detail ?? err.title, ...err.errors.map((x) => `${x.path.join('.')}: ${x.message}`)].join(' · '),
      );
    }
  };
  return (
    <form onSubmit={save} className="stack" aria-labelledby="spec-editor">
      <h2 id="spec-editor">New specification version</h2>
      <p className="muted">
        Saving creates version {newest && newest.name === name ? newest.version + 1 : 1} of “{name}”; earlier
        versions stay as they were (evaluations name the version they used).
      </p>
      <label className="field">
        <span className="field-label">Name</span>
        <input value={name} required onChange={(e) => setName(e.target.value)} />
      </label>
      <datalist id="qc-metric-names">
        {METRIC_CATALOGUE.map((m) => (
          <option key={m.name} value={m.name}>
            {m.label}
            {m.unit ? ` (${m.unit})` : ''}
          </option>
        ))}
      </datalist>
      {rows.map((c, i) => (
        <CriterionRow
          // biome-ignore lint/suspicious/noArrayIndexKey: the id is edited in place; the row's position is its identity
          key={i}
          c={c}
          onChange={(next) => setCriteria(rows.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setCriteria(rows.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <button
          type="button"
          className="button"
          onClick={() =>
            setCriteria([
              ...rows,
              {
                id: `criterion-${rows.length + 1}`,
                category: 'other',
                name: '',
                metric: '',
                operator: '<=',
                limit: null,
                low: null,
                high: null,
                labelValue: null,
                tolerancePct: null,
                unit: '',
                method: '',
                reference: '',
              },
            ])
          }
        >
          Add criterion
        </button>{' '}
        <button type="submit" className="button primary">
          Save as new version
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}

function ResultEntry({ batchId, onSaved }: { batchId: string; onSaved: () => void }) {
  const [metric, setMetric] = useState<string>(MANUAL_METRICS[0].name);
  const def = MANUAL_METRICS.find((m) => m.name === metric);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // React clears currentTarget once the handler returns: keep the form for the reset after the await.
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const raw = String(form.get('value') ?? '');
    setError(null);
    try {
      await request('POST', `/api/batches/${batchId}/qc/results`, {
        body: {
          metric,
          value: def?.call ? raw : Number(raw),
          unit: def?.unit ?? '',
          method: String(form.get('method') ?? ''),
          reference: String(form.get('reference') ?? ''),
          note: String(form.get('note') ?? ''),
        },
      });
      formElement.reset();
      onSaved();
    } catch (e) {
      const err = toApiError(e);
      setError(
        [err.detail ?? err.title, ...err.errors.map((x) => `${x.path.join('.')}: ${x.message}`)].join(' · '),
      );
    }
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="result-entry">
      <h2 id="result-entry">Enter a result</h2>
      <label className="field">
        <span className="field-label">Test</span>
        <select value={metric} onChange={(e) => setMetric(e.target.value)}>
          {MANUAL_METRICS.map((m) => (
            <option key={m.name} value={m.name}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {def?.call ? (
        <label className="field">
          <span className="field-label">Result</span>
          <select name="value">
            {CALL_VALUES.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span className="field-label">Result{def?.unit ? ` (${def.unit})` : ''}</span>
          <input name="value" type="number" step="any" min={0} required />
        </label>
      )}
      <label className="field">
        <span className="field-label">Method</span>
        <input name="method" required placeholder="e.g. LAL kinetic chromogenic, Ph. Eur. 2.6.14" />
      </label>
      <label className="field">
        <span className="field-label">Reference (report no., LIMS id)</span>
        <input name="reference" />
      </label>
      <label className="field">
        <span className="field-label">Note</span>
        <input name="note" />
      </label>
      <button type="submit" className="button primary">
        Record result
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}

export function QcSpecificationsPage({ batchId }: { batchId: string }) {
  const batch = useApi((signal) => api.getBatch(batchId, signal), [batchId]);
  const projectId = batch.data?.projectId;
  const specs = useApi(
    (signal) =>
      projectId
        ? request<{ items: Specification[] }>('GET', '/api/specifications', {
            query: { productId: projectId },
            signal,
          })
        : Promise.resolve({ items: [] }),
    [projectId],
  );
  const results = useApi(
    (signal) => request<{ items: QcResult[] }>('GET', `/api/batches/${batchId}/qc/results`, { signal }),
    [batchId],
  );
  /**
   * The version just saved. Its message shows once the list has reloaded with it on top: by then the editor
   * below has been re-keyed to it, so nothing typed after the message appears is wiped by that remount.
   */
  const [saved, setSaved] = useState<{ id: string; text: string } | null>(null);
  const invalidate = async (id: string) => {
    const reason = window.prompt('Why is this result invalid? (at least 5 characters)');
    if (!reason) return;
    try {
      await request('POST', `/api/qc-results/${id}/invalidate`, { body: { reason } });
      results.reload();
    } catch (e) {
      window.alert(toApiError(e).detail ?? 'The result could not be invalidated.');
    }
  };
  return (
    <div className="stack">
      <nav className="breadcrumb">
        <Link to="/batches">Batches</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/batches/${batchId}`}>{batch.data?.code ?? '…'}</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/batches/${batchId}/qc`}>QC and release</Link> <span aria-hidden="true">/</span>{' '}
        Specifications and results
      </nav>
      <ApiView state={specs} what="specifications">
        {(page) => (
          <section className="panel" aria-labelledby="spec-list">
            <h2 id="spec-list">Specification versions of this product</h2>
            {page.items.length === 0 ? (
              <Empty title="No specification yet">Start from the MSC-EV template below.</Empty>
            ) : (
              <ul>
                {page.items.map((s) => (
                  <li key={s.id}>
                    {s.name} v{s.version} ({s.createdAt.slice(0, 10)}, {s.createdBy}):{' '}
                    {s.criteria.map((c) => `${c.name} ${requirementText(c)}`).join('; ')}
                  </li>
                ))}
              </ul>
            )}
            {projectId && (
              <SpecificationEditor
                key={page.items[0]?.id ?? 'template'}
                productId={projectId}
                specs={page.items}
                onSaved={(spec) => {
                  setSaved({ id: spec.id, text: `Saved ${spec.name} version ${spec.version}.` });
                  specs.reload();
                }}
              />
            )}
            {saved && page.items[0]?.id === saved.id && <p role="status">{saved.text}</p>}
          </section>
        )}
      </ApiView>
      <section className="panel" aria-labelledby="results-list">
        <h2 id="results-list">Entered results</h2>
        <ApiView
          state={results}
          what="results"
          isEmpty={(r) => r.items.length === 0}
          empty={<Empty title="No result entered yet" />}
        >
          {(r) => (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Metric</th>
                  <th>Value</th>
                  <th>Method</th>
                  <th>Reference</th>
                  <th>Entered (UTC)</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((x) => (
                  <tr key={x.id}>
                    <td>{x.metric}</td>
                    <td>
                      {String(x.value)} {x.unit}
                    </td>
                    <td>{x.method}</td>
                    <td>{x.reference || '–'}</td>
                    <td>
                      {x.enteredAt.slice(0, 19).replace('T', ' ')} by {x.enteredBy}
                    </td>
                    <td>
                      {x.invalidated ? (
                        `invalidated: ${x.invalidated}`
                      ) : (
                        <button type="button" className="button small" onClick={() => void invalidate(x.id)}>
                          Invalidate…
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ApiView>
        <ResultEntry batchId={batchId} onSaved={results.reload} />
      </section>
    </div>
  );
}
