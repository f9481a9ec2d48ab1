/** Notes and warnings of a dose calculation, with their citations. */
import { citationLabel } from '../../../../src/domain/citation.ts';
import type { DosingNote } from '../../../../src/science/pk/dosing/human-equivalent-dose.ts';

export function DoseNotes({ notes, label }: { notes: DosingNote[]; label: string }) {
  if (notes.length === 0) return null;
  const sorted = [...notes].sort((a, b) => Number(b.level === 'warning') - Number(a.level === 'warning'));
  return (
    <ul className="pk-notes" aria-label={label}>
      {sorted.map((n) => (
        <li key={n.code} className={n.level} data-code={n.code}>
          {n.level === 'warning' ? <strong>Warning: </strong> : null}
          {n.message}
          {n.citation ? <span className="pk-cite"> [{citationLabel(n.citation)}]</span> : null}
        </li>
      ))}
    </ul>
  );
}
