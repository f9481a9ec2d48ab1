/**
 * A measurement's later decisions on the batch page (migration 0004): a "Retracted" badge with the reason,
 * a Retract… control asking for the reason (the raw file and the measurement are kept; the audit trail
 * records who and why), and the dilution factor when the file does not record it.
 */
import { useId, useState } from 'react';
import type { MeasurementSummary } from '../../../src/domain/measurement.ts';
import { ApiError, toApiError } from '../api/client.ts';
import { curationApi } from '../api/curation-client.ts';
import { actorLabel, formatDateTime } from '../lib/format.ts';

export function RetractedBadge({ m }: { m: MeasurementSummary }) {
  if (!m.retraction) return null;
  return (
    <span
      className="badge badge-retracted"
      title={`Retracted by ${actorLabel(m.retraction.by)} on ${formatDateTime(m.retraction.at)}: ${m.retraction.reason}`}
    >
      Retracted
      <span className="sr-only">: {m.retraction.reason}</span>
    </span>
  );
}

export function RetractControl({ m, onChanged }: { m: MeasurementSummary; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  if (m.retraction) return null;
  if (!open)
    return (
      <button type="button" className="button small" onClick={() => setOpen(true)}>
        Retract…
      </button>
    );
  return (
    <form
      className="retract-form"
      aria-label={`Retract measurement ${m.id}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (reason.trim() === '') {
          setError(new ApiError({ status: 0, title: 'Give a reason for the retraction' }));
          return;
        }
        setBusy(true);
        try {
          await curationApi.retractMeasurement(m.id, reason.trim());
          setOpen(false);
          onChanged();
        } catch (err) {
          setError(toApiError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={`${ids}-reason`}>Reason</label>
      <input
        id={`${ids}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-describedby={`${ids}-hint`}
        maxLength={2000}
      />
      <span id={`${ids}-hint`} className="muted small">
        The raw file is kept; the measurement is hidden from overlays and shown with a badge.
      </span>
      <button type="submit" className="button small danger" disabled={busy}>
        Retract
      </button>
      <button type="button" className="button small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? (
        <span className="text-error small" role="alert">
          {error.detail ?? error.title}
        </span>
      ) : null}
    </form>
  );
}

/** The dilution factor of a measurement, editable (empty = not recorded). */
export function DilutionFactorField({
  m,
  onChanged,
  label = 'Dilution factor',
}: {
  m: Pick<MeasurementSummary, 'id' | 'dilutionFactor'>;
  onChanged: () => void;
  /** Accessible name (distinct per row where several fields are listed). */
  label?: string;
}) {
  const [text, setText] = useState(m.dilutionFactor == null ? '' : String(m.dilutionFactor));
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const save = async () => {
    const trimmed = text.trim();
    const value = trimmed === '' ? null : Number(trimmed);
    if (value !== null && !(Number.isFinite(value) && value >= 1)) {
      setError('A number ≥ 1 (1 = undiluted)');
      return;
    }
    if (value === (m.dilutionFactor ?? null)) return;
    try {
      await curationApi.setDilutionFactor(m.id, value);
      setError(null);
      onChanged();
    } catch (err) {
      setError(toApiError(err).detail ?? 'Could not save');
    }
  };
  return (
    <span className="dilution-field">
      <input
        className="input-narrow"
        inputMode="decimal"
        placeholder="not recorded"
        aria-label={label}
        aria-describedby={error ? `${ids}-err` : undefined}
        aria-invalid={error ? true : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
      />
      {error ? (
        <span id={`${ids}-err`} className="text-error small">
          {error}
        </span>
      ) : null}
    </span>
  );
}
