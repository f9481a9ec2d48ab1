import type { BatchStatus } from '../../../src/domain/batch.ts';
import { formatInteger } from '../lib/format.ts';
import { STATUS_LABELS } from '../lib/labels.ts';

export function StatusChip({ status, count }: { status: BatchStatus; count?: number }) {
  return (
    <span className={`chip status-${status}`}>
      {STATUS_LABELS[status] ?? status}
      {count !== undefined ? <span className="chip-count">{formatInteger(count)}</span> : null}
    </span>
  );
}

export function MeasurementStatusChip({ status }: { status: 'parsed' | 'unparsed' }) {
  return status === 'parsed' ? (
    <span className="chip parsed">✓ parsed</span>
  ) : (
    <span className="chip unparsed">✗ unparsed</span>
  );
}
