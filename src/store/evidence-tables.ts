/** Tables of the evidence module (migration 0002-evidence). Placeholder until the evidence store lands. */
export type EvidenceTables = Record<never, never>;
