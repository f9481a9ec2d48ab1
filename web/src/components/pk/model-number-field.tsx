/**
 * A labelled numeric input with an optional unit, used by the compartment-model forms. `name` is the
 * accessible name when the short visible label is ambiguous on the page ("Model fit infusion duration").
 */
export function NumberField({
  label,
  name,
  unit,
  value,
  onChange,
}: {
  label: string;
  name?: string;
  unit?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <span className="field-control">
        <input
          type="number"
          inputMode="decimal"
          step="any"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-label={name ?? label}
        />
        {unit ? <span className="field-unit">{unit}</span> : null}
      </span>
    </label>
  );
}
