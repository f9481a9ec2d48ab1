/** Placeholder section; its owner (H6) replaces it. */
export function BiodistributionPanel() {
  return (
    <section className="panel">
      <h2>Biodistribution</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
