/**
 * The isolation-method recommender: sample matrix, volume, purity, downstream use, equipment, time and
 * budget → ranked single methods and two-step chains with a score bar per criterion, the reasons, the
 * citations, and the options hard constraints excluded (with the constraint and why).
 */
import { useState } from 'react';
import {
  EQUIPMENT,
  EQUIPMENT_LABELS,
} from '../../../../src/science/isolation-methods/method-catalogue-schema.ts';
import type {
  ExcludedOption,
  RankedOption,
} from '../../../../src/science/isolation-methods/recommend-isolation.ts';
import {
  BUDGETS,
  DOWNSTREAM_USE_LABELS,
  DOWNSTREAM_USES,
  PURITY_REQUIREMENTS,
  type RecommendationInputDraft,
  recommendationInputSchema,
  SAMPLE_MATRICES,
  SAMPLE_MATRIX_LABELS,
} from '../../../../src/science/isolation-methods/recommendation-input.ts';
import { isolationMethodsApi, type Recommendation } from '../../api/isolation-methods-client.ts';
import { toNumberOrNull } from '../../lib/form-values.ts';
import { useFormSubmit } from '../../lib/use-form-submit.ts';
import { setQuery } from '../../router.tsx';
import { Field } from '../field.tsx';
import { FormError } from '../form-error.tsx';
import { VocabularyOptions } from '../select-options.tsx';
import { Empty } from '../states.tsx';
import { CitationToggle } from './method-citations.tsx';
import { OPEN_CHAIN_NAME_QUERY, OPEN_CHAIN_QUERY } from './protocol-builder.tsx';
import './method-isolation.css';
import { formatDecimals } from '../../lib/format.ts';

const PURITY_LABELS = {
  any: 'any',
  medium: 'medium (≥ 2×10⁹ particles/µg)',
  high: 'high (≥ 3×10¹⁰ particles/µg)',
} as const;
const BUDGET_LABELS = { low: 'low', medium: 'medium', high: 'high (no limit)' } as const;

const CRITERION_LABELS: Record<string, string> = {
  recovery: 'Recovery',
  purity: 'Purity',
  'co-isolates': 'Co-isolates',
  integrity: 'Integrity',
  'gmp-scalability': 'GMP / scale',
  time: 'Time',
  cost: 'Cost',
};

function CriterionBars({ option }: { option: RankedOption }) {
  return (
    <table className="method-bars" aria-label={`Criterion scores of ${option.label}`}>
      <tbody>
        {option.criteria.map((c) => (
          <tr key={c.name}>
            <th scope="row">{CRITERION_LABELS[c.name] ?? c.name}</th>
            <td className="method-bar-cell">
              <span className={`method-bar${c.weight === 0 ? ' unweighted' : ''}`} title={c.reason}>
                <span style={{ width: `${Math.round(c.score * 100)}%` }} />
              </span>
            </td>
            <td className="num">{formatDecimals(c.score, 2)}</td>
            <td className="muted">×{c.weight}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RankedCard({ option }: { option: RankedOption }) {
  return (
    <article className="method-option" aria-label={`Rank ${option.rank}: ${option.label}`}>
      <div className="method-option-head">
        <span className="method-option-rank">#{option.rank}</span>
        <span className="strong">{option.label}</span>
        <span className="muted small">{option.methods.join(' → ')}</span>
        <span className="method-option-score">score {formatDecimals(option.score, 2)}</span>
        <span className="muted small">{option.confidence} confidence</span>
      </div>
      <CriterionBars option={option} />
      <ul className="method-reasons">
        {option.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {option.scales.length > 0 && <p className="muted small">Scored at: {option.scales.join('; ')}</p>}
      {option.caveats.length > 0 && (
        <ul className="method-caveats" aria-label={`Caveats for ${option.label}`}>
          {option.caveats.map((c) => (
            <li key={c}>Caveat: {c}</li>
          ))}
        </ul>
      )}
      <details className="method-details">
        <summary>Every criterion</summary>
        <ul>
          {option.criteria.map((c) => (
            <li key={c.name}>
              <span className="strong">{CRITERION_LABELS[c.name] ?? c.name}</span> (
              {formatDecimals(c.score, 2)} × {c.weight}): {c.reason}
            </li>
          ))}
        </ul>
      </details>
      <CitationToggle citations={option.citations} label={`${option.citations.length} sources`} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          aria-label={`Open ${option.label} in the protocol builder`}
          onClick={() => {
            setQuery({ [OPEN_CHAIN_QUERY]: option.methods.join(','), [OPEN_CHAIN_NAME_QUERY]: option.label });
            document.getElementById('protocol')?.scrollIntoView({ block: 'start' });
          }}
        >
          Open in protocol builder
        </button>
      </div>
    </article>
  );
}

function ExcludedTable({ excluded }: { excluded: ExcludedOption[] }) {
  if (excluded.length === 0) return null;
  return (
    <details className="method-details">
      <summary>Excluded by hard constraints ({excluded.length})</summary>
      <table className="table" aria-label="Excluded options">
        <thead>
          <tr>
            <th scope="col">Option</th>
            <th scope="col">Constraint</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {excluded.map((e) => (
            <tr key={e.methods.join('>')}>
              <td className="nowrap">{e.label}</td>
              <td className="nowrap">{e.constraint}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function RecommendationResults({ result }: { result: Recommendation }) {
  return (
    <div className="method-results" aria-live="polite">
      {result.ranked.length === 0 ? (
        <Empty title="No method fits every constraint">
          Relax the volume, equipment, purity, budget or time limits; the exclusions below say which one
          failed.
        </Empty>
      ) : (
        result.ranked.map((option) => <RankedCard key={option.methods.join('>')} option={option} />)
      )}
      <ExcludedTable excluded={result.excluded} />
      <p className="muted small">
        Catalogue {result.catalogueVersion}. Weights for {DOWNSTREAM_USE_LABELS[result.input.use]}:{' '}
        {Object.entries(result.weights)
          .map(([k, w]) => `${CRITERION_LABELS[k] ?? k} ${w}`)
          .join(', ')}
        . Chains multiply recoveries and keep the purer step's purity.
      </p>
    </div>
  );
}

export function RecommenderForm() {
  const [matrix, setMatrix] = useState<string>('conditioned-medium');
  const [volume, setVolume] = useState('500');
  const [use, setUse] = useState<string>('therapy');
  const [purity, setPurity] = useState<string>('any');
  const [budget, setBudget] = useState<string>('high');
  const [maxHours, setMaxHours] = useState('');
  const [equipment, setEquipment] = useState<string[]>([...EQUIPMENT]);
  const [result, setResult] = useState<Recommendation | null>(null);
  const { busy, error, fieldError, submit } = useFormSubmit();

  const toggle = (e: string) =>
    setEquipment((list) => (list.includes(e) ? list.filter((x) => x !== e) : [...list, e]));

  return (
    <section className="panel" aria-labelledby="recommender-title">
      <div className="panel-head">
        <h2 id="recommender-title">Recommend a method</h2>
      </div>
      <form
        aria-label="Isolation recommender"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const input = {
            matrix,
            volumeMl: toNumberOrNull(volume),
            use,
            purity,
            budget,
            equipment,
            maxHours: toNumberOrNull(maxHours),
            top: 8,
          };
          const check = recommendationInputSchema.safeParse(input);
          await submit(async () => {
            setResult(await isolationMethodsApi.recommend(input as RecommendationInputDraft));
          }, check);
        }}
      >
        <div className="form-grid">
          <Field label="Sample matrix" error={fieldError('matrix')}>
            <select value={matrix} onChange={(e) => setMatrix(e.target.value)}>
              <VocabularyOptions values={SAMPLE_MATRICES} labels={SAMPLE_MATRIX_LABELS} />
            </select>
          </Field>
          <Field label="Volume" unit="mL" error={fieldError('volumeMl')}>
            <input inputMode="decimal" value={volume} onChange={(e) => setVolume(e.target.value)} />
          </Field>
          <Field label="Downstream use" error={fieldError('use')}>
            <select value={use} onChange={(e) => setUse(e.target.value)}>
              <VocabularyOptions values={DOWNSTREAM_USES} labels={DOWNSTREAM_USE_LABELS} />
            </select>
          </Field>
          <Field label="Required purity" error={fieldError('purity')}>
            <select value={purity} onChange={(e) => setPurity(e.target.value)}>
              <VocabularyOptions values={PURITY_REQUIREMENTS} labels={PURITY_LABELS} />
            </select>
          </Field>
          <Field label="Max time" unit="h" error={fieldError('maxHours')} hint="empty = no limit">
            <input inputMode="decimal" value={maxHours} onChange={(e) => setMaxHours(e.target.value)} />
          </Field>
          <Field label="Budget" error={fieldError('budget')}>
            <select value={budget} onChange={(e) => setBudget(e.target.value)}>
              <VocabularyOptions values={BUDGETS} labels={BUDGET_LABELS} />
            </select>
          </Field>
        </div>
        <fieldset className="method-details">
          <legend>Equipment available</legend>
          <div className="method-equipment">
            {EQUIPMENT.map((e) => (
              <label key={e}>
                <input type="checkbox" checked={equipment.includes(e)} onChange={() => toggle(e)} />
                {EQUIPMENT_LABELS[e]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Ranking…' : 'Recommend'}
          </button>
        </div>
        <FormError error={error} />
      </form>
      {busy && !result ? (
        <div className="state state-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          Ranking methods…
        </div>
      ) : null}
      {result ? (
        <RecommendationResults result={result} />
      ) : busy ? null : (
        <Empty title="No recommendation yet">
          Describe the sample and press Recommend: every method and two-step chain is scored from the cited
          catalogue below.
        </Empty>
      )}
    </section>
  );
}
