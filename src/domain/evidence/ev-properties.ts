import type { EvProperty } from './evidence-schemas.ts';
import { ref } from './provenance.ts';

/** Table 1 of Li et al. 2025 (Front Cell Dev Biol 13:1626996): MSC-EV properties and their benefit, paraphrased. */
export const EV_PROPERTIES: EvProperty[] = [
  {
    id: 'small-size',
    property: 'Small particle size',
    benefit: 'Wider and more precisely targeted distribution in the body',
    citation: ref('Shi and Esfandiari', 2022),
    reviewLocation: 'Table 1',
  },
  {
    id: 'low-immunogenicity',
    property: 'Low immunogenicity',
    benefit: 'Less risk of immune rejection and its complications',
    citation: ref('Li et al.', 2022),
    reviewLocation: 'Table 1',
  },
  {
    id: 'no-nucleus',
    property: 'No nucleus',
    benefit: 'No risk of tumorigenic transformation of the product itself',
    citation: ref('Dabrowska et al.', 2021),
    reviewLocation: 'Table 1',
  },
  {
    id: 'high-stability',
    property: 'High biological stability',
    benefit: 'Activity is kept under varied environmental conditions',
    citation: ref('Chattopadhyay et al.', 2025),
    reviewLocation: 'Table 1',
  },
  {
    id: 'simpler-preparation',
    property: 'Simpler to prepare than MSCs',
    benefit: 'Easier to scale up, which makes clinical use more practical',
    citation: ref('Johnson et al.', 2021),
    reviewLocation: 'Table 1',
  },
  {
    id: 'long-term-storage',
    property: 'Can be stored long-term',
    benefit: 'Convenient storage and transport as a drug',
    citation: ref('Gholami et al.', 2021),
    reviewLocation: 'Table 1',
  },
  {
    id: 'bioactive-cargo',
    property: 'Rich in bioactive molecules',
    benefit: 'Strong effect on tissue repair and regeneration',
    citation: ref('Zheng et al.', 2024),
    reviewLocation: 'Table 1',
  },
];
