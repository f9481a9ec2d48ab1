/**
 * Neurological disorders MSC-EVs are studied in (Li et al. 2025, section 6 and Table 5). `terms` are
 * lower-case words or phrases whose presence in a condition text marks it as this disorder; the evidence
 * classifier shows which term matched.
 */
export interface DisorderInfo {
  slug: string;
  label: string;
  terms: readonly string[];
}

export const NEUROLOGICAL_DISORDERS = [
  { slug: 'alzheimers', label: "Alzheimer's disease", terms: ['alzheimer'] },
  { slug: 'parkinsons', label: "Parkinson's disease", terms: ['parkinson'] },
  { slug: 'depression', label: 'Depression', terms: ['depression', 'depressive'] },
  {
    slug: 'ischemic-stroke',
    label: 'Ischemic stroke / cerebral ischemia-reperfusion',
    terms: [
      'ischemic stroke',
      'ischaemic stroke',
      'cerebral ischemia',
      'cerebral infarction',
      'cerebrovascular',
      'stroke',
    ],
  },
  {
    slug: 'traumatic-brain-injury',
    label: 'Traumatic brain injury',
    terms: ['traumatic brain injury', 'brain injury', 'tbi'],
  },
  {
    slug: 'spinal-cord-injury',
    label: 'Spinal cord injury',
    terms: ['spinal cord injury', 'spinal cord injuries'],
  },
  {
    slug: 'multiple-sclerosis',
    label: 'Multiple sclerosis / EAE',
    terms: ['multiple sclerosis', 'encephalomyelitis'],
  },
  {
    slug: 'als',
    label: 'Amyotrophic lateral sclerosis',
    terms: ['amyotrophic lateral sclerosis', 'motor neuron disease'],
  },
  { slug: 'sma', label: 'Spinal muscular atrophy', terms: ['spinal muscular atrophy'] },
  {
    slug: 'glaucoma',
    label: 'Glaucoma / optic neuropathy',
    terms: ['glaucoma', 'optic nerve', 'optic neuropathy'],
  },
  { slug: 'hearing-loss', label: 'Hearing loss', terms: ['hearing loss', 'deafness', 'cochlear'] },
  { slug: 'glioblastoma', label: 'Glioblastoma / glioma', terms: ['glioblastoma', 'glioma'] },
  { slug: 'subarachnoid-haemorrhage', label: 'Subarachnoid haemorrhage', terms: ['subarachnoid'] },
  {
    slug: 'intracerebral-haemorrhage',
    label: 'Intracerebral haemorrhage',
    terms: ['intracerebral hemorrhage', 'intracerebral haemorrhage'],
  },
  {
    slug: 'peripheral-nerve-injury',
    label: 'Peripheral nerve injury',
    terms: ['peripheral nerve', 'sciatic nerve', 'nerve injury'],
  },
  {
    slug: 'epilepsy',
    label: 'Epilepsy / status epilepticus',
    terms: ['epilepsy', 'seizure', 'status epilepticus'],
  },
  { slug: 'autism', label: 'Autism spectrum disorder', terms: ['autism'] },
  {
    slug: 'neonatal-brain-injury',
    label: 'Neonatal / hypoxic-ischemic brain injury',
    terms: ['hypoxic-ischemic', 'hypoxic ischemic', 'neonatal encephalopathy'],
  },
  { slug: 'neuropathic-pain', label: 'Neuropathic pain', terms: ['neuropathic pain'] },
  {
    slug: 'cognitive-impairment',
    label: 'Cognitive impairment / dementia',
    terms: ['cognitive impairment', 'dementia', 'cognitive dysfunction'],
  },
  { slug: 'other-neurological', label: 'Other neurological disorder', terms: [] },
] as const satisfies readonly DisorderInfo[];

export type NeurologicalDisorder = (typeof NEUROLOGICAL_DISORDERS)[number]['slug'];
export const NEUROLOGICAL_DISORDER_SLUGS = NEUROLOGICAL_DISORDERS.map(
  (d) => d.slug,
) as NeurologicalDisorder[];
