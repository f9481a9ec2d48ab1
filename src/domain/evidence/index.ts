/**
 * The curated evidence base of evlab, built from Li et al. 2025 (Front Cell Dev Biol 13:1626996): schemas,
 * data sets and typed accessors. Pure (no I/O); the store seeds from it, the API serves it, the web and
 * the isolation/PK modules read it directly.
 */
export * from './accessors.ts';
export { ADMINISTRATION_ROUTE_PROFILES } from './administration-route-profiles.ts';
export { CHARACTERIZATION_TECHNIQUES, EV_PROTEIN_MARKERS } from './characterization-techniques.ts';
export { CLEARANCE_MECHANISMS, SAFETY_NOTES } from './clearance-and-safety.ts';
export * from './ctgov-vocabulary.ts';
export { EV_PROPERTIES } from './ev-properties.ts';
export * from './evidence-schemas.ts';
export { ISOLATION_TECHNIQUE_SUMMARIES } from './isolation-technique-summaries.ts';
export { LABEL_MODALITY_PROFILES } from './label-modality-profiles.ts';
export { MSC_SOURCE_PROFILES } from './msc-source-profiles.ts';
export { NEURO_FINDINGS } from './neuro-findings.ts';
export { EVIDENCE_DATA_VERSION, ref, review, TABLE_5_SEARCH_DATE } from './provenance.ts';
export { REGISTERED_TRIALS } from './registered-trials.ts';
