/**
 * Organ names as biodistribution tables write them ("Lungs", "kidneys", "Blood (%ID/g)") mapped to one
 * key per organ, so data from different groups and the reference masses line up.
 */

export const FOCUS_ORGANS = ['liver', 'spleen', 'lung', 'kidney', 'brain'] as const;
export type FocusOrgan = (typeof FOCUS_ORGANS)[number];

const ALIASES: Record<string, string> = {
  blood: 'blood',
  'whole blood': 'blood',
  plasma: 'plasma',
  serum: 'serum',
  liver: 'liver',
  livers: 'liver',
  spleen: 'spleen',
  lung: 'lung',
  lungs: 'lung',
  kidney: 'kidney',
  kidneys: 'kidney',
  brain: 'brain',
  heart: 'heart',
  stomach: 'stomach',
  intestine: 'intestine',
  intestines: 'intestine',
  'small intestine': 'intestine',
  gut: 'intestine',
  'gi tract': 'intestine',
  colon: 'colon',
  'large intestine': 'colon',
  thyroid: 'thyroid',
  'thyroid gland': 'thyroid',
  bone: 'bone',
  femur: 'bone',
  'bone marrow': 'bone-marrow',
  muscle: 'muscle',
  skin: 'skin',
  fat: 'fat',
  adipose: 'fat',
  pancreas: 'pancreas',
  'lymph node': 'lymph-node',
  'lymph nodes': 'lymph-node',
  bladder: 'bladder',
  urine: 'urine',
  tumor: 'tumor',
  tumour: 'tumor',
  'spinal cord': 'spinal-cord',
  'salivary gland': 'salivary-gland',
  'salivary glands': 'salivary-gland',
  carcass: 'carcass',
};

const DISPLAY: Record<string, string> = {
  'bone-marrow': 'Bone marrow',
  'lymph-node': 'Lymph nodes',
  'spinal-cord': 'Spinal cord',
  'salivary-gland': 'Salivary glands',
};

/** The organ key: a known organ's canonical name, otherwise the name lower-cased with single spaces. */
export function organKey(name: string): string {
  const clean = name
    .trim()
    .toLowerCase()
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/[_\s]+/g, ' ')
    .trim();
  return ALIASES[clean] ?? clean;
}

export function organDisplayName(key: string): string {
  return DISPLAY[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** Blood-like compartments, in the order used as the tissue:blood reference. */
export const BLOOD_KEYS = ['blood', 'plasma', 'serum'] as const;

export function isBloodKey(key: string): boolean {
  return (BLOOD_KEYS as readonly string[]).includes(key);
}
