/**
 * MSC source as the evidence base classifies it (issue 5 CLI contract slugs). Wharton's jelly is kept
 * apart from whole umbilical cord because trials and papers name it separately, and umbilical cord blood is
 * its own source (a blood compartment, not cord tissue: src/domain/msc-source.ts).
 */
export const EVIDENCE_SOURCES = [
  'umbilical-cord',
  'umbilical-cord-blood',
  'wharton-jelly',
  'bone-marrow',
  'adipose',
  'placenta',
  'dental-pulp',
  'ipsc',
  'other',
  'not-stated',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  'umbilical-cord': 'Umbilical cord',
  'umbilical-cord-blood': 'Umbilical cord blood',
  'wharton-jelly': "Wharton's jelly",
  'bone-marrow': 'Bone marrow',
  adipose: 'Adipose',
  placenta: 'Placenta',
  'dental-pulp': 'Dental pulp',
  ipsc: 'iPSC-derived MSC',
  other: 'Other',
  'not-stated': 'Not stated',
};
