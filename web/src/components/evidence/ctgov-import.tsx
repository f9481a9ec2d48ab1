/**
 * Imports ClinicalTrials.gov API v2 JSON (one study or a search page with `studies`) by upload or paste,
 * and shows what changed: imported, updated, unchanged and per-path errors.
 */
import { useState } from 'react';
import { type ApiError, toApiError } from '../../api/client.ts';
import { evidenceApi, type ImportResult } from '../../api/evidence-client.ts';
import { ErrorPanel } from '../states.tsx';
import { TrialsKeptAside } from './trials-kept-aside.tsx';

export function CtgovImport({ onImported }: { onImported: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const submit = async () => {
    setResult(null);
    setError(null);
    setParseError(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setParseError(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    setBusy(true);
    try {
      const r = await evidenceApi.importCtgov(body);
      setResult(r);
      setVersion((v) => v + 1);
      if (r.imported + r.updated > 0) onImported();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack ev-import"
      aria-label="ClinicalTrials.gov import"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="muted small">
        Paste or upload a ClinicalTrials.gov API v2 study (<span className="mono">/api/v2/studies/NCT…</span>)
        or search page (<span className="mono">{'{ "studies": [...] }'}</span>). Known NCT ids are updated and
        their status changes recorded; the review's curated fields are kept. A study that does not name both
        MSCs and extracellular vesicles is kept aside below until you add it.
      </p>
      <label className="field">
        <span className="field-label">JSON file</span>
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            setText(await file.text());
          }}
        />
      </label>
      <label className="field">
        <span className="field-label">
          CT.gov JSON{fileName ? <span className="muted"> (from {fileName})</span> : null}
        </span>
        <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {parseError ? (
        <div className="state state-error compact" role="alert">
          {parseError}
        </div>
      ) : null}
      {error ? <ErrorPanel error={error} compact /> : null}
      {result ? (
        <output className="stack" aria-label="Import result">
          <div className="ev-counts">
            <span>
              <strong>{result.imported}</strong> imported
            </span>
            <span>
              <strong>{result.updated}</strong> updated
            </span>
            <span>
              <strong>{result.unchanged}</strong> unchanged
            </span>
            <span>
              <strong>{result.errors.length}</strong> errors
            </span>
          </div>
          {result.errors.length > 0 ? (
            <ul className="problem-errors">
              {result.errors.map((e) => {
                const path = Array.isArray(e.path) ? e.path.join('.') : e.path;
                return (
                  <li key={`${path}:${e.message}`}>
                    <code>{path}</code> {e.message}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </output>
      ) : null}
      <TrialsKeptAside version={version} onChanged={onImported} />
    </form>
  );
}
