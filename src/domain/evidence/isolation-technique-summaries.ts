import type { IsolationTechniqueSummary } from './evidence-schemas.ts';
import { ref, review } from './provenance.ts';

/**
 * Table 2 of Li et al. 2025 (Front Cell Dev Biol 13:1626996): advantages and limitations of the nine
 * isolation method families (paraphrased), with the specific facts and figures of the matching subsection
 * of section 2 and the references it gives. Table 2's "Ultrafiltration" row maps to 'ultrafiltration'
 * (section 2.2 groups tangential flow filtration under it); "EXODUS" maps to 'acoustic-oscillation'.
 */
export const ISOLATION_TECHNIQUE_SUMMARIES: IsolationTechniqueSummary[] = [
  {
    method: 'differential-ultracentrifugation',
    name: 'Differential ultracentrifugation',
    advantages: [
      'Gold standard for EV isolation',
      'Relatively high purity',
      'Common, basic laboratory method',
    ],
    limitations: [
      'Needs an expensive ultracentrifuge',
      'Repeated spins can damage EVs or lose them, so the number of spins must be limited',
    ],
    facts: [
      {
        text: 'Increasing-force steps remove cells and debris first; the final ultracentrifugation at ≥100,000 × g pellets EVs, optionally repeated for purity.',
        citation: ref('Aliakbari et al.', 2024),
      },
    ],
    citation: review('Table 2'),
    references: [ref('Aliakbari et al.', 2024), ref('Tiszbein et al.', 2025)],
    reviewLocation: 'Table 2',
    section: 'section 2.1.1',
  },
  {
    method: 'density-gradient-ultracentrifugation',
    name: 'Density gradient centrifugation',
    advantages: ['High resolution', 'Better purity', 'Fewer ultracentrifugations, so vesicles stay intact'],
    limitations: [
      'Complex; extra washing to remove gradient medium lowers yield',
      'Demanding and time-consuming for the operator',
      'Purity is poorer for blood samples: lipoproteins and chylomicrons are not removed well',
    ],
    facts: [
      {
        text: 'EVs settle at their buoyant density in continuous or step gradients of sucrose, iodixanol or caesium chloride.',
        citation: review('section 2.1.2'),
      },
      {
        text: 'Lipoproteins and chylomicrons from blood are not effectively removed.',
        citation: ref('Wang C. C. et al.', 2024),
      },
    ],
    citation: review('Table 2'),
    references: [
      ref('Auquière et al.', 2025),
      ref('Chen et al.', 2019),
      ref("D'Acunzo et al.", 2022),
      ref('Langevin et al.', 2019),
      ref('Wang C. C. et al.', 2024),
    ],
    reviewLocation: 'Table 2',
    section: 'section 2.1.2',
  },
  {
    method: 'ultrafiltration',
    name: 'Ultrafiltration',
    advantages: [
      'Relatively simple steps',
      'Short processing time',
      'Little effect on EV contents: no precipitants, solvents or chelators are added',
    ],
    limitations: [
      'EVs stick to the membrane, lowering yield',
      'Pressure and shear can deform EVs',
      'Membranes can tear or clog',
    ],
    facts: [
      {
        text: 'Sequential, centrifugal and tangential-flow formats exist; each retains or passes particles according to a membrane size or molecular-weight cut-off.',
        citation: ref('Busatto et al.', 2018),
      },
      {
        text: 'Controlling the pressure keeps damage to EV morphology to a minimum.',
        citation: ref('Yang et al.', 2020),
      },
    ],
    citation: review('Table 2'),
    references: [
      ref('Lai et al.', 2022),
      ref('Busatto et al.', 2018),
      ref('Xu et al.', 2015),
      ref('Yang et al.', 2020),
    ],
    reviewLocation: 'Table 2',
    section: 'section 2.2',
  },
  {
    method: 'anion-exchange-chromatography',
    name: 'Anion exchange chromatography (AEC)',
    advantages: ['High purity', 'Concentrates the sample, so it combines well with other steps'],
    limitations: ['Used together with other methods rather than alone'],
    facts: [
      {
        text: 'Binds the negatively charged EV surface to a charged column packing; equilibrate, load, elute and collect.',
        citation: ref('Wang S. et al.', 2024),
      },
      {
        text: 'AEC followed by SEC gives purer EVs than SEC alone.',
        citation: ref('Wang H. et al.', 2023),
      },
      {
        text: 'Ultrafiltration then AEC gave large amounts of high-purity EVs with bioactivity kept.',
        citation: ref('Seo et al.', 2022),
      },
      {
        text: 'Tangential flow filtration combined with AEC improved purity.',
        citation: ref('Pirolli et al.', 2023),
      },
    ],
    citation: review('Table 2'),
    references: [
      ref('Wang S. et al.', 2024),
      ref('Saari et al.', 2023),
      ref('Wang H. et al.', 2023),
      ref('Seo et al.', 2022),
      ref('Pirolli et al.', 2023),
    ],
    reviewLocation: 'Table 2',
    section: 'section 2.3',
  },
  {
    method: 'size-exclusion-chromatography',
    name: 'Size exclusion chromatography (SEC)',
    advantages: [
      'Simple to run',
      'Reproducible',
      'Handles large sample numbers and volumes',
      'EVs of fairly uniform size',
    ],
    limitations: ['Low purity: particles of similar size co-elute (e.g. serum proteins)'],
    facts: [
      {
        text: 'Commercial qEV columns (iZON) process 150 µL to 10 mL of starting sample in about 15 min.',
        citation: ref('Reseco et al.', 2024),
      },
      {
        text: 'SEC-isolated EVs promoted endothelial migration more than ultracentrifuged EVs, but not once normalised per particle.',
        citation: ref('Takov et al.', 2018),
      },
      {
        text: 'High yield; suitable for large-sample studies despite serum-protein contamination.',
        citation: ref('An et al.', 2018),
      },
    ],
    citation: review('Table 2'),
    references: [ref('Al-Madhagi', 2024), ref('Reseco et al.', 2024)],
    reviewLocation: 'Table 2',
    section: 'section 2.4',
  },
  {
    method: 'polymer-precipitation',
    name: 'Polymer precipitation',
    advantages: ['Less damage to EVs (no ultracentrifugation)', 'Quick', 'High yield with commercial kits'],
    limitations: [
      'Low purity: proteins, nucleic acids and lipids co-precipitate',
      'Low recovery; residual PEG is hard to remove',
      'Not recommended for clinical use',
    ],
    facts: [
      {
        text: 'Commercial kits: ExoQuick (System Biosciences), ExoPrep (HansaBioMed), Total Exosome Isolation (Invitrogen); PEG lowers EV solubility so they pellet at low speed.',
        citation: ref('Staubach et al.', 2021),
      },
      {
        text: 'PEG pellets contain non-EV proteins, immunoglobulins, viral particles and immune complexes, so the method is mostly an auxiliary step.',
        citation: ref('Welsh et al.', 2024),
      },
    ],
    citation: review('Table 2'),
    references: [
      ref('Staubach et al.', 2021),
      ref('Xu et al.', 2022),
      ref('Welsh et al.', 2024),
      ref('Sidhom et al.', 2020),
    ],
    reviewLocation: 'Table 2',
    section: 'section 2.5',
  },
  {
    method: 'immunomagnetic-beads',
    name: 'Immunomagnetic beads',
    advantages: ['Relatively simple operation', 'High specificity and purity'],
    limitations: [
      'Costly antibodies and beads',
      'Non-specific binding',
      'Antibodies must match the marker profile of the EV source',
    ],
    facts: [
      {
        text: 'Beads carrying antibodies to CD9, CD63 or CD81 capture EVs, which are pulled out with a magnet.',
        citation: ref('Cheng et al.', 2025),
      },
    ],
    citation: review('Table 2'),
    references: [ref('Lima Moura et al.', 2020), ref('Cheng et al.', 2025), ref('Lane et al.', 2017)],
    reviewLocation: 'Table 2',
    section: 'section 2.6',
  },
  {
    method: 'microfluidics',
    name: 'Microfluidics',
    advantages: ['Fast separation', 'High throughput', 'Small sample volumes'],
    limitations: ['Needs specialist knowledge and dedicated equipment; not yet common in standard labs'],
    facts: [
      {
        text: 'A two-chamber filter device (600 nm and 20 nm pores) enriched EVs quickly with low force (<500 g).',
        citation: ref('Woo et al.', 2017),
      },
      {
        text: 'An anti-CD63 chip separated EVs from culture supernatant and stage I–II gastric cancer sera.',
        citation: ref('Yu et al.', 2021),
      },
    ],
    citation: review('Table 2'),
    references: [
      ref('Lan et al.', 2025),
      ref('Woo et al.', 2017),
      ref('Hassanpour Tamrin et al.', 2021),
      ref('Suwatthanarak et al.', 2021),
      ref('Yu et al.', 2021),
      ref('Wu et al.', 2023),
    ],
    reviewLocation: 'Table 2',
    section: 'section 2.7',
  },
  {
    method: 'acoustic-oscillation',
    name: 'EXODUS (ultrafast isolation system)',
    advantages: ['Efficient isolation', 'Automated, so results are more reproducible'],
    limitations: [
      'Depends on specialised equipment, raising cost',
      'Viscous samples need pre-filtration',
      'Disposable cartridges are costly at scale',
    ],
    facts: [
      {
        text: 'Nanoporous membranes driven by 5–8 kHz piezoelectric vibration and ~200 Hz mechanical oscillation with alternating negative pressure resist fouling.',
        citation: ref('Chen et al.', 2021),
      },
      {
        text: 'Recovery above 90% and over 98% of contaminants removed; models handle 10 µL to 10 L.',
        citation: ref('Hu et al.', 2023),
      },
    ],
    citation: review('Table 2'),
    references: [
      ref('Chen et al.', 2021),
      ref('Hu et al.', 2022),
      ref('Hu et al.', 2023),
      ref('Jiang S. et al.', 2024),
    ],
    reviewLocation: 'Table 2',
    section: 'section 2.8',
  },
];
