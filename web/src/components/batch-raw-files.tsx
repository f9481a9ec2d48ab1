/**
 * Every raw file recorded against a batch — instrument exports, PK-study source tables — as it was given:
 * name, type, size, SHA-256 and who stored it, each with a download of the original bytes. Raw files are
 * immutable and content-addressed (src/store/blob-store.ts), so this list is the batch's provenance.
 */
import type { RawFile } from '../../../src/domain/measurement.ts';
import type { Page } from '../api/client.ts';
import { api } from '../api/client.ts';
import { formatBytes, formatLocalDateTime } from '../lib/format.ts';

export function BatchRawFiles({ page }: { page: Page<RawFile> | null | undefined }) {
  if (!page || page.total === 0) return null;
  const more = page.total - page.items.length;
  return (
    <details className="raw-files" data-testid="batch-raw-files">
      <summary>
        Raw files ({page.total}) — stored unchanged before parsing; download the original bytes
      </summary>
      <table className="table">
        <thead>
          <tr>
            <th>File</th>
            <th>Type</th>
            <th className="num">Size</th>
            <th>SHA-256</th>
            <th>Stored by</th>
            <th>At</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((f) => (
            <tr key={f.id}>
              <td>
                <a href={api.rawFileContentUrl(f.id)} download={f.originalName}>
                  {f.originalName}
                </a>
              </td>
              <td className="muted">{f.mediaType}</td>
              <td className="num nowrap">{formatBytes(f.sizeBytes)}</td>
              <td>
                <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
              </td>
              <td>{f.uploadedBy}</td>
              <td className="nowrap">{formatLocalDateTime(f.uploadedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="muted small">and {more} more (GET /api/batches/:id/files)</p> : null}
    </details>
  );
}
