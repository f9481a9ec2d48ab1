/** Placeholder; the evidence module replaces it with the findings, trials, routes and markers for a batch. */
export function BatchEvidencePanel(_props: { batchId: string }) {
  return null;
}
