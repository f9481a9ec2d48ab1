/** Section 6 findings as cards: source, disorder, model, route, dose, outcome, mechanism and citations. */
import type { ReactNode } from 'react';
import { LI_2025_REVIEW } from '../../../../src/domain/citation.ts';
import type { EvidenceFinding } from '../../api/evidence-client.ts';
import { CitationList } from './citation-list.tsx';
import { disorderName, routeName, sourceName } from './evidence-labels.ts';

const LEVEL_LABELS: Record<string, string> = {
  clinical: 'Clinical',
  'in-vivo': 'In vivo',
  'in-vitro': 'In vitro',
  'not-stated': 'Model not stated',
};

export function findingCitations(f: EvidenceFinding) {
  return f.citations && f.citations.length > 0
    ? f.citations
    : [f.reference, { ...LI_2025_REVIEW, location: f.reviewLocation }];
}

export function FindingCard({
  finding: f,
  onOpen,
  badge,
}: {
  finding: EvidenceFinding;
  onOpen?: (id: string) => void;
  badge?: ReactNode;
}) {
  const model = [f.model.species, f.model.description].filter(Boolean).join(' · ');
  return (
    <li className="ev-finding" aria-label={`Finding ${f.id}`}>
      <div className="ev-finding-head">
        {badge}
        <span className="ev-tag">{sourceName(f.mscSource)}</span>
        <span className="ev-tag neuro">{disorderName(f.disorder)}</span>
        <span>{LEVEL_LABELS[f.evidenceLevel] ?? f.evidenceLevel}</span>
        {model ? <span>{model}</span> : null}
        <span>Route: {f.route ? routeName(f.route) : (f.routeNote ?? 'not stated')}</span>
        {f.dose ? <span>Dose: {f.dose}</span> : null}
      </div>
      <div className="ev-finding-outcome">{f.outcome}</div>
      <div>
        <span className="muted">Mechanism:</span> {f.mechanism}
      </div>
      {f.note ? <div className="muted small">{f.note}</div> : null}
      <div className="ev-finding-head">
        <CitationList citations={findingCitations(f)} />
        {onOpen ? (
          <button type="button" className="button small" onClick={() => onOpen(f.id)}>
            Details
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function FindingList({
  findings,
  onOpen,
  label = 'Findings',
  badge,
}: {
  findings: EvidenceFinding[];
  onOpen?: (id: string) => void;
  label?: string;
  /** An extra tag in front of each finding (e.g. what it matched). */
  badge?: (f: EvidenceFinding) => ReactNode;
}) {
  return (
    <ul className="ev-findings" aria-label={label}>
      {findings.map((f) => (
        <FindingCard key={f.id} finding={f} onOpen={onOpen} badge={badge?.(f)} />
      ))}
    </ul>
  );
}
