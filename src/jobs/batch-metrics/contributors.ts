/**
 * The registry of batch-metric contributors: one per measurement kind, plus derived rules. A new
 * measurement kind adds its contributor here (append; keep the list sorted by the order rows should show).
 */
import { assayMetrics } from './assay-metrics.ts';
import type { DerivedMetricRule, MetricContributor } from './batch-metric.ts';
import { ntaMetrics } from './nta-metrics.ts';
import { ntaTracksMetrics } from './nta-tracks-metrics.ts';
import { proteomicsMetrics } from './proteomics-metrics.ts';
import { purityRule } from './purity-metric.ts';
import { westernBlotMetrics } from './western-blot-metrics.ts';

export const METRIC_CONTRIBUTORS: readonly MetricContributor[] = [
  ntaMetrics,
  assayMetrics,
  westernBlotMetrics,
  proteomicsMetrics,
  ntaTracksMetrics,
];

export const DERIVED_METRIC_RULES: readonly DerivedMetricRule[] = [purityRule];
