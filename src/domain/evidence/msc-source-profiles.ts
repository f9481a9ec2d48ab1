import type { MscSourceProfile } from './evidence-schemas.ts';
import { ref, review } from './provenance.ts';

/** References the review gives for Table 6 as a whole (section 6, closing paragraph). */
const TABLE_6_REFERENCES = [
  ref('Li Y. et al.', 2024),
  ref('Rather et al.', 2023),
  ref('Santilli et al.', 2024),
  ref('Mushahary et al.', 2018),
];

/**
 * Table 6 of Li et al. 2025 (Front Cell Dev Biol 13:1626996): advantages, therapeutic mechanisms and the
 * surface markers each MSC source is characterised by. Markers are kept exactly as listed, including the
 * ones the table gives as both positive and negative (flagged in `conflictingMarkers`, not resolved).
 * Advantages are paraphrased. iPSC-derived MSCs are not in Table 6; they appear only as the source of one
 * registered trial (Table 5, NCT05738629), so their profile is empty apart from that provenance.
 */
export const MSC_SOURCE_PROFILES: MscSourceProfile[] = [
  {
    slug: 'umbilical-cord',
    name: "Umbilical cord / Wharton's jelly",
    tissues: ['umbilical-cord', 'wharton-jelly'],
    coverage: 'table-6',
    advantages: [
      'Collected without an invasive procedure',
      'No ethical or legal restrictions on collection',
      'Cells make and secrete many trophic factors and cytokines',
    ],
    mechanisms: {
      pathways: ['Nrf2', 'CD4+/Foxp3 Tregs', 'NF-κB', 'p38 MAPK'],
      mirnas: ['miR-1228-5p'],
      asListed: 'Nrf2/ CD4+/Foxp3 Tregs/ miR-1228-5p/ NF-κB/ p38 MAPK',
      summary:
        'Antioxidant defence through Nrf2, expansion of regulatory T cells (Lag-3 on CD4+Foxp3+ Tregs), and damping of microglial and NF-κB/p38 MAPK-driven neuroinflammation.',
    },
    positiveMarkers: [
      'CK8',
      'CK18',
      'CK19',
      'CD10',
      'CD13',
      'CD29',
      'CD44',
      'CD73',
      'CD90',
      'CD105',
      'CD106',
      'HLA-I',
      'HLA-II',
    ],
    negativeMarkers: ['CD14', 'CD31', 'CD33', 'CD34', 'CD45', 'CD38', 'CD79', 'CD133', 'vWF', 'HLA-DR'],
    conflictingMarkers: [
      {
        marker: 'HLA-II',
        kind: 'class-overlap',
        note: 'Table 6 lists HLA class II as positive but HLA-DR, a class II antigen, as negative; confirm with your own flow panel.',
      },
    ],
    citations: [
      review('Table 6'),
      ...TABLE_6_REFERENCES,
      ref('Patel et al.', 2024),
      ref('Drobiova et al.', 2023),
    ],
    reviewLocation: 'Table 6',
  },
  {
    slug: 'bone-marrow',
    name: 'Bone marrow',
    tissues: ['bone-marrow'],
    coverage: 'table-6',
    advantages: [
      'The parent cells can take part in tissue repair directly by differentiating into several cell types',
    ],
    mechanisms: {
      pathways: ['NLRP3', 'TXNIP'],
      mirnas: ['miR-497-5p'],
      asListed: 'NLRP3/ miR-497-5p/ TXNIP/ NLRP3',
      summary:
        'Suppression of the NLRP3 inflammasome through the miR-497-5p/TXNIP axis after spinal cord injury.',
    },
    positiveMarkers: [
      'SH2',
      'SH3',
      'CD29',
      'CD44',
      'CD49e',
      'CD71',
      'CD73',
      'CD90',
      'CD105',
      'CD106',
      'CD166',
      'CD120a',
      'CD124',
    ],
    negativeMarkers: ['CD34', 'CD45', 'CD19', 'CD3', 'CD31', 'CD11b', 'HLA-DR'],
    conflictingMarkers: [],
    citations: [review('Table 6'), ...TABLE_6_REFERENCES],
    reviewLocation: 'Table 6',
  },
  {
    slug: 'adipose',
    name: 'Adipose tissue',
    tissues: ['adipose'],
    coverage: 'table-6',
    advantages: [
      'Adipose tissue is plentiful and easy to obtain',
      'Cells proliferate well',
      'Strong self-renewal',
    ],
    mechanisms: {
      pathways: ['GPX4', 'TLR4', 'MAPK', 'NF-κB'],
      mirnas: ['miR-4731-5p', 'miR-138-5p'],
      asListed: 'miR-4731-5p/ miR-138-5p/ GPX4/ TLR4/ MAPK/ NF-κB',
      summary:
        'miRNA cargo (miR-4731-5p against glioblastoma; miR-138-5p), GPX4-linked protection, and dampening of TLR4/MAPK/NF-κB inflammatory signalling in microglia.',
    },
    positiveMarkers: ['CD13', 'CD29', 'CD44', 'CD73', 'CD90', 'CD105', 'CD166', 'HLA-I', 'HLA-ABC'],
    negativeMarkers: [
      'CD10',
      'CD14',
      'CD24',
      'CD31',
      'CD34',
      'CD36',
      'CD38',
      'CD45',
      'CD49d',
      'CD117',
      'CD133',
      'SSEA4',
      'CD106',
      'HLA-II',
      'HLA-DR',
    ],
    conflictingMarkers: [],
    citations: [review('Table 6'), ...TABLE_6_REFERENCES, ref('Tham et al.', 2014)],
    reviewLocation: 'Table 6',
  },
  {
    slug: 'placenta',
    name: 'Placenta',
    tissues: ['placenta'],
    coverage: 'table-6',
    advantages: [
      'Obtained from human amniotic membrane, of ectodermal origin in development',
      'Low immunogenicity',
      'Anti-inflammatory',
    ],
    mechanisms: {
      pathways: ['MEK/ERK/CREB'],
      mirnas: [],
      asListed: 'MEK/ERK/CREB',
      summary:
        'MEK/ERK/CREB signalling; cargo of growth factors (FGF-2, PDGF, HGF), TIMP-1/-2 and sICAM-1 supports proliferation and limits catabolism and inflammation.',
    },
    positiveMarkers: ['CD29', 'CD44', 'CD73', 'CD90', 'CD105'],
    negativeMarkers: ['CD45', 'CD34', 'HLA-DR'],
    conflictingMarkers: [],
    citations: [review('Table 6'), ...TABLE_6_REFERENCES, ref('Wang et al.', 2025)],
    reviewLocation: 'Table 6',
  },
  {
    slug: 'dental-pulp',
    name: 'Dental pulp',
    tissues: ['dental-pulp'],
    coverage: 'table-6',
    advantages: [
      'Neural-crest origin: the cells come from ectoderm, the same germ layer as mature neurons',
      'Collected with little invasion from wisdom or deciduous teeth',
      'Immunomodulatory',
    ],
    mechanisms: {
      pathways: ['FOXO3', 'P53'],
      mirnas: ['miR-197-3p', 'miR-122-5p'],
      asListed: 'miRNA-197-3p/ FOXO3/ miR-122-5p/ P53',
      summary:
        'miRNA cargo acting on FOXO3 and p53 signalling; anti-apoptotic (Bcl-2/Bax) and pro-regenerative effects on Schwann cells and neurons.',
    },
    positiveMarkers: [
      'CD29',
      'CD44',
      'CD90',
      'CD105',
      'SH2',
      'SH3',
      'HLA-DR',
      'CD117',
      'CD146',
      'DPSC-EZ',
      'DPSC-OG',
    ],
    negativeMarkers: ['CD10', 'CD14', 'CD34', 'CD45', 'HLA-DR', 'Stro-1', 'NGFR'],
    conflictingMarkers: [
      {
        marker: 'HLA-DR',
        kind: 'same-marker',
        note: 'Table 6 lists HLA-DR under both positive and negative markers for dental pulp; the review does not resolve it.',
      },
    ],
    citations: [review('Table 6'), ...TABLE_6_REFERENCES, ref('Vu et al.', 2022), ref('Ahmad et al.', 2025)],
    reviewLocation: 'Table 6',
  },
  {
    slug: 'ipsc',
    name: 'iPSC-derived MSCs',
    tissues: ['ipsc'],
    coverage: 'trials-only',
    advantages: [],
    mechanisms: { pathways: [], mirnas: [], asListed: '', summary: '' },
    positiveMarkers: [],
    negativeMarkers: [],
    conflictingMarkers: [],
    citations: [review('Table 5')],
    reviewLocation: 'Table 5',
  },
];
