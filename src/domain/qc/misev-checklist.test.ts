import { describe, expect, it } from 'vitest';
import type { Batch } from '../batch.ts';
import type { BatchMetric } from './batch-metric.ts';
import { evTrackFields, misevChecklist } from './misev-checklist.ts';

// Hand-made batch: the counting rules of the transparency score (EV-METRIC: method-specific items only when used).
const batch = (steps: Batch['isolationProtocol']['steps']): Batch => ({
  id: 'b1',
  projectId: 'p',
  sourceId: null,
  code: 'B-1',
  conditionedMediumVolumeMl: 500,
  isolationProtocol: { version: 1, name: '', steps },
  finalVolumeMl: 1,
  buffer: 'PBS',
  storageTemperatureC: -80,
  harvestDate: '2026-01-01',
  isolationDate: null,
  status: 'in-qc',
  notes: '',
  intendedIndication: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const m = (name: string, value: number | string, reliable = true): BatchMetric => ({
  name,
  value,
  unit: '',
  source: {
    type: 'measurement',
    id: `m-${name}`,
    kind: 'nta',
    label: 'file.csv',
    recordedAt: '2026-01-02T00:00:00Z',
  },
  flags: [],
  reliable,
});

describe('MISEV checklist', () => {
  it('counts method-specific items only when the method was used', () => {
    const secOnly = misevChecklist({
      batch: batch([
        {
          method: 'size-exclusion-chromatography',
          parameters: { column: 'qEV', fractionsPooled: '7-9' },
          notes: '',
        },
      ]),
      source: null,
      metrics: [],
      measurements: [],
    });
    const status = (id: string) => secOnly.items.find((i) => i.id === id)?.status;
    expect(status('centrifugation-g-time')).toBe('not-applicable');
    expect(status('centrifugation-rotor')).toBe('not-applicable');
    expect(status('sec-parameters')).toBe('present');
    expect(secOnly.applicable).toBe(secOnly.items.length - 3);
    expect(secOnly.score).toBeCloseTo((100 * secOnly.present) / secOnly.applicable, 1);

    const uc = misevChecklist({
      batch: batch([
        { method: 'differential-ultracentrifugation', parameters: { rcfG: 100000, minutes: 70 }, notes: '' },
      ]),
      source: null,
      metrics: [],
      measurements: [],
    });
    expect(uc.items.find((i) => i.id === 'centrifugation-g-time')?.status).toBe('present');
    const rotor = uc.items.find((i) => i.id === 'centrifugation-rotor');
    expect(rotor?.status).toBe('missing');
    expect(uc.missing).toContain(rotor?.requirement);
  });

  it('links each present item to its evidence and ignores unreliable values', () => {
    const input = {
      batch: batch([]),
      source: null,
      metrics: [
        m('nta.concentrationPerMl', 2e11),
        m('marker.CD63', 'present'),
        m('protein.concentrationUgPerMl', 5, false),
      ],
      measurements: [{ id: 'm-nta', kind: 'nta', label: 'file.csv' }],
    };
    const checklist = misevChecklist(input);
    const item = (id: string) => checklist.items.find((i) => i.id === id);
    expect(item('particle-number')?.evidence[0]?.href).toBe('/measurements/m-nta.concentrationPerMl');
    expect(item('markers-transmembrane')?.status).toBe('present');
    expect(item('protein-amount')?.status).toBe('missing');
    expect(item('single-ev-non-imaging')?.status).toBe('present');
    expect(item('single-ev-imaging')?.status).toBe('missing');
    const fields = evTrackFields(input, checklist);
    expect(fields['Particle concentration (particles/mL)']).toBe(2e11);
    expect(fields['Proteins detected']).toBe('CD63');
    expect(fields['Protein concentration (µg/mL)']).toBeNull();
  });
});
