/** Trials by first-posted year, stacked by neurological vs other or by MSC source. */
import { useState } from 'react';
import type { Trial } from '../../api/evidence-client.ts';
import { EvidenceTimelinePlot, type TimelineTrial } from '../../plots/evidence-timeline-plot.tsx';
import { sourceName } from './evidence-labels.ts';

export function TrialTimeline({ trials }: { trials: Trial[] }) {
  const [stack, setStack] = useState<'neuro' | 'source'>('neuro');
  const dated = trials.filter((t) => t.firstPosted && /^\d{4}/.test(t.firstPosted));
  const rows: TimelineTrial[] = dated.map((t) => ({
    year: Number((t.firstPosted ?? '').slice(0, 4)),
    group:
      stack === 'neuro' ? (t.neurological ? 'Neurological' : 'Other conditions') : sourceName(t.mscSource),
  }));
  const groups =
    stack === 'neuro'
      ? ['Neurological', 'Other conditions']
      : [...new Set(rows.map((r) => r.group))].sort((a, b) =>
          a === 'Not stated' ? 1 : b === 'Not stated' ? -1 : a.localeCompare(b),
        );
  return (
    <div className="stack">
      <div className="plot-controls">
        <span className="muted small">Stack by</span>{' '}
        <fieldset className="segmented ev-fieldset">
          <legend className="ev-sr">Stack timeline by</legend>
          <button
            type="button"
            className={stack === 'neuro' ? 'active' : ''}
            aria-pressed={stack === 'neuro'}
            onClick={() => setStack('neuro')}
          >
            Neurological
          </button>
          <button
            type="button"
            className={stack === 'source' ? 'active' : ''}
            aria-pressed={stack === 'source'}
            onClick={() => setStack('source')}
          >
            MSC source
          </button>
        </fieldset>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No dated trials to plot.</p>
      ) : (
        <EvidenceTimelinePlot
          trials={rows}
          groups={groups}
          label={`Trials by first-posted year, stacked by ${stack === 'neuro' ? 'neurological or not' : 'MSC source'}`}
        />
      )}
    </div>
  );
}
