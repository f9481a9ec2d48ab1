/** The batch's audit trail: who did what, when, and which fields changed (before → after). */
import { useState } from 'react';
import type { AuditEvent } from '../../../src/domain/measurement.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { DASH, formatDateTime } from '../lib/format.ts';
import { Pagination } from './pagination.tsx';
import { ApiView, Empty } from './states.tsx';

const PAGE_SIZE = 20;
const IGNORED_KEYS = new Set(['updatedAt', 'createdAt', 'id']);

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

/** A one-line summary of an event: changed fields for updates, the file for uploads, the outcome of parses. */
export function describeAuditEvent(event: AuditEvent): string {
  const { before, after } = event;
  if (isRecord(before) && isRecord(after)) {
    const changes: string[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (IGNORED_KEYS.has(key)) continue;
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        changes.push(
          key === 'isolationProtocol'
            ? 'isolation protocol changed'
            : `${FIELD_LABELS[key] ?? key}: ${short(before[key])} → ${short(after[key])}`,
        );
      }
    }
    return changes.length ? changes.join(' · ') : 'no field changed';
  }
  if (isRecord(after)) {
    if (typeof after.originalName === 'string')
      return `${after.originalName}${typeof after.sizeBytes === 'number' ? ` (${after.sizeBytes.toLocaleString('en-US')} bytes)` : ''}`;
    if (typeof after.status === 'string' && typeof after.kind === 'string') {
      const error = isRecord(after.error)
        ? ` — ${short(after.error.code)}${after.error.line ? ` at line ${after.error.line}` : ''}`
        : '';
      return `${String(after.kind).toUpperCase()} ${after.status}${error}`;
    }
    if (typeof after.code === 'string') return `code ${after.code}`;
    if (typeof after.name === 'string') return after.name;
  }
  return '';
}

export function AuditTrail({ batchId, version }: { batchId: string; version: number }) {
  const [offset, setOffset] = useState(0);
  const audit = useApi(
    (signal) => api.batchAudit(batchId, { limit: PAGE_SIZE, offset }, signal),
    [batchId, offset, version],
  );
  return (
    <ApiView
      state={audit}
      what="audit trail"
      isEmpty={(p) => p.items.length === 0}
      empty={<Empty title="No audit events yet" />}
    >
      {(page) => (
        <>
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
                  <td>{e.actor}</td>
                  <td>
                    <span className={`action action-${e.action}`}>{e.action}</span>
                  </td>
                  <td className="muted">{e.entityType}</td>
                  <td className="audit-change">{describeAuditEvent(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            total={page.total}
            limit={page.limit || PAGE_SIZE}
            offset={page.offset}
            onOffset={setOffset}
          />
        </>
      )}
    </ApiView>
  );
}
