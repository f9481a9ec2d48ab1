/** The PK-study store: which batch was dosed, by which route, at what dose, and the data (placeholder). */
export type PkStudyStore = object;
