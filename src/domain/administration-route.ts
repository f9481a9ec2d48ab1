/**
 * Administration routes used for MSC-EVs in preclinical and clinical work (Li et al. 2025, Table 4 and
 * section 4.1; Table 5 trials). One vocabulary for the evidence base, PK studies and dosing.
 */
export const ADMINISTRATION_ROUTES = [
  'intravenous',
  'intranasal',
  'subcutaneous',
  'intraperitoneal',
  'intrathecal',
  'intracerebroventricular',
  'intracerebral',
  'intratympanic',
  'intravitreal',
  'inhaled',
  'topical',
  'intra-articular',
  'intramuscular',
  'oral',
  'local-injection',
  'other',
] as const;
export type AdministrationRoute = (typeof ADMINISTRATION_ROUTES)[number];

export const ADMINISTRATION_ROUTE_LABELS: Record<AdministrationRoute, string> = {
  intravenous: 'Intravenous (IV)',
  intranasal: 'Intranasal (IN)',
  subcutaneous: 'Subcutaneous (SC)',
  intraperitoneal: 'Intraperitoneal (IP)',
  intrathecal: 'Intrathecal (IT)',
  intracerebroventricular: 'Intracerebroventricular (ICV)',
  intracerebral: 'Intracerebral / intraparenchymal',
  intratympanic: 'Intratympanic',
  intravitreal: 'Intravitreal / ocular',
  inhaled: 'Inhaled / nebulised',
  topical: 'Topical',
  'intra-articular': 'Intra-articular',
  intramuscular: 'Intramuscular (IM)',
  oral: 'Oral',
  'local-injection': 'Local injection (lesion site)',
  other: 'Other / not stated',
};
