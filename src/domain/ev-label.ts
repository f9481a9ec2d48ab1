/**
 * Labelling and imaging modalities for tracking EVs in vivo (Li et al. 2025, section 4.2). One vocabulary
 * for biodistribution studies and the evidence base.
 */
export const LABEL_MODALITIES = [
  'lipophilic-dye',
  'radioisotope',
  'bioluminescence',
  'mri',
  'ct',
  'fluorescent-protein',
] as const;
export type LabelModality = (typeof LABEL_MODALITIES)[number];

/** Specific labels a biodistribution dataset names, each in one modality. */
export const EV_LABELS = {
  DiR: 'lipophilic-dye',
  DiD: 'lipophilic-dye',
  DiI: 'lipophilic-dye',
  PKH26: 'lipophilic-dye',
  PKH67: 'lipophilic-dye',
  '99mTc': 'radioisotope',
  '111In': 'radioisotope',
  '125I': 'radioisotope',
  '89Zr': 'radioisotope',
  '64Cu': 'radioisotope',
  '124I': 'radioisotope',
  '131I': 'radioisotope',
  'luciferase-BLI': 'bioluminescence',
  'Gd-MRI': 'mri',
  'USPIO-MRI': 'mri',
  'gold-CT': 'ct',
  'GFP/RFP': 'fluorescent-protein',
} as const satisfies Record<string, LabelModality>;
export type EvLabel = keyof typeof EV_LABELS;
