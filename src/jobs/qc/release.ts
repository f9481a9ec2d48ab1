/**
 * QC evaluation and release (issue 13): draft → in QC → released / rejected only through an evaluation
 * against a specification version and an electronic signature bound to the record's content hash; a
 * released or rejected batch is locked until an amendment (reason + signature) returns it to QC and marks
 * the old signature superseded.
 *
 * Signatures live in the one shared signature store (`signatures`, record type 'qc-release', record id =
 * the batch; see src/jobs/signatures.ts). Re-authentication at signing goes through a SigningIdentity:
 * `passwordIdentity(wb.verifyCredentials)` — the accounts module's password check, as for every electronic
 * signature. Only the demo seeding signs with another identity, and the record says so.
 */
import type { Batch } from '../../domain/batch.ts';
import { evaluateSpecification } from '../../domain/qc/evaluate-specification.ts';
import {
  type AmendInput,
  type Deviation,
  isLockedStatus,
  type QcEvaluation,
  type QcSignature,
  type SignInput,
} from '../../domain/qc/release.ts';
import type { Specification } from '../../domain/qc/specification.ts';
import { type EvlabStore, StoreError } from '../../store/evlab-store.ts';
import { releaseMetrics } from '../batch-metrics/release-metrics.ts';
import { SignatureError, type VerifyCredentials } from '../signatures.ts';
import { dataHash, signedRecordHash } from './record-hash.ts';

export interface SigningIdentity {
  /** Checks the signer's password; returns how they authenticated ('password') or null when refused. */
  reauthenticate(actor: string, password: string): Promise<string | null>;
}

/**
 * Re-authentication with the account's password (Workbench.verifyCredentials, as POST /api/signatures).
 * Without an account system there is no way to re-authenticate: SignatureError 'signing-unavailable'.
 */
export function passwordIdentity(verify: VerifyCredentials | undefined): SigningIdentity {
  return {
    async reauthenticate(actor, password) {
      if (verify === undefined)
        throw new SignatureError(
          'signing-unavailable',
          'electronic signatures need user accounts to re-authenticate the signer; none are configured',
        );
      return (await verify(actor, password)) ? 'password' : null;
    },
  };
}

/** What signing a decision needs once the front end has resolved the printed name. */
export type DecisionInput = Required<Omit<SignInput, 'printedName'>> & { printedName: string };
export type AmendmentInput = Required<Omit<AmendInput, 'printedName'>> & { printedName: string };

export class ReauthenticationError extends Error {
  override readonly name = 'ReauthenticationError';
}

async function requireBatch(store: EvlabStore, batchId: string): Promise<Batch> {
  const batch = await store.getBatch(batchId);
  if (!batch) throw new StoreError('not-found', `batch ${batchId} does not exist`);
  return batch;
}

/** The specification to use: the one given, else the newest version for the batch's product. */
export async function specificationFor(
  store: EvlabStore,
  batch: Batch,
  specificationId?: string,
): Promise<Specification> {
  if (specificationId !== undefined) {
    const spec = await store.qc.getSpecification(specificationId);
    if (!spec)
      throw new StoreError('not-found', `specification ${specificationId} does not exist`, [
        'specificationId',
      ]);
    if (spec.productId !== batch.projectId)
      throw new StoreError(
        'invalid-reference',
        `specification ${spec.name} v${spec.version} belongs to another product`,
        ['specificationId'],
      );
    return spec;
  }
  const specs = await store.qc.listSpecifications({ productId: batch.projectId });
  const newest = [...specs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (!newest)
    throw new StoreError(
      'not-found',
      `the product of batch ${batch.code} has no specification; create one first`,
      ['specificationId'],
    );
  return newest;
}

/** Evaluates the batch now and stores the evaluation with the data hash. */
export async function evaluateBatch(
  store: EvlabStore,
  batchId: string,
  actor: string,
  options: { specificationId?: string; now?: Date } = {},
): Promise<QcEvaluation> {
  const batch = await requireBatch(store, batchId);
  if (isLockedStatus(batch.status))
    throw new StoreError(
      'conflict',
      `batch ${batch.code} is ${batch.status} and locked; amend it before evaluating again`,
    );
  const spec = await specificationFor(store, batch, options.specificationId);
  const metrics = await releaseMetrics(store, batch.id);
  const result = evaluateSpecification(spec, metrics, (options.now ?? new Date()).toISOString());
  return store.qc.saveEvaluation(
    { ...result, batchId: batch.id, evaluatedBy: actor, recordHash: await dataHash(store, batch) },
    actor,
  );
}

/** Criteria that block a release: failing or missing without an accepted deviation, or with a rejected one. */
export function releaseBlockers(evaluation: QcEvaluation, deviations: readonly Deviation[]): string[] {
  const mine = deviations.filter((d) => d.evaluationId === evaluation.id);
  const blockers: string[] = [];
  for (const r of evaluation.results) {
    if (r.outcome === 'pass') continue;
    const ds = mine.filter((d) => d.criterionId === r.criterionId);
    const latest = ds[ds.length - 1];
    if (!latest) blockers.push(`${r.name}: ${r.outcome}, no documented deviation`);
    else if (latest.decision !== 'accepted')
      blockers.push(`${r.name}: ${r.outcome}, deviation rejected by QA`);
  }
  return blockers;
}

/** Signs a release or rejection of a batch in QC. */
export async function signDecision(
  store: EvlabStore,
  batchId: string,
  input: DecisionInput,
  actor: string,
  identity: SigningIdentity,
): Promise<QcSignature> {
  const batch = await requireBatch(store, batchId);
  if (isLockedStatus(batch.status))
    throw new StoreError(
      'conflict',
      `batch ${batch.code} is already ${batch.status}; amend it to change the decision`,
    );
  if (batch.status !== 'in-qc')
    throw new StoreError(
      'invalid-transition',
      `batch ${batch.code} is ${batch.status}; move it to QC (in-qc) before signing`,
      ['status'],
    );
  const [latest] = await store.qc.listEvaluations(batch.id);
  if (!latest || latest.id !== input.evaluationId)
    throw new StoreError(
      'conflict',
      'sign the latest evaluation of this batch (evaluate again if the data changed)',
      ['evaluationId'],
    );
  if ((await dataHash(store, batch)) !== latest.recordHash)
    throw new StoreError(
      'conflict',
      `the data of batch ${batch.code} changed after the evaluation; evaluate again before signing`,
      ['evaluationId'],
    );
  const deviations = await store.qc.listDeviations(batch.id);
  if (input.decision === 'released') {
    const blockers = releaseBlockers(latest, deviations);
    if (blockers.length > 0)
      throw new StoreError('conflict', `batch ${batch.code} cannot be released: ${blockers.join('; ')}`, [
        'evaluationId',
      ]);
  } else if (input.reason.trim() === '') {
    throw new StoreError('conflict', 'a rejection needs a reason', ['reason']);
  }
  const authentication = await identity.reauthenticate(actor, input.password);
  if (authentication === null)
    throw new ReauthenticationError('re-authentication failed: the password is not correct');
  return store.qc.sign(
    batch.id,
    {
      meaning: input.decision,
      printedName: input.printedName,
      recordHash: signedRecordHash(latest.recordHash, latest, deviations),
      evaluationId: latest.id,
      reason: input.reason,
      authentication,
    },
    actor,
  );
}

/** Amendment of a released or rejected batch: a reason and a signature; the batch returns to QC. */
export async function amendBatch(
  store: EvlabStore,
  batchId: string,
  input: AmendmentInput,
  actor: string,
  identity: SigningIdentity,
): Promise<QcSignature> {
  const batch = await requireBatch(store, batchId);
  if (!isLockedStatus(batch.status))
    throw new StoreError(
      'invalid-transition',
      `batch ${batch.code} is ${batch.status}; only a released or rejected batch is amended`,
      ['status'],
    );
  const authentication = await identity.reauthenticate(actor, input.password);
  if (authentication === null)
    throw new ReauthenticationError('re-authentication failed: the password is not correct');
  return store.qc.amend(
    batch.id,
    {
      meaning: 'amended',
      printedName: input.printedName,
      recordHash: await dataHash(store, batch),
      evaluationId: null,
      reason: input.reason,
      authentication,
    },
    actor,
  );
}

export type SignatureState = 'valid' | 'superseded' | 'broken';

export interface SignatureView extends QcSignature {
  /** valid: the record still hashes to what was signed; superseded: an amendment replaced it; broken: the record changed. */
  state: SignatureState;
}

export interface QcOverview {
  batch: Batch;
  locked: boolean;
  specifications: Specification[];
  evaluations: QcEvaluation[];
  deviations: Deviation[];
  signatures: SignatureView[];
  /** Blocking criteria of the latest evaluation (empty when it may be released). */
  releaseBlockers: string[];
  /** True when the data changed since the latest evaluation. */
  evaluationStale: boolean;
}

/** Everything the QC page, the certificate and the CLI show about a batch's QC state. */
export async function qcOverview(store: EvlabStore, batchId: string): Promise<QcOverview> {
  const batch = await requireBatch(store, batchId);
  const [specifications, evaluations, deviations, signatures] = await Promise.all([
    store.qc.listSpecifications({ productId: batch.projectId }),
    store.qc.listEvaluations(batch.id),
    store.qc.listDeviations(batch.id),
    store.qc.listSignatures(batch.id),
  ]);
  const currentData = await dataHash(store, batch);
  const byId = new Map(evaluations.map((e) => [e.id, e]));
  const views: SignatureView[] = signatures.map((s) => {
    if (s.supersededAt !== null) return { ...s, state: 'superseded' };
    const evaluation = s.evaluationId !== null ? (byId.get(s.evaluationId) ?? null) : null;
    const expected =
      s.meaning === 'amended' ? s.recordHash : signedRecordHash(currentData, evaluation, deviations);
    // An amendment signs the data as it was when the amendment started; later edits are the point of it.
    const state: SignatureState = s.meaning === 'amended' || expected === s.recordHash ? 'valid' : 'broken';
    return { ...s, state };
  });
  const latest = evaluations[0];
  return {
    batch,
    locked: isLockedStatus(batch.status),
    specifications,
    evaluations,
    deviations,
    signatures: views,
    releaseBlockers: latest ? releaseBlockers(latest, deviations) : ['no evaluation yet'],
    evaluationStale: latest ? latest.recordHash !== currentData : false,
  };
}
