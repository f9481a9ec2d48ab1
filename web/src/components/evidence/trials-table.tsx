/** Registered trials, sortable by any column; neurological trials are tagged; a row opens the trial pane. */
import { useMemo, useState } from 'react';
import type { Trial } from '../../api/evidence-client.ts';
import { disorderName, phasesLabel, sourceName, statusName } from './evidence-labels.ts';

type SortKey = 'nctId' | 'title' | 'status' | 'phase' | 'firstPosted' | 'source' | 'country';

const PHASE_RANK: Record<string, number> = {
  NA: 0,
  EARLY_PHASE1: 1,
  PHASE1: 2,
  PHASE2: 3,
  PHASE3: 4,
  PHASE4: 5,
};

function sortValue(t: Trial, key: SortKey): string | number {
  switch (key) {
    case 'nctId':
      return t.nctId;
    case 'title':
      return t.title.toLowerCase();
    case 'status':
      return t.status;
    case 'phase':
      return Math.max(-1, ...t.phases.map((p) => PHASE_RANK[p] ?? -1));
    case 'firstPosted':
      return t.firstPosted ?? '';
    case 'source':
      return sourceName(t.mscSource);
    case 'country':
      return (t.countries ?? t.locations).join(', ');
  }
}

const COLUMNS: [SortKey, string][] = [
  ['nctId', 'NCT id'],
  ['title', 'Title'],
  ['status', 'Status'],
  ['phase', 'Phase'],
  ['firstPosted', 'First posted'],
  ['source', 'MSC source'],
  ['country', 'Country'],
];

export function TrialsTable({
  trials,
  selected,
  onOpen,
}: {
  trials: Trial[];
  selected: string | null;
  onOpen: (nctId: string) => void;
}) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'firstPosted', dir: -1 });
  const rows = useMemo(() => {
    const out = [...trials];
    out.sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      const c = va < vb ? -1 : va > vb ? 1 : a.nctId.localeCompare(b.nctId);
      return c * sort.dir;
    });
    return out;
  }, [trials, sort]);

  return (
    <div className="table-wrap table-scroll">
      <table className="table ev-table" aria-label="Registered trials">
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th
                key={key}
                aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  type="button"
                  className="ev-sort"
                  onClick={() =>
                    setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: 1 }))
                  }
                >
                  {label}
                  {sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr
              key={t.nctId}
              className={`clickable${selected === t.nctId ? ' selected' : ''}`}
              onClick={() => onOpen(t.nctId)}
            >
              <td className="mono nowrap">
                <button type="button" className="ev-sort" onClick={() => onOpen(t.nctId)}>
                  {t.nctId}
                </button>
              </td>
              <td>
                {t.title}
                <div className="small">
                  {t.neurological ? (
                    <span className="ev-tag neuro" title={t.neurologicalRule}>
                      Neurological{t.disorder ? `: ${disorderName(t.disorder)}` : ''}
                    </span>
                  ) : null}{' '}
                  <span className="muted">{t.conditions.join('; ')}</span>
                </div>
              </td>
              <td className="nowrap">{statusName(t.status)}</td>
              <td className="nowrap">{phasesLabel(t.phases)}</td>
              <td className="nowrap">{t.firstPosted ?? '—'}</td>
              <td title={t.mscSourceRule}>{sourceName(t.mscSource)}</td>
              <td>{(t.countries && t.countries.length > 0 ? t.countries : t.locations).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
