/**
 * The batch's audit trail: who did what, when — the batch's field changes (before → after), its file
 * uploads and the outcome of parsing each file, and the PK studies recorded for it. Trial events (the
 * evidence base's CT.gov imports) get the same readable summaries wherever an audit list shows them.
 */
import { useMemo, useState } from 'react';
import {
  ADMINISTRATION_ROUTE_LABELS,
  type AdministrationRoute,
} from '../../../src/domain/administration-route.ts';
import type { AuditEvent, RawFile } from '../../../src/domain/measurement.ts';
import {
  DOSE_UNIT_LABELS,
  type DoseUnit,
  PK_SPECIES_LABELS,
  type PkSpecies,
} from '../../../src/domain/pk-study.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { actorLabel, DASH, formatBytes, formatDateTime, formatSci } from '../lib/format.ts';
import { Link } from '../router.tsx';
import { PagedView } from './paged-view.tsx';
import { Empty } from './states.tsx';

const PAGE_SIZE = 20;
const NO_FILES: readonly RawFile[] = [];
const IGNORED_KEYS = new Set([
  'updatedAt',
  'createdAt',
  'id',
  // Trials: the classifier's reasoning and the citation list change with every re-import wording.
  'mscSourceRule',
  'neurologicalRule',
  'citation',
  'citations',
  'statusObservedAt',
]);

/** Field names as the forms show them, with units. */
const FIELD_LABELS: Record<string, string> = {
  code: 'code',
  sourceId: 'MSC source',
  conditionedMediumVolumeMl: 'conditioned medium (mL)',
  finalVolumeMl: 'final EV volume (mL)',
  buffer: 'buffer',
  storageTemperatureC: 'storage (°C)',
  harvestDate: 'harvest date',
  isolationDate: 'isolation date',
  status: 'status',
  notes: 'notes',
  name: 'name',
  description: 'description',
  donorCode: 'donor',
  passage: 'passage',
  // PK studies
  title: 'title',
  species: 'species',
  strain: 'strain',
  bodyWeightKg: 'body weight (kg)',
  route: 'route',
  dose: 'dose',
  label: 'label',
  dosedOn: 'dosed on',
  concentrationTimeRows: 'concentration–time rows',
  biodistributionRows: 'biodistribution rows',
  // Trials
  officialTitle: 'official title',
  conditions: 'conditions',
  phases: 'phases',
  firstPosted: 'first posted',
  mscSource: 'MSC source',
  neurological: 'neurological',
  disorder: 'disorder',
  locations: 'locations',
  countries: 'countries',
  hasResults: 'results posted',
  origin: 'record from',
  // Measurement curation and trial relevance (migration 0004)
  dilutionFactor: 'dilution factor',
  relevance: 'MSC-EV relevance',
};

const ENTITY_LABELS: Record<AuditEvent['entityType'], string> = {
  project: 'project',
  source: 'MSC source',
  batch: 'batch',
  'raw-file': 'raw file',
  measurement: 'measurement',
  'pk-study': 'PK study',
  trial: 'trial',
  user: 'user',
  'api-token': 'API token',
  'sign-in': 'sign-in',
  signature: 'electronic signature',
  specification: 'specification',
  'qc-result': 'QC result',
  'qc-evaluation': 'QC evaluation',
  deviation: 'deviation',
  job: 'background job',
};

function short(value: unknown): string {
  if (value === null || value === undefined || value === '') return DASH;
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A study dose as the PK pages write it: 2.00×10¹⁰ particles/kg. */
function describeDose(dose: unknown): string {
  if (!isRecord(dose) || typeof dose.value !== 'number') return short(dose);
  const unit = DOSE_UNIT_LABELS[dose.unit as DoseUnit] ?? String(dose.unit ?? '');
  return `${formatSci(dose.value, 3)} ${unit}${dose.perKg === true ? '/kg' : ''}`;
}

/** A field value in words: vocabulary labels for routes and species, doses with units, lists joined. */
function describeValue(key: string, value: unknown): string {
  if (key === 'dilutionFactor' && value === null) return 'not recorded';
  if (key === 'route' && typeof value === 'string') {
    return ADMINISTRATION_ROUTE_LABELS[value as AdministrationRoute] ?? value;
  }
  if (key === 'species' && typeof value === 'string') return PK_SPECIES_LABELS[value as PkSpecies] ?? value;
  if (key === 'dose') return describeDose(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.length === 0 ? DASH : short(value.join(', '));
  }
  return short(value);
}

/** `PK study "IV DiR": Mouse, Intravenous (IV), 2.00×10¹⁰ particles, DiR · 12 concentration–time + 0 organ rows`. */
function describePkStudy(study: Record<string, unknown>): string {
  const title = typeof study.title === 'string' && study.title !== '' ? ` "${short(study.title)}"` : '';
  const facts = [
    describeValue('species', study.species),
    describeValue('route', study.route),
    describeDose(study.dose),
    typeof study.label === 'string' ? study.label : null,
  ].filter((f) => f !== null && f !== DASH);
  const rows =
    typeof study.concentrationTimeRows === 'number' && typeof study.biodistributionRows === 'number'
      ? ` · ${study.concentrationTimeRows} concentration–time + ${study.biodistributionRows} organ rows`
      : '';
  return `PK study${title}: ${facts.join(', ')}${rows}`;
}

/** `NCT04388982: <title> — Recruiting`. */
function describeTrial(trial: Record<string, unknown>, nctId: string): string {
  const title = typeof trial.title === 'string' ? `: ${short(trial.title)}` : '';
  const status = typeof trial.status === 'string' ? ` — ${trial.status}` : '';
  return `${nctId}${title}${status}`;
}

/** Where an event's entity can be opened in the app, or null (the batch page itself, deleted studies). */
export function auditEntityLink(event: AuditEvent): string | null {
  if (event.entityType === 'measurement') return `/measurements/${event.entityId}`;
  if (event.entityType === 'pk-study' && event.action !== 'delete') {
    return `/pk?study=${encodeURIComponent(event.entityId)}`;
  }
  if (event.entityType === 'trial')
    return `/evidence?detail=${encodeURIComponent(`trial:${event.entityId}`)}`;
  return null;
}

/** The entity type in words ("PK study"), for titles and screen readers. */
export function auditEntityLabel(event: AuditEvent): string {
  return ENTITY_LABELS[event.entityType] ?? event.entityType;
}

/** Names of raw files by id: a parse event's summary names its file only by `rawFileId`. */
export type FileNames = ReadonlyMap<string, string>;

/** File names known to the page: the batch's files as listed, and those named by upload events. */
export function fileNamesOf(events: readonly AuditEvent[], files: readonly RawFile[] = []): FileNames {
  const names = new Map(files.map((f) => [f.id, f.originalName]));
  for (const e of events) {
    if (e.action === 'upload' && isRecord(e.after) && typeof e.after.originalName === 'string') {
      names.set(e.entityId, e.after.originalName);
    }
  }
  return names;
}

function describeUpload(file: Record<string, unknown>): string {
  const name = typeof file.originalName === 'string' ? file.originalName : 'a file';
  return typeof file.sizeBytes === 'number' ? `${name} (${formatBytes(file.sizeBytes)})` : name;
}

/** `<file>: NTA parsed`, or `<file>: NTA unparsed — <error code> at line <n>`. */
function describeParse(measurement: Record<string, unknown>, fileNames: FileNames): string {
  const fileName =
    typeof measurement.rawFileId === 'string' ? fileNames.get(measurement.rawFileId) : undefined;
  // 'unrecognised' is not a kind anyone reads: the error code (unknown-format) says it.
  const kind =
    typeof measurement.kind === 'string' && measurement.kind !== 'unrecognised'
      ? `${measurement.kind.toUpperCase()} `
      : '';
  const outcome = measurement.status === 'parsed' ? 'parsed' : 'unparsed';
  let error = '';
  if (outcome === 'unparsed' && isRecord(measurement.error)) {
    const { code, line } = measurement.error;
    error = ` — ${typeof code === 'string' ? code : 'error'}${typeof line === 'number' ? ` at line ${line}` : ''}`;
  }
  return `${fileName ?? 'uploaded file'}: ${kind}${outcome}${error}`;
}

/** The reader's message of an unparsed measurement (shown on hover), else undefined. */
export function auditEventDetail(event: AuditEvent): string | undefined {
  if (event.action !== 'parse' || !isRecord(event.after) || !isRecord(event.after.error)) return undefined;
  return typeof event.after.error.message === 'string' ? event.after.error.message : undefined;
}

/** A one-line summary of an event: changed fields for updates, the file for uploads, the outcome of parses. */
export function describeAuditEvent(event: AuditEvent, fileNames: FileNames = new Map()): string {
  const { before, after } = event;
  if (event.action === 'upload' && isRecord(after)) return describeUpload(after);
  if (event.action === 'parse' && isRecord(after)) return describeParse(after, fileNames);
  if (event.entityType === 'pk-study') {
    if (event.action === 'create' && isRecord(after)) return `recorded ${describePkStudy(after)}`;
    if (event.action === 'delete' && isRecord(before)) return `deleted ${describePkStudy(before)}`;
  }
  // Migration 0004: a retraction in words, with its reason.
  if (event.entityType === 'measurement' && isRecord(after) && isRecord(after.retraction)) {
    if (!isRecord(before) || !isRecord(before.retraction))
      return `retracted: ${short(after.retraction.reason)}`;
  }
  if (event.entityType === 'trial' && isRecord(after) && !isRecord(before)) {
    return `imported ${describeTrial(after, event.entityId)}`;
  }
  if (isRecord(before) && isRecord(after)) {
    const changes: string[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (IGNORED_KEYS.has(key)) continue;
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        changes.push(
          key === 'isolationProtocol'
            ? 'isolation protocol changed'
            : `${FIELD_LABELS[key] ?? key}: ${describeValue(key, before[key])} → ${describeValue(key, after[key])}`,
        );
      }
    }
    const prefix = event.entityType === 'trial' ? `${event.entityId} ` : '';
    return changes.length ? prefix + changes.join(' · ') : 'no field changed';
  }
  if (isRecord(after)) {
    if (typeof after.code === 'string') return `code ${after.code}`;
    if (typeof after.name === 'string') return after.name;
  }
  return '';
}

export function AuditTrail({
  batchId,
  version,
  files = NO_FILES,
}: {
  batchId: string;
  version: number;
  /** The batch's raw files, to name the file of a parse event whose upload is on another page. */
  files?: readonly RawFile[];
}) {
  const [offset, setOffset] = useState(0);
  const audit = useApi(
    (signal) => api.batchAudit(batchId, { limit: PAGE_SIZE, offset }, signal),
    [batchId, offset, version],
  );
  const fileNames = useMemo(() => fileNamesOf(audit.data?.items ?? [], files), [audit.data, files]);
  return (
    <PagedView
      state={audit}
      what="audit trail"
      pageSize={PAGE_SIZE}
      onOffset={setOffset}
      empty={<Empty title="No audit events yet" />}
    >
      {(page) => (
        <table className="table audit" data-testid="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Entity</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>{actorLabel(e.actor)}</td>
                <td>
                  <span className={`action action-${e.action}`}>{e.action}</span>
                </td>
                <td className="muted">
                  <AuditEntity event={e} />
                </td>
                <td className="audit-change" title={auditEventDetail(e)}>
                  {describeAuditEvent(e, fileNames)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedView>
  );
}

/** The entity cell: its type as stored (what filters and exports match), linked when it can be opened. */
function AuditEntity({ event }: { event: AuditEvent }) {
  const to = auditEntityLink(event);
  const label = auditEntityLabel(event);
  if (!to) return <span title={label}>{event.entityType}</span>;
  return (
    <Link to={to} title={`Open ${label}`}>
      {event.entityType}
    </Link>
  );
}
