/**
 * Pharmacokinetics: one concentration–time data box (table, route, dose, units) feeding both NCA and the
 * compartment model fits,
 * biodistribution by organ, dose calculations and PK studies linked to the batch that was dosed.
 * Each section is its own component (web/src/components/pk/).
 */
import { BiodistributionPanel } from '../components/pk/biodistribution-panel.tsx';
import { DoseCalculator } from '../components/pk/dose-calculator.tsx';
import { ModelFitPanel } from '../components/pk/model-fit-panel.tsx';
import { NcaPanel } from '../components/pk/nca-panel.tsx';
import { PkDataProvider } from '../components/pk/pk-data-context.tsx';
import { PkDataPanel } from '../components/pk/pk-data-panel.tsx';
import { PkStudiesPanel } from '../components/pk/pk-studies-panel.tsx';
import { type PageSection, SectionNav } from '../components/section-nav.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

const SECTIONS: readonly PageSection[] = [
  { id: 'pk-data', label: 'Data' },
  { id: 'nca', label: 'NCA' },
  { id: 'models', label: 'Compartment models' },
  { id: 'biodistribution', label: 'Biodistribution' },
  { id: 'dosing', label: 'Dose calculator' },
  { id: 'studies', label: 'PK studies' },
];

export function PkPage() {
  useDocumentTitle('Pharmacokinetics');
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Pharmacokinetics</h1>
      </div>
      <SectionNav sections={SECTIONS} label="Pharmacokinetics sections" />
      <PkDataProvider>
        <div id="pk-data" className="section-anchor">
          <PkDataPanel />
        </div>
        <div id="nca" className="section-anchor">
          <NcaPanel />
        </div>
        <div id="models" className="section-anchor">
          <ModelFitPanel />
        </div>
      </PkDataProvider>
      <div id="biodistribution" className="section-anchor">
        <BiodistributionPanel />
      </div>
      <div id="dosing" className="section-anchor">
        <DoseCalculator />
      </div>
      <div id="studies" className="section-anchor">
        <PkStudiesPanel />
      </div>
    </div>
  );
}
