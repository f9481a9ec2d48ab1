import type { CriterionInput } from './specification.ts';

/**
 * Template release specification for an MSC-EV product, to copy and adapt: identity, size, concentration,
 * purity, safety and potency. Limits are examples a QA unit sets per product; the references say where the
 * test and the kind of limit come from.
 *
 * - Identity: EV markers of MISEV2018 categories 1–2 present, cellular contaminants (category 4) absent
 *   (Théry et al. 2018, J Extracell Vesicles 7:1535750, Table 3); MSC surface markers CD73/CD90/CD105
 *   (Dominici et al. 2006, Cytotherapy 8:315; ISCT–ISEV, Witwer et al. 2019, J Extracell Vesicles 8:1609206).
 * - Size: ≥ 90 % of particles 50–400 nm and a mode range (Gimona et al. 2021, Cytotherapy 23:373, release
 *   criteria of MSC-EV products).
 * - Concentration ± 20 % of the label claim (Gimona et al. 2021).
 * - Purity as particles per µg protein: ≥ 3×10¹⁰ is the "high purity" class of Webber & Clayton 2013,
 *   J Extracell Vesicles 2:19861.
 * - Safety: sterility Ph. Eur. 2.6.1 / 2.6.27, mycoplasma Ph. Eur. 2.6.7, bacterial endotoxins Ph. Eur. 2.6.14
 *   (limit K/M, K = 5 EU/kg per Ph. Eur. 5.1.10; 0.5 EU/mL is an example product limit).
 * - Potency: a product-specific assay relative to a reference standard (ISCT–ISEV, Witwer et al. 2019).
 */
export const MSC_EV_SPECIFICATION_TEMPLATE: readonly CriterionInput[] = [
  ...['CD9', 'CD63', 'CD81'].map(
    (m): CriterionInput => ({
      id: `identity-${m.toLowerCase()}`,
      category: 'identity',
      name: `${m} (tetraspanin, MISEV category 1)`,
      metric: `marker.${m}`,
      operator: 'present',
      method: 'Western blot or bead-based flow cytometry',
      reference: 'MISEV2018 (Théry et al. 2018) Table 3, category 1',
    }),
  ),
  {
    id: 'identity-tsg101',
    category: 'identity',
    name: 'TSG101 (cytosolic, MISEV category 2)',
    metric: 'marker.TSG101',
    operator: 'present',
    method: 'Western blot',
    reference: 'MISEV2018 Table 3, category 2',
  },
  ...['CD73', 'CD90', 'CD105'].map(
    (m): CriterionInput => ({
      id: `identity-${m.toLowerCase()}`,
      category: 'identity',
      name: `${m} (MSC marker)`,
      metric: `marker.${m}`,
      operator: 'present',
      method: 'Bead-based flow cytometry',
      reference: 'Dominici et al. 2006; Witwer et al. 2019',
    }),
  ),
  ...[
    ['CALNEXIN', 'calnexin (endoplasmic reticulum)'],
    ['GM130', 'GM130 (Golgi)'],
  ].map(
    ([m, label]): CriterionInput => ({
      id: `identity-${(m as string).toLowerCase()}-absent`,
      category: 'identity',
      name: `${label} absent (MISEV category 4)`,
      metric: `marker.${m}`,
      operator: 'absent',
      method: 'Western blot',
      reference: 'MISEV2018 Table 3, category 4',
    }),
  ),
  {
    id: 'size-50-400',
    category: 'size',
    name: 'Particles 50–400 nm',
    metric: 'nta.percentIn50To400Nm',
    operator: '>=',
    limit: 90,
    unit: '%',
    method: 'NTA (NanoSight), number-weighted',
    reference: 'Gimona et al. 2021, Cytotherapy 23:373',
  },
  {
    id: 'size-mode',
    category: 'size',
    name: 'Mode diameter',
    metric: 'nta.modeNm',
    operator: 'range',
    low: 70,
    high: 150,
    unit: 'nm',
    method: 'NTA (NanoSight)',
    reference: 'Gimona et al. 2021; product development data',
  },
  {
    id: 'concentration-label',
    category: 'concentration',
    name: 'Particle concentration',
    metric: 'nta.concentrationPerMl',
    operator: 'pct-of-label',
    labelValue: 1e11,
    tolerancePct: 20,
    unit: 'particles/mL',
    method: 'NTA (NanoSight)',
    reference: 'Gimona et al. 2021',
  },
  {
    id: 'purity-particles-per-ug',
    category: 'purity',
    name: 'Particles per µg protein',
    metric: 'purity.particlesPerUg',
    operator: '>=',
    limit: 3e10,
    unit: 'particles/µg',
    method: 'NTA ÷ micro-BCA',
    reference: 'Webber & Clayton 2013, J Extracell Vesicles 2:19861',
  },
  {
    id: 'safety-sterility',
    category: 'safety',
    name: 'Sterility (no microbial growth)',
    metric: 'safety.sterilityGrowth',
    operator: 'absent',
    method: 'Ph. Eur. 2.6.1 / 2.6.27',
    reference: 'Ph. Eur. 2.6.1',
  },
  {
    id: 'safety-mycoplasma',
    category: 'safety',
    name: 'Mycoplasma',
    metric: 'safety.mycoplasma',
    operator: 'absent',
    method: 'Ph. Eur. 2.6.7 (NAT)',
    reference: 'Ph. Eur. 2.6.7',
  },
  {
    id: 'safety-endotoxin',
    category: 'safety',
    name: 'Bacterial endotoxins',
    metric: 'safety.endotoxinEuPerMl',
    operator: '<',
    limit: 0.5,
    unit: 'EU/mL',
    method: 'LAL kinetic chromogenic, Ph. Eur. 2.6.14',
    reference: 'Ph. Eur. 2.6.14; limit K/M with K = 5 EU/kg (Ph. Eur. 5.1.10)',
  },
  {
    id: 'potency',
    category: 'potency',
    name: 'Potency relative to reference standard',
    metric: 'potency.activityPctOfReference',
    operator: 'range',
    low: 70,
    high: 130,
    unit: '%',
    method: 'Product-specific bioassay (e.g. T-cell proliferation inhibition)',
    reference: 'Witwer et al. 2019, J Extracell Vesicles 8:1609206',
  },
];
