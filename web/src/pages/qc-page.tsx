/**
 * QC and release of one batch: lock state, MISEV checklist with its transparency score, the latest evaluation
 * against the specification (with the evidence behind each value), deviations, e-signatures (valid,
 * superseded, broken), the signing dialog for release/rejection, and a control chart of a batch metric across
 * batches with Nelson-rule flags.
 */
import * as Plot from '@observablehq/plot';
import { useState } from 'react';
import type { SignatureMeaning, SignatureWithStatus } from '../../../src/domain/signature.ts';
import type { ControlChart } from '../../../src/science/spc/control-chart.ts';
import { request, toApiError } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { SignatureDialog } from '../components/signature-dialog.tsx';
import { ApiView } from '../components/states.tsx';
import { formatSignificant } from '../lib/format.ts';
import { usePlot } from '../plots/use-plot.ts';
import { Link } from '../router.tsx';

interface CriterionResult {
  criterionId: string;
  name: string;
  requirement: string;
  outcome: 'pass' | 'fail' | 'missing';
  reason: string;
  evidence: { source: { type: string; id: string; label: string } } | null;
}
interface Evaluation {
  id: string;
  outcome: string;
  evaluatedAt: string;
  specificationVersion: number;
  results: CriterionResult[];
}
interface Signature {
  id: string;
  meaning: string;
  printedName: string;
  signer: string;
  signedAt: string;
  state: 'valid' | 'superseded' | 'broken';
  authentication: string;
  reason: string;
}
interface SpecificationVersion {
  id: string;
  name: string;
  version: number;
  createdAt: string;
}
interface Overview {
  batch: { id: string; code: string; status: string; projectId: string };
  locked: boolean;
  evaluations: Evaluation[];
  deviations: { id: string; criterionId: string; reason: string; decision: string }[];
  signatures: Signature[];
  releaseBlockers: string[];
  evaluationStale: boolean;
}
interface Checklist {
  score: number;
  applicable: number;
  present: number;
  items: {
    id: string;
    requirement: string;
    status: string;
    detail: string;
    evidence: { label: string; href: string | null }[];
  }[];
}

export function QcPage({ batchId }: { batchId: string }) {
  const [version, setVersion] = useState(0);
  const overview = useApi(
    (signal) => request<Overview>('GET', `/api/batches/${batchId}/qc`, { signal }),
    [batchId, version],
  );
  const checklist = useApi(
    (signal) => request<Checklist>('GET', `/api/batches/${batchId}/qc/checklist`, { signal }),
    [batchId, version],
  );
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => setVersion((v) => v + 1);
  // A batch is evaluated against ONE specification version: the newest by default, or the one picked here.
  const projectId = overview.data?.batch.projectId;
  const specs = useApi(
    (signal) =>
      projectId
        ? request<{ items: SpecificationVersion[] }>('GET', '/api/specifications', {
            query: { productId: projectId },
            signal,
          })
        : Promise.resolve({ items: [] as SpecificationVersion[] }),
    [projectId],
  );
  const [specificationId, setSpecificationId] = useState('');

  const evaluate = async () => {
    try {
      await request('POST', `/api/batches/${batchId}/qc/evaluations`, {
        body: specificationId ? { specificationId } : {},
      });
      setMessage('Evaluated.');
      refresh();
    } catch (error) {
      setMessage(toApiError(error).message);
    }
  };

  return (
    <div className="stack">
      <nav className="breadcrumb">
        <Link to="/batches">Batches</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/batches/${batchId}`}>{overview.data?.batch.code ?? '…'}</Link>{' '}
        <span aria-hidden="true">/</span> QC and release
      </nav>
      <p>
        <Link to={`/batches/${batchId}/qc/specifications`}>Specifications and entered results</Link> ·{' '}
        <Link to={`/qc/compare?b=${batchId}`}>Compare processes (comparability report)</Link>
      </p>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <ApiView state={overview} what="QC state">
        {(o) => (
          <>
            <section className="panel" aria-labelledby="qc-state">
              <h2 id="qc-state">
                {o.batch.code}: {o.batch.status}
              </h2>
              {o.locked ? (
                <p role="note">
                  This batch is {o.batch.status} and locked: its data, protocol, measurements and uploads are
                  read-only. A change needs an amendment with a reason and a signature.
                </p>
              ) : (
                <p>
                  {(specs.data?.items.length ?? 0) === 0 ? (
                    <span className="muted">
                      No specification for this product yet:{' '}
                      <Link to={`/batches/${batchId}/qc/specifications`}>write one</Link> before evaluating.{' '}
                    </span>
                  ) : (
                    <label className="field">
                      <span className="field-label">Specification version</span>
                      <select value={specificationId} onChange={(e) => setSpecificationId(e.target.value)}>
                        <option value="">Newest ({newestLabel(specs.data?.items ?? [])})</option>
                        {specs.data?.items.map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.name} v{x.version} ({x.createdAt.slice(0, 10)})
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  <button type="button" onClick={evaluate}>
                    Evaluate against the specification
                  </button>{' '}
                  {o.evaluationStale && <strong>The data changed since the last evaluation.</strong>}
                </p>
              )}
              <h3>Signatures</h3>
              {o.signatures.length === 0 ? (
                <p>Not signed.</p>
              ) : (
                <ul>
                  {o.signatures.map((s) => (
                    <li key={s.id}>
                      <strong>{s.meaning}</strong> by {s.printedName} ({s.signer}) at {s.signedAt} UTC —{' '}
                      <span className={s.state === 'valid' ? 'ok' : 'error'}>{s.state}</span>
                      {s.reason && ` — ${s.reason}`} <small>({s.authentication})</small>
                    </li>
                  ))}
                </ul>
              )}
              <SignDialog
                overview={o}
                onDone={(text) => {
                  setMessage(text);
                  refresh();
                }}
              />
            </section>
            <EvaluationPanel overview={o} />
          </>
        )}
      </ApiView>
      <ApiView state={checklist} what="MISEV checklist">
        {(c) => (
          <section className="panel" aria-labelledby="qc-checklist">
            <h2 id="qc-checklist">
              MISEV checklist — transparency score {c.score} % ({c.present} of {c.applicable} applicable
              items)
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Status</th>
                  <th scope="col">Evidence or what is missing</th>
                </tr>
              </thead>
              <tbody>
                {c.items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.requirement}</td>
                    <td>{i.status}</td>
                    <td>
                      {i.status === 'present'
                        ? i.evidence.map((e) =>
                            e.href ? (
                              <Link key={e.label} to={e.href}>
                                {e.label}
                              </Link>
                            ) : (
                              <span key={e.label}>{e.label} </span>
                            ),
                          )
                        : i.detail}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </ApiView>
      {overview.data && <MetricChart productId={overview.data.batch.projectId} />}
    </div>
  );
}

/** The version evaluated by default: the newest by creation time (as the API's specificationFor picks it). */
function newestLabel(items: readonly SpecificationVersion[]): string {
  const newest = [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  return newest ? `${newest.name} v${newest.version}` : '–';
}

function EvaluationPanel({ overview }: { overview: Overview }) {
  const evaluation = overview.evaluations[0];
  return (
    <section className="panel" aria-labelledby="qc-evaluation">
      <h2 id="qc-evaluation">Evaluation</h2>
      {!evaluation ? (
        <p>Not evaluated yet.</p>
      ) : (
        <>
          <p>
            {evaluation.outcome.toUpperCase()} against specification version {evaluation.specificationVersion}{' '}
            at {evaluation.evaluatedAt} UTC. Release blockers: {overview.releaseBlockers.join('; ') || 'none'}
            .
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Requirement</th>
                <th scope="col">Outcome</th>
                <th scope="col">Why, and the record behind it</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.results.map((r) => (
                <tr key={r.criterionId}>
                  <td>{r.name}</td>
                  <td>{r.requirement}</td>
                  <td className={r.outcome === 'pass' ? 'ok' : 'error'}>{r.outcome}</td>
                  <td>
                    {r.reason}
                    {r.evidence?.source.type === 'measurement' && (
                      <>
                        {' '}
                        (<Link to={`/measurements/${r.evidence.source.id}`}>{r.evidence.source.label}</Link>)
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** A QC signature as the shared signature list shows it. */
function asSharedSignature(s: QcSignatureAnswer, batchId: string): SignatureWithStatus {
  return {
    id: s.id,
    recordType: 'qc-release',
    recordId: batchId,
    meaning: s.meaning as SignatureMeaning,
    signer: s.signer,
    printedName: s.printedName,
    signedAt: s.signedAt,
    reason: s.reason || null,
    contentHash: s.recordHash,
    status: 'valid',
  };
}
type QcSignatureAnswer = Omit<Signature, 'state'> & { recordHash: string };

/** Release, rejection and amendment through the shared signing dialog (re-authentication with the password). */
function SignDialog({ overview, onDone }: { overview: Overview; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const evaluation = overview.evaluations[0];
  const amend = overview.locked;
  if (!amend && (!evaluation || overview.batch.status !== 'in-qc')) return null;
  const batchId = overview.batch.id;
  const submit = async (input: { meaning: SignatureMeaning; password: string; reason?: string }) => {
    const body = amend
      ? { reason: input.reason ?? '', password: input.password }
      : {
          evaluationId: evaluation?.id,
          decision: input.meaning,
          reason: input.reason ?? '',
          password: input.password,
        };
    const answer = await request<QcSignatureAnswer>(
      'POST',
      `/api/batches/${batchId}/qc/${amend ? 'amend' : 'sign'}`,
      {
        body,
      },
    );
    return asSharedSignature(answer, batchId);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {amend ? 'Amend (reason + signature)…' : 'Release or reject (e-signature)…'}
      </button>
      <SignatureDialog
        open={open}
        recordType="qc-release"
        recordId={batchId}
        recordLabel={
          amend
            ? `an amendment of batch ${overview.batch.code}`
            : `the QC decision on batch ${overview.batch.code}`
        }
        meanings={amend ? ['amended'] : ['released', 'rejected']}
        reasonRequiredFor={amend ? ['amended'] : ['rejected']}
        minReasonLength={amend ? 10 : 1}
        submit={submit}
        onSigned={() => onDone(amend ? 'Amendment signed: the batch is back in QC.' : 'Signed.')}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

const METRICS = [
  'nta.modeNm',
  'nta.d50Nm',
  'nta.concentrationPerMl',
  'nta.percentIn50To400Nm',
  'purity.particlesPerUg',
];

function MetricChart({ productId }: { productId: string }) {
  const [metric, setMetric] = useState(METRICS[0] as string);
  const series = useApi(
    (signal) =>
      request<{ chart: ControlChart | null; points: { batchCode: string }[] }>(
        'GET',
        `/api/qc/metrics/${metric}/series`,
        {
          query: { productId },
          signal,
        },
      ),
    [metric, productId],
  );
  const chart = series.data?.chart ?? null;
  const ref = usePlot(
    (width) => {
      if (!chart) return null;
      const pts = chart.points.map((p) => ({ ...p, flagged: p.rules.length > 0 }));
      return Plot.plot({
        width,
        height: 260,
        marginLeft: 70,
        x: { label: 'Batch (oldest first)', type: 'point' },
        y: { label: metric, grid: true },
        marks: [
          Plot.ruleY([chart.center], { stroke: '#333' }),
          Plot.ruleY([chart.lcl ?? 0, chart.ucl ?? 0], { stroke: '#b2182b', strokeDasharray: '4 3' }),
          Plot.line(pts, { x: 'label', y: 'value', stroke: '#08519c' }),
          Plot.dot(pts, {
            x: 'label',
            y: 'value',
            r: 4,
            fill: (d: { flagged: boolean }) => (d.flagged ? '#b2182b' : '#08519c'),
            title: (d: { label?: string; value: number; rules: number[] }) =>
              `${d.label}: ${d.value}${d.rules.length ? ` — Nelson rules ${d.rules.join(', ')}` : ''}`,
          }),
        ],
      });
    },
    [chart, metric],
  );
  const exportSvg = () => {
    const svg = ref.current?.querySelector('svg');
    if (!svg) return;
    const url = URL.createObjectURL(new Blob([svg.outerHTML], { type: 'image/svg+xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${metric}-control-chart.svg`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const exportPng = () => {
    const svg = ref.current?.querySelector('svg');
    if (!svg) return;
    const image = new Image();
    const box = svg.getBoundingClientRect();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = box.width * 2;
      canvas.height = box.height * 2;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.fillStyle = 'white';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      const a = document.createElement('a');
      a.href = canvas.toDataURL('image/png');
      a.download = `${metric}-control-chart.png`;
      a.click();
    };
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
  };
  return (
    <section className="panel" aria-labelledby="qc-chart">
      <h2 id="qc-chart">Control chart across the product's batches</h2>
      <label>
        Metric{' '}
        <select value={metric} onChange={(e) => setMetric(e.target.value)}>
          {METRICS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      {chart ? (
        <>
          <p>
            I-MR: centre {formatSignificant(chart.center, 4)}, limits {formatSignificant(chart.lcl, 4)} –{' '}
            {formatSignificant(chart.ucl, 4)}. Red points complete a Nelson rule (hover for the rule numbers).
          </p>
          <div ref={ref} role="img" aria-label={`Individuals control chart of ${metric}`} />
          <button type="button" onClick={exportSvg}>
            Export SVG
          </button>{' '}
          <button type="button" onClick={exportPng}>
            Export PNG
          </button>
        </>
      ) : (
        <p>Fewer than two batches have a reliable {metric} value: no chart yet.</p>
      )}
    </section>
  );
}
