/** Placeholder section; its owner (H4) replaces it. */
export function NcaPanel() {
  return (
    <section className="panel">
      <h2>Non-compartmental analysis</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
