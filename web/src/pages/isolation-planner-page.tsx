/**
 * Isolation planner: compare the method families, get a recommendation for a sample, simulate a
 * centrifugation run, and build a protocol chain whose output can be saved to a batch.
 * Each section is its own component (web/src/components/isolation/).
 */
import { CentrifugationSimulator } from '../components/isolation/centrifugation-simulator.tsx';
import { MethodComparison } from '../components/isolation/method-comparison.tsx';
import { ProtocolBuilder } from '../components/isolation/protocol-builder.tsx';
import { RecommenderForm } from '../components/isolation/recommender-form.tsx';
import { type PageSection, SectionNav } from '../components/section-nav.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

const SECTIONS: readonly PageSection[] = [
  { id: 'recommend', label: 'Recommend' },
  { id: 'methods', label: 'Method comparison' },
  { id: 'centrifugation', label: 'Centrifugation simulator' },
  { id: 'protocol', label: 'Protocol builder' },
];

export function IsolationPlannerPage() {
  useDocumentTitle('Isolation planner');
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Isolation planner</h1>
      </div>
      <SectionNav sections={SECTIONS} label="Isolation planner sections" />
      <div id="recommend" className="section-anchor">
        <RecommenderForm />
      </div>
      <div id="methods" className="section-anchor">
        <MethodComparison />
      </div>
      <div id="centrifugation" className="section-anchor">
        <CentrifugationSimulator />
      </div>
      <div id="protocol" className="section-anchor">
        <ProtocolBuilder />
      </div>
    </div>
  );
}
