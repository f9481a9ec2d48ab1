/**
 * Drag-and-drop (or browse) upload of instrument files to a batch. Each file is sent as its own request so
 * each has its own progress bar (XHR upload progress) and its own answer: parsed ✓ with a link to the
 * measurement, or the reader's error code, message and line from the 422 problem+json.
 */
import { type DragEvent, Fragment, useRef, useState } from 'react';
import type { MeasurementKind } from '../../../src/domain/measurement.ts';
import { type ApiError, type UploadResult, uploadBatchFile } from '../api/client.ts';
import { formatBytes } from '../lib/format.ts';
import { duplicateOf } from '../lib/upload-duplicate.ts';
import { Link } from '../router.tsx';

/** Files uploaded at the same time; more would only queue in the browser anyway. */
const CONCURRENCY = 2;

interface UploadItem {
  key: number;
  file: File;
  loaded: number;
  phase: 'queued' | 'uploading' | 'processing' | 'done' | 'failed';
  results: UploadResult[];
  error: ApiError | null;
}

let nextKey = 1;

export function UploadZone({ batchId, onUploaded }: { batchId: string; onUploaded: () => void }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [kind, setKind] = useState<'' | MeasurementKind>('');
  const [acquisition, setAcquisition] = useState({ umPerPx: '', fps: '', temperatureC: '', viscosityCp: '' });
  const numbers = () =>
    Object.fromEntries(
      Object.entries(acquisition)
        .filter(([, v]) => v.trim() !== '' && Number.isFinite(Number(v)))
        .map(([k, v]) => [k, Number(v)]),
    );
  const inputRef = useRef<HTMLInputElement | null>(null);
  const depth = useRef(0);

  const update = (key: number, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = (files: File[]) => {
    if (files.length === 0) return;
    const added: UploadItem[] = files.map((file) => ({
      key: nextKey++,
      file,
      loaded: 0,
      phase: 'queued',
      results: [],
      error: null,
    }));
    setItems((list) =>
      [...added, ...list.filter((i) => i.phase !== 'done' || i.results.length === 0)].slice(0, 50),
    );
    const queue = [...added];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const key = item.key;
        update(key, { phase: 'uploading' });
        const outcome = await uploadBatchFile(batchId, item.file, {
          kind: kind || undefined,
          acquisition: numbers(),
          onProgress: ({ loaded, total }) =>
            update(key, { loaded, phase: loaded >= total && total > 0 ? 'processing' : 'uploading' }),
        });
        update(key, {
          phase: outcome.ok ? 'done' : 'failed',
          loaded: item.file.size,
          results: outcome.results,
          error: outcome.ok ? null : outcome.error,
        });
        if (outcome.results.length > 0) onUploaded();
      }
    };
    void Promise.all(Array.from({ length: Math.min(CONCURRENCY, added.length) }, worker));
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    depth.current = 0;
    setDragging(false);
    start(Array.from(e.dataTransfer.files));
  };

  return (
    <div className="upload">
      {/* biome-ignore lint/a11y/useSemanticElements: a drop target that also opens the file picker. */}
      <div
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        data-testid="upload-dropzone"
        role="button"
        tabIndex={0}
        onClick={() => inputRef.current?.click()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            inputRef.current?.click();
          }
        }}
        onDragEnter={(e) => {
          e.preventDefault();
          depth.current += 1;
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" className="dropzone-icon">
          <path
            d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V15"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <div>
          <div className="dropzone-title">Drop instrument files here, or click to choose</div>
          <div className="muted small">
            NanoSight NTA <code>…-ExperimentSummary.csv</code> exports · several at once · the raw file is
            always kept
          </div>
        </div>
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          data-testid="upload-input"
          onChange={(e) => {
            start(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </div>
      <div className="upload-options">
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as '' | MeasurementKind)}>
            <option value="">auto-detect</option>
            <option value="nta">NTA (NanoSight)</option>
            <option value="nta-tracks">NTA particle tracks</option>
          </select>
        </label>
        {kind === 'nta-tracks' ||
        items.some((i) => i.error?.problem?.code === 'missing-acquisition-parameters') ? (
          <fieldset className="upload-acquisition" data-testid="upload-acquisition">
            <legend>Track tables: acquisition</legend>
            {(
              [
                ['umPerPx', 'µm per pixel'],
                ['fps', 'frames/s'],
                ['temperatureC', '°C'],
                ['viscosityCp', 'viscosity cP (blank: water)'],
              ] as const
            ).map(([name, label]) => (
              <label key={name}>
                {label}{' '}
                <input
                  inputMode="decimal"
                  size={6}
                  name={name}
                  value={acquisition[name]}
                  onChange={(e) => setAcquisition((a) => ({ ...a, [name]: e.target.value }))}
                />
              </label>
            ))}
          </fieldset>
        ) : null}
        {items.some((i) => i.phase === 'done' || i.phase === 'failed') ? (
          <button
            type="button"
            className="button small"
            onClick={() => setItems((list) => list.filter((i) => i.phase !== 'done' && i.phase !== 'failed'))}
          >
            Clear list
          </button>
        ) : null}
      </div>
      {items.length > 0 ? (
        <ul className="upload-list" data-testid="upload-list">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UploadRow({ item }: { item: UploadItem }) {
  const fraction = item.file.size > 0 ? Math.min(1, item.loaded / item.file.size) : 1;
  const parseError = item.results.find((r) => r.measurement.error)?.measurement.error ?? null;
  const duplicate = item.phase === 'failed' ? duplicateOf(item.error?.problem) : null;
  return (
    <li className={`upload-item ${item.phase}`} data-phase={item.phase}>
      <div className="upload-name">
        <span className="mono" title={item.file.name}>
          {item.file.name}
        </span>
        <span className="muted small">{formatBytes(item.file.size)}</span>
      </div>
      {item.phase === 'queued' || item.phase === 'uploading' || item.phase === 'processing' ? (
        <div className="upload-progress">
          <progress max={1} value={fraction} aria-label={`Upload of ${item.file.name}`} />
          <span className="small muted">
            {item.phase === 'queued'
              ? 'waiting'
              : item.phase === 'processing'
                ? 'reading file…'
                : `${Math.round(fraction * 100)} %`}
          </span>
        </div>
      ) : null}
      {item.phase === 'done' ? (
        <div className="upload-result ok">
          {item.results.map((r) => (
            <Fragment key={r.measurement.id}>
              <span>
                ✓ parsed · {r.measurement.kind.toUpperCase()} · {r.measurement.instrument}
              </span>
              <Link to={`/measurements/${r.measurement.id}`}>Open measurement →</Link>
            </Fragment>
          ))}
        </div>
      ) : null}
      {duplicate ? (
        <div className="upload-result dup" role="status">
          <span>Already on this batch: the same file (identical contents) is stored as a measurement.</span>
          <Link to={duplicate.href}>Open the existing measurement →</Link>
        </div>
      ) : null}
      {item.phase === 'failed' && !duplicate ? (
        <div className="upload-result bad" role="alert">
          {parseError ? (
            <>
              <span className="error-code">{parseError.code}</span>
              {parseError.line !== null ? <span className="error-line">line {parseError.line}</span> : null}
              <span>{parseError.message}</span>
              {item.results[0] ? (
                <span className="muted small">
                  raw file kept · <Link to={`/measurements/${item.results[0].measurement.id}`}>details</Link>
                </span>
              ) : null}
            </>
          ) : (
            <>
              <span className="error-code">{item.error?.title ?? 'Upload failed'}</span>
              <span>{item.error?.detail ?? item.error?.errors.map((e) => e.message).join('; ')}</span>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
