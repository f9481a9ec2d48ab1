/**
 * Pharmacokinetics: NCA of pasted or uploaded concentration–time data, compartment model fits,
 * biodistribution by organ, dose calculations and PK studies linked to the batch that was dosed.
 * Each section is its own component (web/src/components/pk/).
 */
import { BiodistributionPanel } from '../components/pk/biodistribution-panel.tsx';
import { DoseCalculator } from '../components/pk/dose-calculator.tsx';
import { ModelFitPanel } from '../components/pk/model-fit-panel.tsx';
import { NcaPanel } from '../components/pk/nca-panel.tsx';
import { PkStudiesPanel } from '../components/pk/pk-studies-panel.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function PkPage() {
  useDocumentTitle('Pharmacokinetics');
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Pharmacokinetics</h1>
      </div>
      <NcaPanel />
      <ModelFitPanel />
      <BiodistributionPanel />
      <DoseCalculator />
      <PkStudiesPanel />
    </div>
  );
}
