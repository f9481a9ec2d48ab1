/** What a biodistribution analysis covered (values, organs, times, body weight) and its warnings. */
import type { ReactNode } from 'react';
import type {
  BiodistributionReport,
  BiodistributionWarning,
} from '../../../../src/science/pk/biodistribution/analyse-biodistribution.ts';
import { formatSignificant } from '../../lib/format.ts';

/** One line of facts about the report; `children` adds facts of the caller (decay correction). */
export function BiodistFacts({ report, children }: { report: BiodistributionReport; children?: ReactNode }) {
  return (
    <div className="pk-facts">
      <span>
        {report.rowCount} values · {report.organs.length} organs · times {report.timesH.join(', ')} h
      </span>
      {report.bodyWeightKg !== null ? (
        <span>
          {report.species}, {formatSignificant(report.bodyWeightKg * 1000, 6)} g
          {report.bodyWeightSource === 'reference' ? ' (reference weight)' : ''}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** The analysis warnings as a list named `name` (distinct on the page), or nothing. */
export function BiodistWarnings({ warnings, name }: { warnings: BiodistributionWarning[]; name: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="pk-notes" aria-label={name}>
      {warnings.map((w) => (
        <li key={w.code + w.message} className="warning">
          {w.message}
        </li>
      ))}
    </ul>
  );
}
