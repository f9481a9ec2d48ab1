/**
 * MISEV2018 / MISEV2023 minimal-information checklist of a batch, filled from what evlab holds, and an
 * EV-TRACK-style transparency score.
 *
 * Items follow MISEV2018 (Théry et al. 2018, J Extracell Vesicles 7:1535750: sections 1 nomenclature,
 * 2 collection and pre-processing, 3 separation and concentration, 4 characterization — quantification,
 * global and single-vesicle characterization, marker categories 1–5 of Table 3, topology — and 5 functional
 * studies) and MISEV2023 (Welsh et al. 2024, J Extracell Vesicles 13:e12404: particle + protein + lipid
 * quantification and their ratios, single-EV imaging plus a non-imaging single-particle method). The score
 * counts generic items plus method-specific items only when the method was used, as the EV-METRIC of
 * EV-TRACK does (Van Deun et al. 2017, Nat Methods 14:228), and reports present / applicable in %.
 * Pure: the caller gathers the inputs.
 */
import type { Batch } from '../batch.ts';
import type { IsolationStep } from '../isolation-protocol.ts';
import type { MscSource } from '../msc-source.ts';
import { type BatchMetric, latestMetrics, MISEV_MARKERS } from './batch-metric.ts';

export interface ChecklistEvidence {
  label: string;
  /** Web path of the record (/batches/…, /measurements/…, /sources/…), or null. */
  href: string | null;
}

export type ChecklistStatus = 'present' | 'missing' | 'not-applicable';

export interface ChecklistItem {
  id: string;
  section: 'source' | 'separation' | 'quantification' | 'single-ev' | 'markers' | 'topology' | 'function';
  requirement: string;
  /** MISEV section or recommendation the item comes from. */
  guideline: string;
  status: ChecklistStatus;
  /** Method-specific items name the method; they count only when it was used. */
  method: string | null;
  evidence: ChecklistEvidence[];
  /** What is there, or what is missing and how to provide it. */
  detail: string;
}

export interface ChecklistInput {
  batch: Batch;
  source: MscSource | null;
  metrics: readonly BatchMetric[];
  /** Kinds of parsed measurements of the batch with their ids (e.g. nta, tem, flow). */
  measurements: readonly { id: string; kind: string; label: string }[];
}

export interface Checklist {
  batchId: string;
  items: ChecklistItem[];
  /** Transparency score: present / applicable × 100, rounded to 1 decimal. */
  score: number;
  applicable: number;
  present: number;
  missing: string[];
}

const CENTRIFUGATION = new Set([
  'differential-ultracentrifugation',
  'density-gradient-ultracentrifugation',
  'low-speed-centrifugation',
]);

const hasNumber = (step: IsolationStep, ...keys: string[]) =>
  keys.some((k) => typeof step.parameters[k] === 'number' && Number.isFinite(step.parameters[k] as number));
const hasText = (step: IsolationStep, ...keys: string[]) =>
  keys.some((k) => {
    const v = step.parameters[k];
    return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
  });

function metricEvidence(m: BatchMetric): ChecklistEvidence {
  return {
    label: `${m.name} = ${typeof m.value === 'number' ? Number(m.value.toPrecision(4)) : m.value}${m.unit ? ` ${m.unit}` : ''} (${m.source.label})`,
    href: m.source.type === 'measurement' ? `/measurements/${m.source.id}` : null,
  };
}

export function misevChecklist(input: ChecklistInput): Checklist {
  const { batch, source } = input;
  const latest = latestMetrics(input.metrics.filter((m) => m.reliable));
  const batchHref = `/batches/${batch.id}`;
  const items: ChecklistItem[] = [];
  const add = (
    item: Omit<ChecklistItem, 'status' | 'evidence' | 'detail' | 'method'> & { method?: string | null },
    ok: boolean,
    evidence: ChecklistEvidence[],
    present: string,
    missing: string,
    applicable = true,
  ) =>
    items.push({
      ...item,
      method: item.method ?? null,
      status: !applicable ? 'not-applicable' : ok ? 'present' : 'missing',
      evidence: ok ? evidence : [],
      detail: !applicable ? 'method not used' : ok ? present : missing,
    });
  const metric = (name: string) => latest.get(name);

  // --- source and collection (MISEV2018 §2; MISEV2023 §3)
  const sourceHref = source ? `/sources/${source.id}` : null;
  add(
    {
      id: 'source-cell-type',
      section: 'source',
      requirement: 'Cell source (tissue of origin, donor)',
      guideline: 'MISEV2018 §2',
    },
    source !== null,
    [{ label: source ? `${source.tissue} MSC, donor ${source.donorCode || '–'}` : '', href: sourceHref }],
    'MSC source recorded',
    'link the batch to its MSC source (tissue, donor)',
  );
  add(
    {
      id: 'source-passage',
      section: 'source',
      requirement: 'Passage number of the producing cells',
      guideline: 'MISEV2018 §2',
    },
    source !== null && source.passage !== null,
    [{ label: `passage ${source?.passage}`, href: sourceHref }],
    'passage recorded',
    'record the passage on the MSC source',
  );
  add(
    {
      id: 'source-medium',
      section: 'source',
      requirement: 'Culture medium and serum (EV-depleted / serum-free)',
      guideline: 'MISEV2018 §2; MISEV2023 §3',
    },
    source !== null,
    [{ label: `${source?.mediumSupplement}, ${source?.cultureFormat}`, href: sourceHref }],
    'medium supplement and culture format recorded',
    'record the medium supplement on the MSC source',
  );
  add(
    {
      id: 'collection-volume',
      section: 'source',
      requirement: 'Volume of conditioned medium processed',
      guideline: 'MISEV2018 §2',
    },
    batch.conditionedMediumVolumeMl !== null,
    [{ label: `${batch.conditionedMediumVolumeMl} mL`, href: batchHref }],
    'volume recorded',
    'enter the conditioned-medium volume on the batch',
  );
  add(
    {
      id: 'collection-date',
      section: 'source',
      requirement: 'Harvest (collection) date',
      guideline: 'MISEV2018 §2',
    },
    batch.harvestDate !== null,
    [{ label: batch.harvestDate ?? '', href: batchHref }],
    'harvest date recorded',
    'enter the harvest date on the batch',
  );
  add(
    {
      id: 'storage',
      section: 'source',
      requirement: 'Storage conditions (temperature, buffer)',
      guideline: 'MISEV2018 §2; MISEV2023 §4',
    },
    batch.storageTemperatureC !== null && batch.buffer.trim() !== '',
    [{ label: `${batch.storageTemperatureC} °C in ${batch.buffer}`, href: batchHref }],
    'storage recorded',
    'enter the storage temperature and buffer',
  );

  // --- separation and concentration (MISEV2018 §3)
  const steps = batch.isolationProtocol.steps;
  add(
    {
      id: 'separation-method',
      section: 'separation',
      requirement: 'Separation / concentration method(s)',
      guideline: 'MISEV2018 §3',
    },
    steps.length > 0,
    [{ label: steps.map((s) => s.method).join(' → '), href: batchHref }],
    `${steps.length} step(s) recorded`,
    'record the isolation protocol on the batch',
  );
  const spins = steps.filter((s) => CENTRIFUGATION.has(s.method));
  const used = spins.length > 0;
  add(
    {
      id: 'centrifugation-g-time',
      section: 'separation',
      requirement: 'Centrifugation g-force and time of every spin',
      guideline: 'MISEV2018 §3',
      method: 'centrifugation',
    },
    used && spins.every((s) => hasNumber(s, 'rcfG') && hasNumber(s, 'minutes')),
    [
      {
        label: spins.map((s) => `${s.parameters.rcfG} ×g ${s.parameters.minutes} min`).join('; '),
        href: batchHref,
      },
    ],
    'g-force and time of every spin recorded',
    'give rcfG and minutes for every centrifugation step',
    used,
  );
  const ultra = steps.filter(
    (s) =>
      s.method === 'differential-ultracentrifugation' || s.method === 'density-gradient-ultracentrifugation',
  );
  add(
    {
      id: 'centrifugation-rotor',
      section: 'separation',
      requirement: 'Rotor type and k-factor (or adjusted k-factor) of ultracentrifugation',
      guideline: 'MISEV2018 §3 (Cvjetkovic et al. 2014)',
      method: 'ultracentrifugation',
    },
    ultra.length > 0 && ultra.every((s) => hasText(s, 'rotor') && hasNumber(s, 'kFactor', 'kAdjusted')),
    [
      {
        label: ultra
          .map((s) => `${s.parameters.rotor}, k ${s.parameters.kFactor ?? s.parameters.kAdjusted}`)
          .join('; '),
        href: batchHref,
      },
    ],
    'rotor and k-factor recorded',
    'give rotor and kFactor for every ultracentrifugation step (evlab spin computes k-factors)',
    ultra.length > 0,
  );
  const sec = steps.filter((s) => s.method === 'size-exclusion-chromatography');
  add(
    {
      id: 'sec-parameters',
      section: 'separation',
      requirement: 'SEC column and fractions collected',
      guideline: 'MISEV2018 §3',
      method: 'size-exclusion-chromatography',
    },
    sec.length > 0 && sec.every((s) => hasText(s, 'column') && hasText(s, 'fractionsPooled', 'fractions')),
    [
      {
        label: sec
          .map(
            (s) =>
              `${s.parameters.column}, fractions ${s.parameters.fractionsPooled ?? s.parameters.fractions}`,
          )
          .join('; '),
        href: batchHref,
      },
    ],
    'column and fractions recorded',
    'give column and fractionsPooled for the SEC step',
    sec.length > 0,
  );
  const filtration = steps.filter(
    (s) => s.method === 'tangential-flow-filtration' || s.method === 'ultrafiltration',
  );
  add(
    {
      id: 'filtration-cutoff',
      section: 'separation',
      requirement: 'UF/TFF membrane cut-off (MWCO)',
      guideline: 'MISEV2018 §3',
      method: 'ultrafiltration / TFF',
    },
    filtration.length > 0 && filtration.every((s) => hasNumber(s, 'mwcoKDa')),
    [{ label: filtration.map((s) => `${s.parameters.mwcoKDa} kDa`).join('; '), href: batchHref }],
    'cut-off recorded',
    'give mwcoKDa for the UF/TFF step',
    filtration.length > 0,
  );

  // --- quantification (MISEV2018 §4a; MISEV2023 §5)
  const particles = metric('nta.concentrationPerMl');
  const protein = metric('protein.concentrationUgPerMl');
  const lipid = metric('lipid.concentrationNmolPerMl');
  const ratio = metric('purity.particlesPerUg');
  add(
    {
      id: 'particle-number',
      section: 'quantification',
      requirement: 'Particle number (concentration)',
      guideline: 'MISEV2018 §4a; MISEV2023 §5',
    },
    particles !== undefined,
    particles ? [metricEvidence(particles)] : [],
    'particle concentration measured',
    'import an NTA (or TRPS/flow) measurement without error flags',
  );
  add(
    {
      id: 'protein-amount',
      section: 'quantification',
      requirement: 'Total protein',
      guideline: 'MISEV2018 §4a',
    },
    protein !== undefined,
    protein ? [metricEvidence(protein)] : [],
    'protein measured',
    'add a protein assay (BCA/µBCA) result',
  );
  add(
    {
      id: 'lipid-amount',
      section: 'quantification',
      requirement: 'Total lipid (recommended)',
      guideline: 'MISEV2023 §5',
    },
    lipid !== undefined,
    lipid ? [metricEvidence(lipid)] : [],
    'lipid measured',
    'add a lipid assay result (MISEV2023 recommends it)',
  );
  add(
    {
      id: 'particle-protein-ratio',
      section: 'quantification',
      requirement: 'Ratio of particles to protein',
      guideline: 'MISEV2018 §4a (Webber & Clayton 2013)',
    },
    ratio !== undefined,
    ratio ? [metricEvidence(ratio)] : [],
    'ratio computed from particles and protein',
    'needs both particle number and protein',
  );

  // --- single-vesicle characterization (MISEV2018 §4c; MISEV2023 §6)
  const imaging = input.measurements.filter(
    (m) => m.kind === 'tem' || m.kind === 'sem' || m.kind === 'cryo-em',
  );
  const imagingMetric = metric('imaging.temEvMorphology');
  add(
    {
      id: 'single-ev-imaging',
      section: 'single-ev',
      requirement: 'Single-EV imaging (TEM, cryo-EM, AFM…)',
      guideline: 'MISEV2018 §4c; MISEV2023 §6',
    },
    imaging.length > 0 || imagingMetric !== undefined,
    [
      ...imaging.map((m) => ({ label: `${m.kind}: ${m.label}`, href: `/measurements/${m.id}` })),
      ...(imagingMetric ? [metricEvidence(imagingMetric)] : []),
    ],
    'imaging recorded',
    'import TEM/cryo-EM particle analysis or enter the imaging result',
  );
  const nonImaging = input.measurements.filter((m) =>
    ['nta', 'zetaview', 'tracks', 'flow', 'trps'].includes(m.kind),
  );
  add(
    {
      id: 'single-ev-non-imaging',
      section: 'single-ev',
      requirement: 'Non-imaging single-particle method (NTA, TRPS, high-resolution flow)',
      guideline: 'MISEV2018 §4c; MISEV2023 §6',
    },
    nonImaging.length > 0,
    nonImaging.map((m) => ({ label: `${m.kind}: ${m.label}`, href: `/measurements/${m.id}` })),
    'single-particle measurement present',
    'import an NTA, TRPS or flow measurement',
  );

  // --- markers (MISEV2018 Table 3)
  const categories: [string, string, readonly string[], boolean][] = [
    [
      'markers-transmembrane',
      'Category 1: transmembrane or GPI-anchored protein (e.g. CD9, CD63, CD81)',
      MISEV_MARKERS.transmembrane,
      true,
    ],
    [
      'markers-cytosolic',
      'Category 2: cytosolic protein (e.g. TSG101, ALIX, syntenin)',
      MISEV_MARKERS.cytosolic,
      true,
    ],
    [
      'markers-co-isolates',
      'Category 3: major co-isolated components assessed (e.g. APOA1/APOB, albumin)',
      MISEV_MARKERS.coIsolates,
      false,
    ],
    [
      'markers-other-compartments',
      'Category 4: proteins of other compartments assessed (e.g. calnexin, GM130)',
      MISEV_MARKERS.otherCompartments,
      false,
    ],
  ];
  for (const [id, requirement, markers, mustBePresent] of categories) {
    const calls = markers.flatMap((m) => {
      const x = metric(`marker.${m}`);
      return x ? [x] : [];
    });
    const ok = mustBePresent ? calls.some((c) => c.value === 'present') : calls.length > 0;
    add(
      { id, section: 'markers', requirement, guideline: 'MISEV2018 §4b, Table 3' },
      ok,
      calls.map(metricEvidence),
      mustBePresent ? 'at least one marker shown present' : 'assessed',
      mustBePresent
        ? `show at least one of ${markers.join(', ')} present`
        : `assess ${markers.join(', ')} (Western blot, proteomics)`,
    );
  }
  const topology = [...latest.values()].filter((m) => m.name.startsWith('topology.'));
  add(
    {
      id: 'topology',
      section: 'topology',
      requirement: 'Topology of the active component (e.g. protease/detergent protection)',
      guideline: 'MISEV2018 §4d; MISEV2023 §7',
    },
    topology.length > 0,
    topology.map(metricEvidence),
    'topology assessed',
    'enter a topology result (topology.*), e.g. proteinase K ± detergent',
  );
  const potency = [...latest.values()].filter((m) => m.name.startsWith('potency.'));
  add(
    {
      id: 'functional-controls',
      section: 'function',
      requirement: 'Functional assay with controls (potency vs reference, negative controls)',
      guideline: 'MISEV2018 §5; MISEV2023 §8',
    },
    potency.length > 0,
    potency.map(metricEvidence),
    'functional result present',
    'enter a potency / functional result with its controls',
  );

  const applicable = items.filter((i) => i.status !== 'not-applicable');
  const present = applicable.filter((i) => i.status === 'present');
  return {
    batchId: batch.id,
    items,
    score: applicable.length > 0 ? Math.round((1000 * present.length) / applicable.length) / 10 : 0,
    applicable: applicable.length,
    present: present.length,
    missing: applicable.filter((i) => i.status === 'missing').map((i) => i.requirement),
  };
}

/**
 * Fields an EV-TRACK submission asks for (https://evtrack.org, "Experiment" form: sample, separation,
 * characterization), filled from the checklist inputs; null where evlab holds nothing.
 */
export function evTrackFields(
  input: ChecklistInput,
  checklist: Checklist,
): Record<string, string | number | null> {
  const { batch, source } = input;
  const latest = latestMetrics(input.metrics.filter((m) => m.reliable));
  const steps = batch.isolationProtocol.steps;
  const spins = steps.filter((s) => CENTRIFUGATION.has(s.method));
  const num = (name: string) => {
    const v = latest.get(name)?.value;
    return typeof v === 'number' ? v : null;
  };
  const markers = [...latest.values()].filter((m) => m.name.startsWith('marker.'));
  return {
    'Sample type': 'Cell culture supernatant',
    'Cell type': source ? `Mesenchymal stromal cells (${source.tissue})` : null,
    'Cell passage': source?.passage ?? null,
    'EV-depleted / serum-free medium': source?.mediumSupplement ?? null,
    'Culture format': source?.cultureFormat ?? null,
    'Starting volume (mL)': batch.conditionedMediumVolumeMl,
    'Separation methods': steps.map((s) => s.method).join('; ') || null,
    'Centrifugation g-forces': spins.map((s) => s.parameters.rcfG ?? '?').join('; ') || null,
    'Centrifugation times (min)': spins.map((s) => s.parameters.minutes ?? '?').join('; ') || null,
    'Rotor type(s)':
      spins
        .map((s) => s.parameters.rotor ?? '')
        .filter((x) => x !== '')
        .join('; ') || null,
    'k-factor(s)':
      spins
        .map((s) => s.parameters.kFactor ?? s.parameters.kAdjusted ?? '')
        .filter((x) => x !== '')
        .join('; ') || null,
    'Particle analysis':
      checklist.items.find((i) => i.id === 'single-ev-non-imaging')?.status === 'present' ? 'NTA' : null,
    'Particle concentration (particles/mL)': num('nta.concentrationPerMl'),
    'Mode size (nm)': num('nta.modeNm'),
    'Protein concentration (µg/mL)': num('protein.concentrationUgPerMl'),
    'Particles per µg protein': num('purity.particlesPerUg'),
    'Electron microscopy':
      checklist.items.find((i) => i.id === 'single-ev-imaging')?.status === 'present' ? 'yes' : null,
    'Proteins detected':
      markers
        .filter((m) => m.value === 'present')
        .map((m) => m.name.slice(7))
        .join('; ') || null,
    'Proteins not detected':
      markers
        .filter((m) => m.value === 'absent')
        .map((m) => m.name.slice(7))
        .join('; ') || null,
    Storage: batch.storageTemperatureC !== null ? `${batch.storageTemperatureC} °C in ${batch.buffer}` : null,
    'Transparency score (%)': checklist.score,
  };
}
