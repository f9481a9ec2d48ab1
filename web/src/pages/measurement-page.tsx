/** One measurement. NTA: header, QC flags, size distribution plot, instrument-vs-evlab statistics. */

import { useState } from 'react';
import type { Measurement } from '../../../src/domain/measurement.ts';
import type { FlowMetrics } from '../../../src/science/flow/flow-channel-statistics.ts';
import type { NtaReport } from '../../../src/science/nta/nta-report.ts';
import type { TrackSizingReport } from '../../../src/science/nta-tracks/size-tracks.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import {
  CHARACTERIZATION_KINDS,
  CharacterizationMeasurementView,
} from '../components/characterization/characterization-measurement-view.tsx';
import { TemImageView, TemView } from '../components/characterization/tem-view.tsx';
import { TrackSizingResult } from '../components/characterization/track-sizing-result.tsx';
import { VideoExclusionPanel } from '../components/characterization/video-exclusion-panel.tsx';
import { isZetaViewReport, ZetaViewView } from '../components/characterization/zetaview-view.tsx';
import type { EditableSpillover } from '../components/flow/compensation-editor.tsx';
import { FlowView } from '../components/flow/flow-view.tsx';
import { DilutionFactorField } from '../components/measurement-curation.tsx';
import { ConditionsTable, SizeStatsTable } from '../components/nta-stats-tables.tsx';
import { QcFlags } from '../components/qc-flags.tsx';
import { ApiView } from '../components/states.tsx';
import { MeasurementStatusChip, StatusChip } from '../components/status-chip.tsx';
import { XRangeControl } from '../components/x-range-control.tsx';
import { downloadText, safeFileName } from '../lib/csv.ts';
import {
  DASH,
  formatDateTime,
  formatDecimals,
  formatLocalDateTime,
  formatSci,
  formatSignificant,
} from '../lib/format.ts';
import { isNtaReport, videoLabels } from '../lib/nta.ts';
import { ntaStatisticsCsv } from '../lib/nta-export.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { AVERAGE_COLOR, BAND_COLOR, seriesColor } from '../plots/palette.ts';
import { SizeDistributionPlot } from '../plots/size-distribution-plot.tsx';
import { Link } from '../router.tsx';

export function MeasurementPage({ measurementId }: { measurementId: string }) {
  const measurement = useApi((signal) => api.getMeasurement(measurementId, signal), [measurementId]);
  const m = measurement.data;
  const batch = useApi(
    (signal) => (m ? api.getBatch(m.batchId, signal) : Promise.resolve(undefined)),
    [m?.batchId],
  );
  const rawFile = useApi(
    (signal) => (m ? api.getRawFile(m.rawFileId, signal) : Promise.resolve(undefined)),
    [m?.rawFileId],
  );
  const fileName = rawFile.data?.originalName ?? (isNtaReport(m?.metrics) ? m.metrics.file : undefined);
  useDocumentTitle(fileName);

  return (
    <div className="stack">
      <nav className="breadcrumb">
        <Link to="/batches">Batches</Link> <span aria-hidden="true">/</span>{' '}
        {m ? (
          <Link to={`/batches/${m.batchId}`} className="mono">
            {batch.data?.code ?? '…'}
          </Link>
        ) : (
          '…'
        )}{' '}
        <span aria-hidden="true">/</span> <span className="mono">{fileName ?? 'measurement'}</span>
      </nav>
      <ApiView state={measurement} what="measurement">
        {(data) => (
          <>
            <div className="page-head">
              <div>
                <h1 className="measurement-title">
                  {isNtaReport(data.metrics) && data.metrics.sample
                    ? data.metrics.sample
                    : (fileName ?? 'Measurement')}{' '}
                  <MeasurementStatusChip status={data.status} />
                </h1>
                <div className="subtitle">
                  {data.kind.toUpperCase()} · {data.instrument} · read by {data.readerName}{' '}
                  {data.readerVersion} · added {formatDateTime(data.createdAt)}
                  {batch.data ? (
                    <>
                      {' · batch '}
                      <Link to={`/batches/${batch.data.id}`} className="mono">
                        {batch.data.code}
                      </Link>{' '}
                      <StatusChip status={batch.data.status} />
                    </>
                  ) : null}
                </div>
              </div>
              <div className="page-actions">
                <a className="button" href={api.rawFileContentUrl(data.rawFileId)}>
                  Download raw file
                </a>
                {data.status === 'parsed' && data.kind === 'nta' ? (
                  <Link className="button primary" to={`/overlay?ids=${data.id}`}>
                    Overlay with others
                  </Link>
                ) : null}
              </div>
            </div>
            <MeasurementBody measurement={data} onChanged={measurement.reload} />
          </>
        )}
      </ApiView>
    </div>
  );
}

function MeasurementBody({ measurement, onChanged }: { measurement: Measurement; onChanged: () => void }) {
  if (measurement.status === 'unparsed') {
    const e = measurement.error;
    return (
      <section className="panel">
        <div className="state state-error" role="alert">
          <div className="state-title">The file could not be read{e ? `: ${e.code}` : ''}</div>
          {e ? (
            <div className="state-body">
              {e.line !== null ? <span className="error-line">line {e.line}</span> : null}
              {e.line !== null ? ' ' : null}
              {e.message}
            </div>
          ) : null}
          <div className="state-body muted">
            The original bytes are kept: download the raw file above, fix the export and upload it again.
          </div>
        </div>
      </section>
    );
  }
  if (measurement.kind === 'flow' && measurement.metrics) {
    const spill = (measurement.parsed as { datasets?: { spillover?: EditableSpillover | null }[] } | null)
      ?.datasets?.[0]?.spillover;
    return (
      <FlowView
        measurementId={measurement.id}
        metrics={measurement.metrics as FlowMetrics}
        batchId={measurement.batchId}
        spillover={spill ?? null}
      />
    );
  }
  if (measurement.kind === 'nta' && isNtaReport(measurement.metrics)) {
    return (
      <>
        <NtaView
          report={measurement.metrics}
          instrument={measurement.instrument || 'instrument'}
          curation={{ measurement, onChanged }}
        />
        <VideoExclusionPanel measurementId={measurement.id} videoNames={videoLabels(measurement.metrics)} />
      </>
    );
  }
  if (measurement.kind === 'zetaview' && isZetaViewReport(measurement.metrics))
    return <ZetaViewView report={measurement.metrics} />;
  if (measurement.kind === 'nta-tracks' && isTrackSizingReport(measurement.metrics))
    return <TrackMeasurementView report={measurement.metrics} parsed={measurement.parsed} />;
  if (measurement.kind === 'tem') return <TemView measurementId={measurement.id} />;
  if (measurement.kind === 'tem-image')
    return <TemImageView src={api.rawFileContentUrl(measurement.rawFileId)} metrics={measurement.metrics} />;
  if (CHARACTERIZATION_KINDS.includes(measurement.kind) && measurement.metrics) {
    return <CharacterizationMeasurementView measurement={measurement} />;
  }
  return (
    <section className="panel">
      <h2>Metrics</h2>
      <pre className="json">{JSON.stringify(measurement.metrics, null, 2)}</pre>
    </section>
  );
}

function NtaView({
  report,
  instrument,
  curation,
}: {
  report: NtaReport;
  instrument: string;
  /** The measurement, for the dilution factor a user enters when the file does not record it. */
  curation?: { measurement: Measurement; onChanged: () => void };
}) {
  const [xMaxNm, setXMaxNm] = useState(500);
  const [showVideos, setShowVideos] = useState(true);
  const [showBand, setShowBand] = useState(true);
  const labels = videoLabels(report);

  return (
    <>
      <section className="panel">
        <dl className="meta-grid" data-testid="nta-header">
          <div className="span-4">
            <dt>File</dt>
            <dd className="mono">{report.file}</dd>
          </div>
          <div className="span-2 key-figure">
            <dt>Concentration (average ± SE of videos)</dt>
            <dd>
              <span className="strong">
                {formatSci(report.average.concentrationPerMl, 3)}
                {report.average.concentrationSE !== null
                  ? ` ± ${formatSci(report.average.concentrationSE, 2)}`
                  : ''}
              </span>{' '}
              <span className="unit">particles/mL</span>
            </dd>
          </div>
          <div>
            <dt>Sample</dt>
            <dd>{report.sample || DASH}</dd>
          </div>
          <div>
            <dt>Operator</dt>
            <dd>{report.operator || DASH}</dd>
          </div>
          <div>
            <dt title="As recorded by the instrument, which stores no time zone">Captured at</dt>
            <dd>{formatLocalDateTime(report.capturedAt)}</dd>
          </div>
          <div>
            <dt>Dilution factor</dt>
            <dd>
              {report.dilutionFactor !== null ? (
                `×${formatSignificant(report.dilutionFactor, 6)}`
              ) : curation && !curation.measurement.retraction ? (
                // The file says "not recorded": the user may enter it (used by the dose preparation).
                <DilutionFactorField m={curation.measurement} onChanged={curation.onChanged} />
              ) : (
                'not recorded'
              )}
            </dd>
          </div>
          <div>
            <dt>Videos</dt>
            <dd>{report.videos.length}</dd>
          </div>
          <div>
            <dt>Software</dt>
            <dd>{report.software || DASH}</dd>
          </div>
        </dl>
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>QC flags</h2>
          <span className="muted small">
            {(['error', 'warning', 'info'] as const)
              .map((level) => [level, report.flags.filter((f) => f.level === level).length] as const)
              .filter(([, n]) => n > 0)
              .map(([level, n]) => `${n} ${level}${n === 1 ? '' : 's'}`)
              .join(' · ')}
          </span>
        </div>
        <QcFlags flags={report.flags} />
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>Size distribution (number-weighted)</h2>
        </div>
        <div className="plot-controls">
          <XRangeControl value={xMaxNm} onChange={setXMaxNm} />
          <label className="toggle">
            <input type="checkbox" checked={showVideos} onChange={(e) => setShowVideos(e.target.checked)} />{' '}
            per-video lines
          </label>
          <label className="toggle">
            <input type="checkbox" checked={showBand} onChange={(e) => setShowBand(e.target.checked)} /> ±SE
            band
          </label>
        </div>
        <div className="legend" aria-hidden="true">
          <span className="legend-item">
            <span className="swatch line" style={{ background: AVERAGE_COLOR }} /> average of{' '}
            {report.videos.length} videos
          </span>
          {showBand ? (
            <span className="legend-item">
              <span className="swatch band" style={{ background: BAND_COLOR }} /> ±SE
            </span>
          ) : null}
          {showVideos
            ? labels.map((label, i) => (
                <span key={label} className="legend-item" title={report.videos[i]?.name}>
                  <span className="swatch line thin" style={{ background: seriesColor(i) }} /> {label}
                </span>
              ))
            : null}
        </div>
        <SizeDistributionPlot
          distribution={report.distribution}
          videoLabels={labels}
          xMaxNm={xMaxNm}
          showVideos={showVideos}
          showBand={showBand}
        />
      </section>

      <section className="panel">
        <SizeStatsTable report={report} instrument={instrument} />
        <div className="form-actions">
          <button
            type="button"
            className="button small"
            onClick={() =>
              downloadText(
                `${safeFileName(report.file.replace(/\.csv$/i, ''))}-statistics.csv`,
                ntaStatisticsCsv(report, instrument),
              )
            }
          >
            Export statistics CSV
          </button>
        </div>
      </section>
      <section className="panel">
        <ConditionsTable report={report} />
      </section>
    </>
  );
}

function isTrackSizingReport(x: unknown): x is TrackSizingReport {
  const r = x as Partial<TrackSizingReport> | null;
  return !!r && typeof r.tracks === 'number' && !!r.ml && !!r.naive && Array.isArray(r.ml.bins);
}

/** A stored track table: the conditions it was sized with, then naive vs maximum-likelihood sizes. */
function TrackMeasurementView({ report, parsed }: { report: TrackSizingReport; parsed: unknown }) {
  const p = parsed as {
    source?: string;
    viscositySource?: string;
    excludedByInstrument?: number;
  } | null;
  const c = report.conditions;
  return (
    <>
      <section className="panel">
        <dl className="meta-grid" data-testid="tracks-header">
          <div className="span-2">
            <dt>Table</dt>
            <dd>
              {p?.source === 'per-track' ? 'one row per track (D, track length)' : 'positions per frame'}
            </dd>
          </div>
          <div>
            <dt>Tracks sized</dt>
            <dd>{report.tracks}</dd>
          </div>
          <div>
            <dt>Temperature</dt>
            <dd>{c.temperatureC} °C</dd>
          </div>
          <div>
            <dt>Viscosity</dt>
            <dd>
              {formatDecimals(c.viscosityCp, 4)} cP{' '}
              <span className="muted">({p?.viscositySource ?? 'water'})</span>
            </dd>
          </div>
          <div>
            <dt>Frame rate</dt>
            <dd>{c.fps ?? DASH} frames/s</dd>
          </div>
          <div>
            <dt>Pixel size</dt>
            <dd>{c.umPerPx === null ? DASH : `${c.umPerPx} µm/px`}</dd>
          </div>
          {p?.excludedByInstrument ? (
            <div className="span-2">
              <dt>Left out</dt>
              <dd>{p.excludedByInstrument} tracks the instrument did not include in its distribution</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <TrackSizingResult
        report={report}
        title="Naive per-track vs maximum-likelihood sizing"
        exportName="track-sizing"
      />
    </>
  );
}
