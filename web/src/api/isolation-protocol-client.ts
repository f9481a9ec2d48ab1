/**
 * HTTP calls of the protocol builder: the server-side simulator (same JSON as `evlab protocol simulate
 * --json`), the NTA measurement used as an input population, and saving a protocol to a batch.
 * The builder itself recomputes in the browser with the pure simulator; these are for the stored data.
 */
import type { Batch } from '../../../src/domain/batch.ts';
import type { IsolationProtocol } from '../../../src/domain/isolation-protocol.ts';
import type { InputPopulation } from '../../../src/science/isolation-chain/input-population.ts';
import type { SimulationResult } from '../../../src/science/isolation-chain/simulate-protocol.ts';
import type { NtaReport } from '../../../src/science/nta/nta-report.ts';
import { api, request } from './client.ts';

export interface SimulateRequest {
  protocol: IsolationProtocol;
  input?: InputPopulation;
  measurementId?: string;
}

export const isolationProtocolApi = {
  /** POST /api/isolation/simulate. */
  simulate: (body: SimulateRequest, signal?: AbortSignal) =>
    request<SimulationResult>('POST', '/api/isolation/simulate', { body, signal }),

  /** The NTA report (number-weighted bins) of a measurement, or null when it has none. */
  async ntaReport(measurementId: string, signal?: AbortSignal): Promise<NtaReport | null> {
    const m = await api.getMeasurement(measurementId, signal);
    if (m.kind !== 'nta' || m.status !== 'parsed' || !m.metrics) return null;
    return m.metrics as NtaReport;
  },

  /** PATCH /api/batches/:id with the protocol as the batch's isolationProtocol. */
  saveToBatch: (batchId: string, protocol: IsolationProtocol): Promise<Batch> =>
    api.updateBatch(batchId, { isolationProtocol: protocol }),
};
