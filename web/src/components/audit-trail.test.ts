/** The audit trail's one-line descriptions of batch edits, uploads and parses. */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, RawFile } from '../../../src/domain/measurement.ts';
import { formatBytes } from '../lib/format.ts';
import { auditEventDetail, describeAuditEvent, fileNamesOf } from './audit-trail.tsx';

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
