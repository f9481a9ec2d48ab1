/**
 * The spillover matrix of the file ($SPILLOVER / SPILL / $COMP), shown as an editable table: row = dye,
 * column = detector (FCS 3.1 §3.3.52). Every valid edit hands the new matrix up, and the view re-compensates
 * (c = d · S⁻¹, science/flow/compensation.ts). Non-numeric cells are marked and not applied.
 */
import { useState } from 'react';

export interface EditableSpillover {
  parameters: string[];
  matrix: number[][];
}

export function CompensationEditor({
  initial,
  enabled,
  onEnabled,
  onChange,
}: {
  initial: EditableSpillover;
  enabled: boolean;
  onEnabled: (on: boolean) => void;
  onChange: (s: EditableSpillover) => void;
}) {
  const [cells, setCells] = useState(() => initial.matrix.map((r) => r.map((v) => String(v))));
  const edit = (i: number, j: number, text: string) => {
    const next = cells.map((r) => [...r]);
    (next[i] as string[])[j] = text;
    setCells(next);
    const matrix = next.map((r) => r.map(Number));
    if (matrix.every((r) => r.every(Number.isFinite))) onChange({ parameters: initial.parameters, matrix });
  };
  return (
    <details open>
      <summary>Compensation (spillover matrix from the file, editable)</summary>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => onEnabled(e.target.checked)} /> compensate
        the plotted channels
      </label>
      <table className="table" aria-label="Spillover matrix">
        <thead>
          <tr>
            <th>dye \ detector</th>
            {initial.parameters.map((p) => (
              <th key={p}>{p}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {initial.parameters.map((p, i) => (
            <tr key={p}>
              <th scope="row">{p}</th>
              {initial.parameters.map((q, j) => {
                const text = cells[i]?.[j] ?? '';
                const bad = !Number.isFinite(Number(text)) || text.trim() === '';
                return (
                  <td key={q}>
                    <input
                      value={text}
                      size={6}
                      aria-label={`spillover of ${p} into ${q}`}
                      aria-invalid={bad}
                      style={bad ? { outline: '2px solid #d62728' } : undefined}
                      onChange={(e) => edit(i, j, e.target.value)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
