/**
 * Video exclusion for a NanoSight measurement: each video can be left out with a reason (stored, audited);
 * the concentration and size statistics are shown recomputed from the remaining videos.
 */
import { useState } from 'react';
import { characterizationApi, type VideoExclusions } from '../../api/characterization-client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatFixed, formatSci } from '../../lib/format.ts';
import { ApiView } from '../states.tsx';

export function VideoExclusionPanel({
  measurementId,
  videoNames,
}: {
  measurementId: string;
  videoNames: string[];
}) {
  const state = useApi(
    (signal) => characterizationApi.videoExclusions(measurementId, signal),
    [measurementId],
  );
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<VideoExclusions>) => {
    setError(null);
    try {
      await fn();
      state.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="panel" aria-labelledby="video-exclusion-title">
      <h2 id="video-exclusion-title">Videos in the result</h2>
      <ApiView state={state} what="video exclusions">
        {(data) => {
          const excluded = new Map(data.exclusions.map((e) => [e.videoIndex, e]));
          return (
            <>
              <table className="table" aria-label="Video exclusion">
                <thead>
                  <tr>
                    <th>Video</th>
                    <th>Status</th>
                    <th>Reason</th>
                    <th>Action</th>
                  </tr>
                </thead>
                <tbody>
                  {videoNames.map((name, i) => {
                    const e = excluded.get(i);
                    return (
                      <tr key={name}>
                        <td>{name}</td>
                        <td>{e ? `excluded by ${e.excludedBy}` : 'included'}</td>
                        <td>
                          {e ? (
                            e.reason
                          ) : (
                            <input
                              value={reasons[i] ?? ''}
                              onChange={(ev) => setReasons({ ...reasons, [i]: ev.target.value })}
                              placeholder="reason (focus lost, bubble, …)"
                              aria-label={`Reason to exclude ${name}`}
                            />
                          )}
                        </td>
                        <td>
                          {e ? (
                            <button
                              type="button"
                              className="button small"
                              onClick={() =>
                                act(() => characterizationApi.includeVideo(measurementId, i + 1))
                              }
                            >
                              Include again
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="button small"
                              disabled={!(reasons[i] ?? '').trim()}
                              onClick={() =>
                                act(() =>
                                  characterizationApi.excludeVideo(measurementId, i + 1, reasons[i] ?? ''),
                                )
                              }
                            >
                              Exclude
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {error ? (
                <div className="state state-error" role="alert">
                  {error}
                </div>
              ) : null}
              {data.exclusions.length > 0 ? (
                <p data-testid="result-without-excluded">
                  Without the excluded videos: {formatSci(data.result.concentrationPerMl, 3)} ±{' '}
                  {formatSci(data.result.concentrationSE, 2)} particles/mL (mean ± SE of{' '}
                  {data.result.includedVideos.length}); mode {formatFixed(data.result.stats.modeNm, 1)} nm,
                  D50 {formatFixed(data.result.stats.d50Nm, 1)} nm.
                </p>
              ) : (
                <p className="muted">All {data.videos} videos are included.</p>
              )}
            </>
          );
        }}
      </ApiView>
    </section>
  );
}
