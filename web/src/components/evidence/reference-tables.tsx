/**
 * The review's reference tables, from the curated data (src/domain/evidence): administration routes
 * (Table 4 + text), labels (4.2), clearance and safety (4.3–4.4), isolation (Table 2), characterization
 * (Table 3) and MSC-EV properties (Table 1). Every row carries its citations.
 */
import { useState } from 'react';
import {
  ADMINISTRATION_ROUTE_PROFILES,
  CHARACTERIZATION_TECHNIQUES,
  CLEARANCE_MECHANISMS,
  EV_PROPERTIES,
  EV_PROTEIN_MARKERS,
  ISOLATION_TECHNIQUE_SUMMARIES,
  LABEL_MODALITY_PROFILES,
  SAFETY_NOTES,
} from '../../../../src/domain/evidence/index.ts';
import { CitationList, CitationRef, CitedStatements } from './citation-list.tsx';
import { routeName, sourceName } from './evidence-labels.ts';

const TABS = [
  ['routes', 'Routes'],
  ['labels', 'Labels & imaging'],
  ['clearance', 'Clearance & safety'],
  ['isolation', 'Isolation'],
  ['characterization', 'Characterization'],
  ['properties', 'Properties'],
] as const;
type Tab = (typeof TABS)[number][0];

const DASH = '—';

function RoutesTable() {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Administration routes">
        <thead>
          <tr>
            <th>Route</th>
            <th>Distribution</th>
            <th>Half-life</th>
            <th>Bioavailability</th>
            <th>Characteristics and evidence</th>
          </tr>
        </thead>
        <tbody>
          {ADMINISTRATION_ROUTE_PROFILES.map((r) => (
            <tr key={r.slug} id={`route-${r.slug}`}>
              <td>
                <strong>{r.name}</strong>
                {r.abbreviation ? ` (${r.abbreviation})` : ''}
                <div className="muted small">{r.inTable4 ? 'Table 4' : `text, ${r.reviewLocation}`}</div>
              </td>
              <td>{r.distribution ?? DASH}</td>
              <td>{r.halfLife ?? DASH}</td>
              <td>{r.bioavailability ?? DASH}</td>
              <td>
                <div>{r.characteristics}</div>
                <CitedStatements items={r.evidence} className="small" />
                <CitationList citations={r.citations} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Table 4 gives half-lives only qualitatively; evlab shows no number the review does not state.
      </p>
    </div>
  );
}

function LabelsTable() {
  return (
    <div className="ev-cards">
      {LABEL_MODALITY_PROFILES.map((l) => (
        <article key={l.slug} className="ev-card" aria-label={`Label ${l.name}`} id={`label-${l.slug}`}>
          <h3>{l.name}</h3>
          <div className="small mono">{l.examples.join(', ')}</div>
          <div>{l.principle}</div>
          <div>
            <div className="muted small">Strengths</div>
            <ul>
              {l.strengths.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </div>
          <div>
            <div className="muted small">Caveats</div>
            <CitedStatements items={l.caveats} />
          </div>
          {l.observations.length > 0 ? (
            <div>
              <div className="muted small">Biodistribution observations</div>
              <CitedStatements items={l.observations} />
            </div>
          ) : null}
          <CitationList citations={l.citations} />
        </article>
      ))}
    </div>
  );
}

function ClearanceAndSafety() {
  return (
    <div className="stack">
      <table className="table" aria-label="Clearance mechanisms">
        <thead>
          <tr>
            <th>Mechanism</th>
            <th>Organs</th>
            <th>Principle</th>
            <th>Determinants</th>
          </tr>
        </thead>
        <tbody>
          {CLEARANCE_MECHANISMS.map((c) => (
            <tr key={c.id}>
              <td>
                <strong>{c.name}</strong>
                <div>
                  <CitationList citations={c.citations} />
                </div>
              </td>
              <td>{c.organs.join(', ')}</td>
              <td>{c.principle}</td>
              <td>{c.determinants.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table" aria-label="Safety notes">
        <thead>
          <tr>
            <th>Topic</th>
            <th>Setting</th>
            <th>Statement</th>
            <th>Source / route / regimen</th>
          </tr>
        </thead>
        <tbody>
          {SAFETY_NOTES.map((s) => (
            <tr key={s.id}>
              <td>
                <strong>{s.topic}</strong>
              </td>
              <td>{s.setting}</td>
              <td>
                {s.statement} <CitationRef citation={s.citation} />
              </td>
              <td>
                {[
                  s.mscSource ? sourceName(s.mscSource) : null,
                  s.route ? routeName(s.route) : null,
                  s.regimen,
                ]
                  .filter(Boolean)
                  .join(' · ') || DASH}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IsolationTable() {
  return (
    <table className="table" aria-label="Isolation methods">
      <thead>
        <tr>
          <th>Method</th>
          <th>Advantages</th>
          <th>Limitations</th>
          <th>Facts from the text</th>
        </tr>
      </thead>
      <tbody>
        {ISOLATION_TECHNIQUE_SUMMARIES.map((s) => (
          <tr key={s.method}>
            <td>
              <strong>{s.name}</strong>
              <div className="muted small">Table 2 · {s.section}</div>
            </td>
            <td>{s.advantages.join('; ')}</td>
            <td>{s.limitations.join('; ')}</td>
            <td>
              <CitedStatements items={s.facts} className="small" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CharacterizationTable() {
  return (
    <div className="stack">
      <table className="table" aria-label="Characterization techniques">
        <thead>
          <tr>
            <th>Technique</th>
            <th>Primary application</th>
            <th>Strengths</th>
            <th>Limitations</th>
          </tr>
        </thead>
        <tbody>
          {CHARACTERIZATION_TECHNIQUES.map((t) => (
            <tr key={t.id}>
              <td>
                <strong>{t.abbreviation}</strong> <span className="muted">{t.name}</span>
                <div>
                  <CitationList citations={t.citations} />
                </div>
              </td>
              <td>{t.primaryApplication}</td>
              <td>{t.strengths.join('; ') || DASH}</td>
              <td>{t.limitations.join('; ') || DASH}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">
        EV identity by Western blot — positive:{' '}
        <span className="mono">{EV_PROTEIN_MARKERS.positive.join(', ')}</span>; negative:{' '}
        <span className="mono">{EV_PROTEIN_MARKERS.negative.join(', ')}</span>.{' '}
        <CitationList citations={EV_PROTEIN_MARKERS.citations} />
      </p>
    </div>
  );
}

function PropertiesTable() {
  return (
    <table className="table" aria-label="MSC-EV properties">
      <thead>
        <tr>
          <th>Property</th>
          <th>Potential benefit</th>
          <th>Reference</th>
        </tr>
      </thead>
      <tbody>
        {EV_PROPERTIES.map((p) => (
          <tr key={p.id}>
            <td>{p.property}</td>
            <td>{p.benefit}</td>
            <td>
              <CitationRef citation={p.citation} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReferenceTables({ initial = 'routes' }: { initial?: Tab }) {
  const [tab, setTab] = useState<Tab>(initial);
  return (
    <div className="stack">
      <div className="segmented" role="tablist" aria-label="Reference tables">
        {TABS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={tab === value}
            className={tab === value ? 'active' : ''}
            onClick={() => setTab(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="table-scroll">
        {tab === 'routes' ? <RoutesTable /> : null}
        {tab === 'labels' ? <LabelsTable /> : null}
        {tab === 'clearance' ? <ClearanceAndSafety /> : null}
        {tab === 'isolation' ? <IsolationTable /> : null}
        {tab === 'characterization' ? <CharacterizationTable /> : null}
        {tab === 'properties' ? <PropertiesTable /> : null}
      </div>
    </div>
  );
}
