/** A labelled form control with its unit and the server's message for that field path. */
import type { ReactNode } from 'react';

export function Field({
  label,
  unit,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  unit?: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed as children.
    <label className={`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      <span className="field-control">
        {children}
        {unit ? <span className="field-unit">{unit}</span> : null}
      </span>
      {error ? (
        <span className="field-error">{error}</span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </label>
  );
}
