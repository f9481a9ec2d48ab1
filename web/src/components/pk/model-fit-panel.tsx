/** Placeholder section; its owner (H5) replaces it. */
export function ModelFitPanel() {
  return (
    <section className="panel">
      <h2>Compartment models</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
