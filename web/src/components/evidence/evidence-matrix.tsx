/** The source × disorder heatmap; clicking a cell lists that cell's findings with citations. */
import { useMemo, useState } from 'react';
import { evidenceApi } from '../../api/evidence-client.ts';
import { useApi } from '../../api/use-api.ts';
import { EvidenceMatrixPlot, type MatrixPlotCell } from '../../plots/evidence-matrix-plot.tsx';
import { ApiView, Empty } from '../states.tsx';
import { disorderName, sourceName } from './evidence-labels.ts';
import { FindingList } from './finding-list.tsx';

export function EvidenceMatrixPanel({
  onOpenTrials,
}: {
  onOpenTrials: (source: string, disorder: string) => void;
}) {
  const state = useApi((signal) => evidenceApi.matrix(signal), []);
  const [selected, setSelected] = useState<{ source: string; disorder: string } | null>(null);
  return (
    <ApiView
      state={state}
      what="evidence matrix"
      isEmpty={(m) => m.cells.every((c) => c.findings === 0 && c.trials === 0)}
      empty={<Empty title="No findings or trials yet" />}
    >
      {(m) => (
        <MatrixBody matrix={m} selected={selected} onSelect={setSelected} onOpenTrials={onOpenTrials} />
      )}
    </ApiView>
  );
}

function MatrixBody({
  matrix,
  selected,
  onSelect,
  onOpenTrials,
}: {
  matrix: {
    sources: string[];
    disorders: string[];
    cells: { source: string; disorder: string; findings: number; trials: number }[];
  };
  selected: { source: string; disorder: string } | null;
  onSelect: (s: { source: string; disorder: string } | null) => void;
  onOpenTrials: (source: string, disorder: string) => void;
}) {
  const { cells, sources, disorders } = useMemo(() => {
    const used = (key: 'source' | 'disorder', value: string) =>
      matrix.cells.some((c) => c[key] === value && c.findings + c.trials > 0);
    const srcs = matrix.sources.filter((s) => used('source', s));
    const dis = matrix.disorders.filter((d) => used('disorder', d));
    const plotCells: MatrixPlotCell[] = matrix.cells
      .filter((c) => srcs.includes(c.source) && dis.includes(c.disorder))
      .map((c) => ({ ...c, sourceLabel: sourceName(c.source), disorderLabel: disorderName(c.disorder) }));
    return { cells: plotCells, sources: srcs.map(sourceName), disorders: dis.map(disorderName) };
  }, [matrix]);
  const findings = useApi(
    (signal) =>
      selected
        ? evidenceApi.listFindings(
            { source: selected.source, disorder: selected.disorder, limit: 200 },
            signal,
          )
        : Promise.resolve(null),
    [selected?.source, selected?.disorder],
  );
  const cell = selected
    ? cells.find((c) => c.source === selected.source && c.disorder === selected.disorder)
    : undefined;
  return (
    <div className="stack">
      <p className="muted small">
        Colour: findings reported in the review (section 6). Label <span className="mono">n·mT</span>: n
        findings, m registered trials. Select a cell to list its findings.
      </p>
      <EvidenceMatrixPlot
        cells={cells}
        sources={sources}
        disorders={disorders}
        selected={selected}
        onSelect={(c) => onSelect({ source: c.source, disorder: c.disorder })}
      />
      {selected && cell ? (
        <section aria-label="Selected cell" className="stack">
          <div className="panel-head">
            <h3 style={{ margin: 0 }}>
              {cell.sourceLabel} × {cell.disorderLabel}
            </h3>
            <div className="nowrap">
              {cell.trials > 0 ? (
                <button
                  type="button"
                  className="button small"
                  onClick={() => onOpenTrials(cell.source, cell.disorder)}
                >
                  Show {cell.trials} trial{cell.trials === 1 ? '' : 's'}
                </button>
              ) : null}{' '}
              <button type="button" className="button small" onClick={() => onSelect(null)}>
                Clear
              </button>
            </div>
          </div>
          <ApiView
            state={findings}
            what="findings"
            isEmpty={(p) => (p?.items.length ?? 0) === 0}
            empty={<Empty title="No findings in the review for this pair" />}
          >
            {(p) => (
              <FindingList
                findings={p?.items ?? []}
                label={`Findings for ${cell.sourceLabel} × ${cell.disorderLabel}`}
              />
            )}
          </ApiView>
        </section>
      ) : null}
    </div>
  );
}
