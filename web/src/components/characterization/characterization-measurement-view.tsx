/** The measurement page body for the issue-11 kinds: plate assays, Western blots, proteomics. */
import type { Measurement } from '../../../../src/domain/measurement.ts';
import type { AssayReport } from '../../../../src/science/assay/analyse-plate-assay.ts';
import type { ProteomicsReport } from '../../../../src/science/proteomics/analyse-proteomics.ts';
import type { WesternBlotReport } from '../../../../src/science/western-blot/call-blot-markers.ts';
import { Link } from '../../router.tsx';
import { AssayView } from './assay-view.tsx';
import { ProteomicsView } from './proteomics-view.tsx';
import { WesternBlotView } from './western-blot-view.tsx';

export const CHARACTERIZATION_KINDS = ['protein-assay', 'western-blot', 'proteomics'];

export function CharacterizationMeasurementView({ measurement }: { measurement: Measurement }) {
  const link = (
    <p>
      <Link to={`/batches/${measurement.batchId}/characterization`}>
        All characterization of this batch →
      </Link>
    </p>
  );
  if (measurement.kind === 'protein-assay')
    return (
      <>
        {link}
        <AssayView measurementId={measurement.id} stored={measurement.metrics as AssayReport} />
      </>
    );
  if (measurement.kind === 'western-blot')
    return (
      <>
        {link}
        <WesternBlotView report={measurement.metrics as WesternBlotReport} batchId={measurement.batchId} />
      </>
    );
  return (
    <>
      {link}
      <ProteomicsView report={measurement.metrics as ProteomicsReport} />
    </>
  );
}
