/** The sample matrices EVs are isolated from (recommender input; catalogue ranges may name the ones they were measured in). */
export const SAMPLE_MATRICES = [
  'conditioned-medium',
  'plasma',
  'serum',
  'urine',
  'csf',
  'tears',
  'saliva',
  'milk',
] as const;
export type SampleMatrix = (typeof SAMPLE_MATRICES)[number];

export const SAMPLE_MATRIX_LABELS: Record<SampleMatrix, string> = {
  'conditioned-medium': 'MSC conditioned medium',
  plasma: 'plasma',
  serum: 'serum',
  urine: 'urine',
  csf: 'cerebrospinal fluid',
  tears: 'tears',
  saliva: 'saliva',
  milk: 'milk',
};

/** Protein- and lipoprotein-rich blood-like fluids (plasma lipoproteins outnumber EVs; Karimi et al. 2018). */
export const BLOOD_LIKE_MATRICES: readonly SampleMatrix[] = ['plasma', 'serum', 'milk'];
