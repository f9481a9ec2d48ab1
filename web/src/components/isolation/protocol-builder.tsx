/** Placeholder section; its owner (H3) replaces it. */
export function ProtocolBuilder() {
  return (
    <section className="panel">
      <h2>Protocol builder</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
