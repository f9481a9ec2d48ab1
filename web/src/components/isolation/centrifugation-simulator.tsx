/** Placeholder section; its owner (H1) replaces it. */
export function CentrifugationSimulator() {
  return (
    <section className="panel">
      <h2>Centrifugation simulator</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
