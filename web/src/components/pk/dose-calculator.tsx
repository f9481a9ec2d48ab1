/** Placeholder section; its owner (H6) replaces it. */
export function DoseCalculator() {
  return (
    <section className="panel">
      <h2>Dose calculator</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
