import { useDocumentTitle } from '../lib/use-document-title.ts';

/** Placeholder; the evidence module replaces it. */
export function EvidencePage() {
  useDocumentTitle('Evidence');
  return (
    <section className="panel">
      <h1>Evidence</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
