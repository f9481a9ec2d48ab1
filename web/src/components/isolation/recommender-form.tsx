/** Placeholder section; its owner (H2) replaces it. */
export function RecommenderForm() {
  return (
    <section className="panel">
      <h2>Recommend a method</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
