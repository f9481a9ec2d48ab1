/** QC flags of an NTA analysis, most severe first, colour-coded by level. */
import type { QcFlag } from '../../../src/science/nta/nta-report.ts';

const ORDER: Record<QcFlag['level'], number> = { error: 0, warning: 1, info: 2 };
const ICON: Record<QcFlag['level'], string> = { error: '✕', warning: '!', info: 'i' };

export function QcFlags({ flags }: { flags: QcFlag[] }) {
  if (flags.length === 0) {
    return (
      <div className="flags-none" data-testid="qc-flags">
        ✓ No QC flags raised
      </div>
    );
  }
  const sorted = [...flags].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  return (
    <ul className="flags" data-testid="qc-flags">
      {sorted.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same code can repeat for several videos.
        <li key={`${f.code}-${i}`} className={`flag flag-${f.level}`}>
          <span className="flag-icon" aria-hidden="true">
            {ICON[f.level]}
          </span>
          <span className="flag-level">{f.level}</span>
          <code className="flag-code">{f.code}</code>
          <span className="flag-message">{f.message}</span>
        </li>
      ))}
    </ul>
  );
}
