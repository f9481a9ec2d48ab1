/**
 * The input population of the protocol builder: a preset (serum-free MSC medium, medium with EV-depleted
 * FBS, plasma) with editable log-normal size, concentration, volume, protein and lipoprotein loads — or the
 * number-weighted bins of a batch's NTA measurement.
 */

import { useState } from 'react';
import {
  type InputPopulation,
  POPULATION_PRESETS,
  type PopulationPreset,
  PRESETS,
  type SizeDistributionInput,
  sizeDistributionFromNtaReport,
} from '../../../../src/science/isolation-chain/input-population.ts';
import { type ApiError, api, toApiError } from '../../api/client.ts';
import { isolationProtocolApi } from '../../api/isolation-protocol-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ErrorPanel } from '../states.tsx';

export interface InputDraft {
  preset: PopulationPreset;
  medianNm: string;
  gsd: string;
  particlesPerMl: string;
  volumeMl: string;
  proteinUgPerMl: string;
  hdl: string;
  ldl: string;
  vldl: string;
  /** Bins of an NTA measurement, when one is chosen (replaces the log-normal). */
  nta: { label: string; bins: SizeDistributionInput } | null;
}

export function presetDraft(preset: PopulationPreset): InputDraft {
  const p = PRESETS[preset];
  return {
    preset,
    medianNm: String(p.medianNm),
    gsd: String(p.gsd),
    particlesPerMl: String(p.particlesPerMl),
    volumeMl: String(p.volumeMl),
    proteinUgPerMl: String(p.proteinUgPerMl),
    hdl: String(p.hdl),
    ldl: String(p.ldl),
    vldl: String(p.vldl),
    nta: null,
  };
}

const num = (text: string): number | undefined => {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) ? v : undefined;
};

/**
 * The simulator's input from the form. Values left at the preset's are not sent, so the simulator keeps
 * reporting them as assumptions; blank fields fall back to the preset too.
 */
export function draftToPopulation(draft: InputDraft): InputPopulation {
  const preset = PRESETS[draft.preset];
  const changed = (text: string, presetValue: number): number | undefined => {
    const v = num(text);
    return v === undefined || v === presetValue ? undefined : v;
  };
  const median = num(draft.medianNm);
  const gsd = num(draft.gsd);
  const logNormalChanged =
    median !== undefined && gsd !== undefined && (median !== preset.medianNm || gsd !== preset.gsd);
  return {
    preset: draft.preset,
    sizeDistribution: draft.nta
      ? draft.nta.bins
      : logNormalChanged
        ? { kind: 'log-normal', medianNm: median as number, gsd: gsd as number }
        : undefined,
    particlesPerMl: draft.nta ? undefined : changed(draft.particlesPerMl, preset.particlesPerMl),
    volumeMl: changed(draft.volumeMl, preset.volumeMl),
    proteinUgPerMl: changed(draft.proteinUgPerMl, preset.proteinUgPerMl),
    lipoproteinParticlesPerMl: {
      hdl: changed(draft.hdl, preset.hdl),
      ldl: changed(draft.ldl, preset.ldl),
      vldl: changed(draft.vldl, preset.vldl),
    },
  };
}

function NtaPicker({ onPick }: { onPick: (label: string, bins: SizeDistributionInput) => void }) {
  const [batchId, setBatchId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const batches = useApi((signal) => api.listBatches({ limit: 200 }, signal), []);
  const measurements = useApi(
    (signal) =>
      batchId ? api.listMeasurements({ batchId, kind: 'nta', limit: 100 }, signal) : Promise.resolve(null),
    [batchId],
  );
  return (
    <div className="pb-toolbar">
      <label className="field">
        <span className="field-label">Batch</span>
        <select
          value={batchId}
          onChange={(e) => setBatchId(e.target.value)}
          aria-label="Batch with an NTA measurement"
        >
          <option value="">
            {batches.data ? 'Choose a batch…' : batches.error ? 'Batches unavailable' : 'Loading…'}
          </option>
          {(batches.data?.items ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {b.code}
            </option>
          ))}
        </select>
      </label>
      {batchId ? (
        <label className="field">
          <span className="field-label">NTA measurement</span>
          <select
            aria-label="NTA measurement"
            value=""
            onChange={async (e) => {
              const id = e.target.value;
              if (!id) return;
              setError(null);
              try {
                const report = await isolationProtocolApi.ntaReport(id);
                const bins = report ? sizeDistributionFromNtaReport(report) : null;
                if (!report || !bins)
                  throw new Error('This measurement has no number-weighted size distribution.');
                const code = batches.data?.items.find((b) => b.id === batchId)?.code ?? batchId;
                onPick(`${code} · ${report.file}`, bins);
              } catch (err) {
                setError(toApiError(err));
              }
            }}
          >
            <option value="">
              {measurements.loading
                ? 'Loading…'
                : (measurements.data?.items.length ?? 0) === 0
                  ? 'No NTA measurements'
                  : 'Choose…'}
            </option>
            {(measurements.data?.items ?? [])
              .filter((m) => m.status === 'parsed')
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.instrument} · {formatDateTime(m.createdAt)}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      {batches.error ? <ErrorPanel error={batches.error} compact onRetry={batches.reload} /> : null}
      {measurements.error ? <ErrorPanel error={measurements.error} compact /> : null}
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
}

export function ProtocolInputEditor({
  draft,
  onChange,
}: {
  draft: InputDraft;
  onChange: (draft: InputDraft) => void;
}) {
  const [picking, setPicking] = useState(false);
  const preset = PRESETS[draft.preset];
  const field = (
    key: keyof Omit<InputDraft, 'preset' | 'nta'>,
    label: string,
    unit: string,
    hint: string,
  ) => (
    <label className="field" title={hint}>
      <span className="field-label">
        {label} ({unit})
      </span>
      <input
        type="number"
        step="any"
        value={draft[key]}
        onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
        aria-label={`Input ${label}`}
      />
    </label>
  );
  return (
    <fieldset className="stack">
      <legend>Input population</legend>
      <div className="pb-toolbar">
        <label className="field">
          <span className="field-label">Starting material</span>
          <select
            aria-label="Starting material preset"
            value={draft.preset}
            onChange={(e) => onChange(presetDraft(e.target.value as PopulationPreset))}
          >
            {POPULATION_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESETS[p].label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" onClick={() => setPicking((v) => !v)}>
          {picking ? 'Close NTA picker' : 'Use a batch’s NTA measurement'}
        </button>
      </div>
      {picking ? (
        <NtaPicker
          onPick={(label, bins) => {
            onChange({ ...draft, nta: { label, bins } });
            setPicking(false);
          }}
        />
      ) : null}
      {draft.nta ? (
        <p className="small">
          Size distribution and concentration from <strong>{draft.nta.label}</strong>{' '}
          <button type="button" className="button small" onClick={() => onChange({ ...draft, nta: null })}>
            Use log-normal instead
          </button>
        </p>
      ) : null}
      <details className="pb-about">
        <summary>Where the preset values come from (typical values, not measurements)</summary>
        <dl>
          {Object.entries(preset.sources).map(([key, source]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{source}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="pb-params">
        {draft.nta ? null : (
          <>
            {field('medianNm', 'Median diameter', 'nm', preset.sources.size)}
            {field('gsd', 'Geometric SD', '×', 'log-normal spread; NTA of MSC-EVs ~1.4–1.5')}
            {field('particlesPerMl', 'EVs', 'particles/mL', preset.sources.particles)}
          </>
        )}
        {field('volumeMl', 'Volume', 'mL', preset.sources.volume)}
        {field('proteinUgPerMl', 'Free protein', 'µg/mL', preset.sources.protein)}
        {field('hdl', 'HDL', 'particles/mL', preset.sources.lipoproteins)}
        {field('ldl', 'LDL', 'particles/mL', preset.sources.lipoproteins)}
        {field('vldl', 'VLDL', 'particles/mL', preset.sources.lipoproteins)}
      </div>
    </fieldset>
  );
}
