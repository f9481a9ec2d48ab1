/**
 * A text input for a number as the user types it ("1e10", "2.5e11", "" for not given), with the decimal
 * keypad on touch devices; it goes inside a `Field`, which gives the visible label and unit. Unlike the
 * type="number" `NumberField` of the model forms it keeps exponent notation and half-typed text as typed;
 * the caller parses the text.
 */
export function DecimalInput({
  name,
  value,
  onChange,
  placeholder,
  required,
  integer,
}: {
  /** Accessible name (distinct on the page). */
  name: string;
  value: string;
  onChange: (text: string) => void;
  placeholder?: string;
  required?: boolean;
  /** A whole number: the numeric keypad instead of the decimal one. */
  integer?: boolean;
}) {
  return (
    <input
      aria-label={name}
      inputMode={integer ? 'numeric' : 'decimal'}
      value={value}
      placeholder={placeholder}
      required={required}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
