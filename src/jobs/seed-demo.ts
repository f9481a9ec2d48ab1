/**
 * Demo data: one project, one umbilical-cord MSC source and three EV batches, each with a synthetic NanoSight
 * export imported through the real path (NtaRecord → NanoSight ExperimentSummary.csv bytes → ingestRawFile →
 * reader → analysis), so a fresh install shows parsed NTA measurements and exercises the reader.
 * Idempotent: when the demo project exists nothing is written and the existing records are returned.
 */
import type { Batch, BatchData, BatchStatus } from '../domain/batch.ts';
import type { IsolationProtocol } from '../domain/isolation-protocol.ts';
import type { Measurement } from '../domain/measurement.ts';
import type { MscSource } from '../domain/msc-source.ts';
import type { Project } from '../domain/project.ts';
import { MSC_EV_SPECIFICATION_TEMPLATE } from '../domain/qc/msc-ev-specification-template.ts';
import type { QcResultData } from '../domain/qc/release.ts';
import { type SpecificationData, specificationInputSchema } from '../domain/qc/specification.ts';
import { writeNanoSightExperimentSummary } from '../formats/nanosight/write-experiment-summary.ts';
import { syntheticNtaSample, UC_MSC_EV_DEMO_BATCHES } from '../science/nta/synthetic-nta-sample.ts';
import { ingestRawFile } from './ingest-raw-file.ts';
import { evaluateBatch, type SigningIdentity, signDecision } from './qc/release.ts';
import type { Workbench } from './workbench.ts';

export const DEMO_PROJECT_NAME = 'Demo — UC-MSC EVs for stroke';

export interface SeedDemoResult {
  /** False when the demo project already existed and nothing was written. */
  created: boolean;
  project: Project;
  source: MscSource | null;
  batches: Batch[];
  measurements: Measurement[];
}

/**
 * Isolation protocol of the demo batches: the common MSC-EV sequence of low-speed clearing spins, a
 * 10,000 ×g spin for large EVs/debris, concentration by tangential-flow filtration and size-exclusion
 * chromatography (Li et al. 2025, Front Cell Dev Biol 13:1626996, Table 2; Théry et al. 2018, MISEV2018,
 * J Extracell Vesicles 7:1535750). Speeds and times are the usual 300 ×g 10 min / 2,000 ×g 20 min /
 * 10,000 ×g 30 min clearing steps (Théry et al. 2006, Curr Protoc Cell Biol 3.22).
 */
export const DEMO_ISOLATION_PROTOCOL: IsolationProtocol = {
  version: 1,
  name: 'Clearing spins → TFF 300 kDa → SEC (qEV)',
  steps: [
    {
      method: 'low-speed-centrifugation',
      parameters: { rcfG: 300, minutes: 10, temperatureC: 4 },
      notes: 'remove cells',
    },
    {
      method: 'low-speed-centrifugation',
      parameters: { rcfG: 2000, minutes: 20, temperatureC: 4 },
      notes: 'remove dead cells and debris',
    },
    {
      method: 'differential-ultracentrifugation',
      parameters: { rcfG: 10000, minutes: 30, temperatureC: 4 },
      notes: 'remove large vesicles; keep the supernatant',
    },
    {
      method: 'tangential-flow-filtration',
      parameters: { mwcoKDa: 300, concentrationFactor: 50 },
      notes: 'concentrate the conditioned medium',
    },
    {
      method: 'size-exclusion-chromatography',
      parameters: { column: 'qEV original 70 nm', fractionsPooled: '7-9' },
      notes: 'collect the EV-rich early fractions in PBS',
    },
  ],
};

interface DemoBatchPlan {
  code: string;
  /** Status the batch ends in; it is created as draft and moved through the lifecycle, as a lab would. */
  status: BatchStatus;
  conditionedMediumVolumeMl: number;
  finalVolumeMl: number;
  harvestDate: string;
  isolationDate: string;
  notes: string;
}

const DEMO_BATCHES: readonly DemoBatchPlan[] = [
  {
    code: 'UC-EV-001',
    status: 'released',
    conditionedMediumVolumeMl: 500,
    finalVolumeMl: 1.0,
    harvestDate: '2025-03-03',
    isolationDate: '2025-03-04',
    notes: 'Demo: evaluated against the demo specification and released with an e-signature.',
  },
  {
    code: 'UC-EV-002',
    status: 'in-qc',
    conditionedMediumVolumeMl: 450,
    finalVolumeMl: 0.8,
    harvestDate: '2025-03-06',
    isolationDate: '2025-03-07',
    notes: 'Demo: in QC; endotoxin above the limit and the potency assay still missing.',
  },
  {
    code: 'UC-EV-003',
    status: 'draft',
    conditionedMediumVolumeMl: 520,
    finalVolumeMl: 1.2,
    harvestDate: '2025-03-10',
    isolationDate: '2025-03-11',
    notes: 'Demo: freshly isolated.',
  },
];

/** Steps from draft to a target status along BATCH_TRANSITIONS that a PATCH may take (release is signed). */
const PATH_FROM_DRAFT: Record<BatchStatus, BatchStatus[]> = {
  draft: [],
  'in-qc': ['in-qc'],
  released: ['in-qc'],
  rejected: ['in-qc'],
};

/**
 * The demo specification: the MSC-EV template (src/domain/qc/msc-ev-specification-template.ts) with the
 * demo product's label claim of 2×10¹¹ particles/mL (NTA, as measured).
 */
export function demoSpecification(productId: string): SpecificationData {
  return specificationInputSchema.parse({
    productId,
    name: 'UC-MSC-EV release specification',
    notes: 'Demo: the evlab MSC-EV template with the label claim of the demo product (fictional).',
    criteria: MSC_EV_SPECIFICATION_TEMPLATE.map((c) =>
      c.id === 'concentration-label' ? { ...c, labelValue: 2e11 } : c,
    ),
  });
}

const PRESENT_MARKERS = ['CD9', 'CD63', 'CD81', 'TSG101', 'CD73', 'CD90', 'CD105'];

/** QC results of the demo batches (fictional external reports), by batch code. */
function demoResults(code: string): QcResultData[] {
  const call = (metric: string, value: 'present' | 'absent', method: string): QcResultData => ({
    metric,
    value,
    unit: '',
    method,
    reference: `${code} QC report (demo)`,
    note: '',
  });
  const number = (metric: string, value: number, unit: string, method: string): QcResultData => ({
    metric,
    value,
    unit,
    method,
    reference: `${code} QC report (demo)`,
    note: '',
  });
  const identity = [
    ...PRESENT_MARKERS.map((m) => call(`marker.${m}`, 'present', 'Western blot / bead flow (demo)')),
    call('marker.CALNEXIN', 'absent', 'Western blot (demo)'),
    call('marker.GM130', 'absent', 'Western blot (demo)'),
  ];
  if (code === 'UC-EV-001')
    return [
      ...identity,
      number('protein.concentrationUgPerMl', 5.1, 'µg/mL', 'micro-BCA (demo)'),
      call('safety.sterilityGrowth', 'absent', 'Ph. Eur. 2.6.27 (demo)'),
      call('safety.mycoplasma', 'absent', 'Ph. Eur. 2.6.7 NAT (demo)'),
      number('safety.endotoxinEuPerMl', 0.12, 'EU/mL', 'LAL kinetic chromogenic (demo)'),
      number('potency.activityPctOfReference', 96, '%', 'T-cell proliferation inhibition (demo)'),
    ];
  if (code === 'UC-EV-002')
    return [
      ...identity,
      number('protein.concentrationUgPerMl', 3.9, 'µg/mL', 'micro-BCA (demo)'),
      call('safety.sterilityGrowth', 'absent', 'Ph. Eur. 2.6.27 (demo)'),
      call('safety.mycoplasma', 'absent', 'Ph. Eur. 2.6.7 NAT (demo)'),
      number('safety.endotoxinEuPerMl', 0.82, 'EU/mL', 'LAL kinetic chromogenic (demo)'),
    ];
  return [];
}

/** The demo's signatures are made by the seeding job, not by a person who re-authenticated: it says so. */
const DEMO_IDENTITY: SigningIdentity = {
  async reauthenticate() {
    return 'demo data (no re-authentication)';
  },
};

async function findProjectByName(wb: Workbench, name: string): Promise<Project | null> {
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await wb.store.listProjects({ limit, offset });
    const hit = page.items.find((p) => p.name === name);
    if (hit) return hit;
    if (offset + page.items.length >= page.total || page.items.length === 0) return null;
  }
}

async function existingDemo(wb: Workbench, project: Project): Promise<SeedDemoResult> {
  const sources = await wb.store.listSources({ projectId: project.id, limit: 1000 });
  const batches = await wb.store.listBatches({ projectId: project.id, limit: 1000 });
  const measurements: Measurement[] = [];
  for (const batch of [...batches.items].sort((a, b) => a.code.localeCompare(b.code))) {
    const page = await wb.store.listMeasurements({ batchId: batch.id, limit: 1000 });
    for (const summary of page.items) {
      const full = await wb.store.getMeasurement(summary.id);
      if (full) measurements.push(full);
    }
  }
  return {
    created: false,
    project,
    source: sources.items[0] ?? null,
    batches: [...batches.items].sort((a, b) => a.code.localeCompare(b.code)),
    measurements,
  };
}

export async function seedDemo(wb: Workbench, options: { actor: string }): Promise<SeedDemoResult> {
  const { actor } = options;
  const existing = await findProjectByName(wb, DEMO_PROJECT_NAME);
  if (existing) return existingDemo(wb, existing);

  const project = await wb.store.createProject(
    {
      name: DEMO_PROJECT_NAME,
      description:
        'Demonstration data: small EVs from umbilical-cord MSCs (serum-free, 3D bioreactor) for an ischemic-stroke ' +
        'model. NTA files are synthetic NanoSight exports generated by evlab; replace them with your own.',
    },
    actor,
  );
  const source = await wb.store.createSource(
    {
      projectId: project.id,
      tissue: 'umbilical-cord',
      donorCode: 'UC-D07',
      passage: 4,
      cultureFormat: 'bioreactor-microcarrier',
      mediumSupplement: 'serum-free',
      preconditioning: 'none',
      notes: 'Demo donor; consent and release criteria on file (fictional).',
    },
    actor,
  );

  const batchData: BatchData[] = DEMO_BATCHES.map((plan) => ({
    projectId: project.id,
    sourceId: source.id,
    code: plan.code,
    conditionedMediumVolumeMl: plan.conditionedMediumVolumeMl,
    isolationProtocol: DEMO_ISOLATION_PROTOCOL,
    finalVolumeMl: plan.finalVolumeMl,
    buffer: 'PBS',
    storageTemperatureC: -80,
    harvestDate: plan.harvestDate,
    isolationDate: plan.isolationDate,
    status: 'draft',
    notes: plan.notes,
  }));
  const created = await wb.store.createBatches(batchData, actor);
  const specification = await wb.store.qc.createSpecification(demoSpecification(project.id), actor);

  const batches: Batch[] = [];
  const measurements: Measurement[] = [];
  for (const [i, plan] of DEMO_BATCHES.entries()) {
    let batch = created[i];
    const params = UC_MSC_EV_DEMO_BATCHES[i % UC_MSC_EV_DEMO_BATCHES.length];
    if (!batch || !params) throw new Error('seedDemo: batch plan and NTA presets are out of step');

    const record = syntheticNtaSample({ ...params, sampleDescription: plan.code });
    const bytes = writeNanoSightExperimentSummary(record);
    const stamp = (record.sample.capturedAt ?? '2025-03-10T10:00:00').replace('T', ' ').replaceAll(':', '-');
    const { measurement } = await ingestRawFile(wb, {
      batchId: batch.id,
      fileName: `${plan.code} ${stamp}-ExperimentSummary.csv`,
      bytes,
      mediaType: 'text/csv',
      actor,
      kind: 'nta',
    });
    measurements.push(measurement);

    for (const status of PATH_FROM_DRAFT[plan.status]) {
      batch = await wb.store.updateBatch(batch.id, { status }, actor);
    }
    for (const result of demoResults(plan.code)) await wb.store.qc.addResult(batch.id, result, actor);
    if (plan.status !== 'draft') {
      const evaluation = await evaluateBatch(wb.store, batch.id, actor, {
        specificationId: specification.id,
      });
      if (plan.status === 'released' || plan.status === 'rejected') {
        await signDecision(
          wb.store,
          batch.id,
          {
            evaluationId: evaluation.id,
            decision: plan.status,
            printedName: 'Demo QA (fictional)',
            password: 'demo',
            reason: 'Demo: all release criteria met.',
          },
          actor,
          DEMO_IDENTITY,
        );
      }
      batch = (await wb.store.getBatch(batch.id)) ?? batch;
    }
    batches.push(batch);
  }
  return { created: true, project, source, batches, measurements };
}
