/**
 * Track-level NTA (`nta-tracks`): the maximum-likelihood size (finite-track-length adjusted, Walker 2012,
 * Meas Sci Technol 23:065605), the naive per-track mode and the number of tracks, as batch metrics.
 */
import { COMPLETED_TRACKS_MIN } from '../../science/nta/nta-qc-flags.ts';
import type { TrackSizingReport } from '../../science/nta-tracks/size-tracks.ts';
import type { TrackMeasurementRecord } from '../track-readers.ts';
import { type BatchMetric, type MetricContributor, type MetricQc, provenanceOf } from './batch-metric.ts';

/**
 * Fewer tracks than this: size statistics flagged "warn". The same threshold as NanoSight summaries get in
 * `nta-qc-flags.ts` (COMPLETED_TRACKS_MIN: an evlab project decision, see its comment).
 */
export const MIN_TRACKS = COMPLETED_TRACKS_MIN;

export const ntaTracksMetrics: MetricContributor = {
  kind: 'nta-tracks',
  contribute(m, ctx) {
    const r = m.metrics as TrackSizingReport | null;
    if (!r || typeof r.tracks !== 'number' || !r.ml || !r.naive) return [];
    const parsed = m.parsed as TrackMeasurementRecord | null;
    const c = r.conditions;
    const conditions = `${c.temperatureC} °C, η ${c.viscosityCp.toFixed(4)} cP${
      parsed?.viscositySource === 'given' ? ' (given)' : ' (water)'
    }, ${c.fps ?? '?'} fps${c.umPerPx !== null ? `, ${c.umPerPx} µm/px` : ''}`;
    // A capped EM is the method's regularisation (early stopping, see finite-track-length-adjustment.ts),
    // not a failure: only the track count decides the QC status.
    const qc: MetricQc = r.tracks < MIN_TRACKS ? 'warn' : 'pass';
    const note =
      r.tracks < MIN_TRACKS ? `only ${r.tracks} tracks (< ${MIN_TRACKS}); ${conditions}` : conditions;
    const ml = provenanceOf(
      m,
      ctx.fileName,
      'MSD at lag 1, drift removed; Stokes–Einstein; finite-track-length ML (Walker 2012)',
    );
    const naive = provenanceOf(m, ctx.fileName, 'MSD at lag 1 per track; Stokes–Einstein; histogram');
    const row = (
      key: string,
      label: string,
      value: number | null,
      unit: string | null,
      provenance: typeof ml,
    ): BatchMetric => ({
      key,
      label,
      group: 'size',
      value,
      unit,
      uncertainty: null,
      qc,
      note,
      provenance,
    });
    return [
      row('tracks.mlModeNm', 'Mode size, ML track sizing', r.ml.modeNm, 'nm', ml),
      row('tracks.mlD50Nm', 'D50, ML track sizing', r.ml.d50Nm, 'nm', ml),
      row('tracks.naiveModeNm', 'Mode size, naive per-track histogram', r.naive.modeNm, 'nm', naive),
      row('tracks.naiveD50Nm', 'D50, naive per-track', r.naive.d50Nm, 'nm', naive),
      row('tracks.count', 'Tracks sized', r.tracks, 'tracks', naive),
    ];
  },
};
