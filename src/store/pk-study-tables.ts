/** Tables of the PK-study module (migration 0003-pk-studies). Placeholder until the PK-study store lands. */
export type PkStudyTables = Record<never, never>;
