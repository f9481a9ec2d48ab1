/** The evidence store: curated MSC-EV evidence and registered trials (placeholder until it lands). */
export type EvidenceStore = object;
