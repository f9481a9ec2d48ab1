/** The audit trail's one-line descriptions of batch edits, uploads, parses, PK studies and trials. */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, RawFile } from '../../../src/domain/measurement.ts';
import { formatBytes } from '../lib/format.ts';
import {
  auditEntityLabel,
  auditEntityLink,
  auditEventDetail,
  describeAuditEvent,
  fileNamesOf,
} from './audit-trail.tsx';

const BATCH = 'b-1';
const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: 'e',
  at: '2025-03-14T10:20:00.000Z',
  actor: 'bob',
  entityType: 'batch',
  entityId: BATCH,
  batchId: BATCH,
  action: 'create',
  before: null,
  after: null,
  ...overrides,
});

const rawFile: RawFile = {
  id: 'f-1',
  batchId: BATCH,
  sha256: 'a'.repeat(64),
  originalName: 'EMT1 d200-ExperimentSummary.csv',
  sizeBytes: 204_800,
  mediaType: 'text/csv',
  uploadedBy: 'bob',
  uploadedAt: '2025-03-14T10:20:00.000Z',
};
const upload = event({ entityType: 'raw-file', entityId: rawFile.id, action: 'upload', after: rawFile });
const summary = {
  id: 'm-1',
  batchId: BATCH,
  kind: 'nta',
  instrument: 'NanoSight NS300',
  rawFileId: rawFile.id,
  readerName: 'nanosight-experiment-summary',
  readerVersion: '1.0.0',
  status: 'parsed',
  error: null,
  createdAt: '2025-03-14T10:20:00.000Z',
};
const parse = (after: Record<string, unknown>) =>
  event({ entityType: 'measurement', entityId: 'm-1', action: 'parse', after });

describe('describeAuditEvent', () => {
  it('names the uploaded file and its size', () => {
    expect(describeAuditEvent(upload)).toBe(`EMT1 d200-ExperimentSummary.csv (${formatBytes(204_800)})`);
  });

  it('names the parsed file through the upload events and files the page knows', () => {
    expect(describeAuditEvent(parse(summary), fileNamesOf([upload]))).toBe(
      'EMT1 d200-ExperimentSummary.csv: NTA parsed',
    );
    expect(describeAuditEvent(parse(summary), fileNamesOf([], [rawFile]))).toBe(
      'EMT1 d200-ExperimentSummary.csv: NTA parsed',
    );
    expect(describeAuditEvent(parse(summary))).toBe('uploaded file: NTA parsed');
  });

  it('gives an unparsed file its error code and line, and the reader message as detail', () => {
    const error = { code: 'malformed-number', message: 'bad number "1,2e"', line: 42, byteOffset: 1337 };
    const unparsed = parse({ ...summary, status: 'unparsed', error });
    expect(describeAuditEvent(unparsed, fileNamesOf([upload]))).toBe(
      'EMT1 d200-ExperimentSummary.csv: NTA unparsed — malformed-number at line 42',
    );
    expect(auditEventDetail(unparsed)).toBe('bad number "1,2e"');
    expect(auditEventDetail(parse(summary))).toBeUndefined();

    const unknown = parse({
      ...summary,
      kind: 'unrecognised',
      status: 'unparsed',
      error: { code: 'unknown-format', message: 'no reader', line: null, byteOffset: null },
    });
    expect(describeAuditEvent(unknown, fileNamesOf([upload]))).toBe(
      'EMT1 d200-ExperimentSummary.csv: unparsed — unknown-format',
    );
  });

  it('still lists the fields a batch edit changed', () => {
    const edit = event({
      action: 'status-change',
      before: { code: 'UC-1', status: 'draft', updatedAt: 'a' },
      after: { code: 'UC-1', status: 'in-qc', updatedAt: 'b' },
    });
    expect(describeAuditEvent(edit)).toBe('status: draft → in-qc');
    expect(describeAuditEvent(event({ after: { code: 'UC-1' } }))).toBe('code UC-1');
  });
});

/** What the PK study store writes as before/after: the study without its rows, with row counts. */
const studySummary = {
  id: 's-1',
  batchId: BATCH,
  title: 'IV DiR mouse',
  species: 'mouse',
  strain: 'C57BL/6J',
  bodyWeightKg: 0.025,
  route: 'intravenous',
  dose: { value: 2e10, unit: 'particles', perKg: false },
  label: 'DiR',
  dosedOn: null,
  notes: '',
  createdAt: 'a',
  updatedAt: 'a',
  concentrationTimeRows: 12,
  biodistributionRows: 0,
};
const pkEvent = (overrides: Partial<AuditEvent>) =>
  event({ entityType: 'pk-study', entityId: 's-1', ...overrides });

describe('PK study events', () => {
  it('summarise the study recorded or deleted: species, route, dose with unit, label and data rows', () => {
    expect(describeAuditEvent(pkEvent({ action: 'create', after: studySummary }))).toBe(
      'recorded PK study "IV DiR mouse": Mouse, Intravenous (IV), 2.00×10¹⁰ particles, DiR · 12 concentration–time + 0 organ rows',
    );
    expect(
      describeAuditEvent(pkEvent({ action: 'delete', before: { ...studySummary, title: '', label: null } })),
    ).toBe(
      'deleted PK study: Mouse, Intravenous (IV), 2.00×10¹⁰ particles · 12 concentration–time + 0 organ rows',
    );
  });

  it('list changed fields in words, with vocabulary labels and dose units', () => {
    const after = {
      ...studySummary,
      route: 'intranasal',
      dose: { value: 1e9, unit: 'ug-protein', perKg: true },
      biodistributionRows: 30,
      updatedAt: 'b',
    };
    expect(describeAuditEvent(pkEvent({ action: 'update', before: studySummary, after }))).toBe(
      'route: Intravenous (IV) → Intranasal (IN) · dose: 2.00×10¹⁰ particles → 1.00×10⁹ µg protein/kg · biodistribution rows: 0 → 30',
    );
  });

  it('link to the study on the PK page unless it was deleted', () => {
    expect(auditEntityLink(pkEvent({ action: 'update' }))).toBe('/pk?study=s-1');
    expect(auditEntityLink(pkEvent({ action: 'delete' }))).toBeNull();
    expect(auditEntityLabel(pkEvent({}))).toBe('PK study');
    expect(auditEntityLink(event({}))).toBeNull();
    expect(auditEntityLink(parse(summary))).toBe('/measurements/m-1');
  });
});

describe('trial events', () => {
  const trial = {
    nctId: 'NCT04388982',
    title: 'Safety of MSC-exosomes in Alzheimer disease',
    status: 'Recruiting',
    phases: ['PHASE1', 'PHASE2'],
    mscSourceRule: 'review table',
    citations: [],
    statusObservedAt: '2024-01-01',
  };
  const trialEvent = (overrides: Partial<AuditEvent>) =>
    event({ entityType: 'trial', entityId: 'NCT04388982', batchId: null, ...overrides });

  it('name the trial, its title and status when imported', () => {
    expect(describeAuditEvent(trialEvent({ action: 'create', after: trial }))).toBe(
      'imported NCT04388982: Safety of MSC-exosomes in Alzheimer disease — Recruiting',
    );
  });

  it('show status changes and list fields, ignoring rule wording and citation churn', () => {
    const after = {
      ...trial,
      status: 'Completed',
      phases: ['PHASE2'],
      mscSourceRule: 'CT.gov text',
      citations: [{ authors: 'x' }],
      statusObservedAt: '2025-01-01',
    };
    expect(describeAuditEvent(trialEvent({ action: 'status-change', before: trial, after }))).toBe(
      'NCT04388982 status: Recruiting → Completed · phases: PHASE1, PHASE2 → PHASE2',
    );
    expect(auditEntityLink(trialEvent({}))).toBe('/evidence?detail=trial%3ANCT04388982');
  });
});

describe('audit trail: measurement curation (migration 0004)', () => {
  it('says a measurement was retracted, with its reason, and names the dilution factor', () => {
    const retracted = event({
      entityType: 'measurement',
      action: 'status-change',
      before: { dilutionFactor: null, retraction: null },
      after: { dilutionFactor: null, retraction: { at: 't', by: 'carol', reason: 'Wrong batch' } },
    });
    expect(describeAuditEvent(retracted)).toBe('retracted: Wrong batch');
    const diluted = event({
      entityType: 'measurement',
      action: 'update',
      before: { dilutionFactor: null, retraction: null },
      after: { dilutionFactor: 100, retraction: null },
    });
    expect(describeAuditEvent(diluted)).toBe('dilution factor: not recorded → 100');
  });
});
