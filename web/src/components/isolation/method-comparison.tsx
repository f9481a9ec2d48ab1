/** Placeholder section; its owner (H2) replaces it. */
export function MethodComparison() {
  return (
    <section className="panel">
      <h2>Method comparison</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
