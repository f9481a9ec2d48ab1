/** Zoom control for a diameter axis: presets plus a slider, 0 to max nm. */
const PRESETS = [200, 300, 500, 1000];

export function XRangeControl({ value, onChange }: { value: number; onChange: (maxNm: number) => void }) {
  return (
    <fieldset className="x-range" aria-label="Diameter range">
      <span className="control-label">Diameter range</span>
      <span className="segmented">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={p === value ? 'active' : ''}
            aria-pressed={p === value}
            onClick={() => onChange(p)}
          >
            0–{p}
          </button>
        ))}
      </span>
      <input
        type="range"
        min={100}
        max={1000}
        step={50}
        value={value}
        aria-label="Maximum diameter (nm)"
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <span className="mono small">0–{value} nm</span>
    </fieldset>
  );
}
