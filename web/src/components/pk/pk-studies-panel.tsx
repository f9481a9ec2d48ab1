/** Placeholder section; its owner (H6) replaces it. */
export function PkStudiesPanel() {
  return (
    <section className="panel">
      <h2>PK studies</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
