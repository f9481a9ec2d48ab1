/**
 * ClinicalTrials.gov API v2 enumerations (https://clinicaltrials.gov/data-api/about-api/study-data-structure,
 * `protocolSection.statusModule.overallStatus` and `protocolSection.designModule.phases`), as Table 5 of
 * Li et al. 2025 (Front Cell Dev Biol 13:1626996) prints them.
 */
export const CTGOV_STATUSES = [
  'ACTIVE_NOT_RECRUITING',
  'COMPLETED',
  'ENROLLING_BY_INVITATION',
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'WITHDRAWN',
  'AVAILABLE',
  'NO_LONGER_AVAILABLE',
  'TEMPORARILY_NOT_AVAILABLE',
  'APPROVED_FOR_MARKETING',
  'WITHHELD',
  'UNKNOWN',
] as const;
export type CtgovStatus = (typeof CTGOV_STATUSES)[number];

export const CTGOV_STATUS_LABELS: Record<CtgovStatus, string> = {
  ACTIVE_NOT_RECRUITING: 'Active, not recruiting',
  COMPLETED: 'Completed',
  ENROLLING_BY_INVITATION: 'Enrolling by invitation',
  NOT_YET_RECRUITING: 'Not yet recruiting',
  RECRUITING: 'Recruiting',
  SUSPENDED: 'Suspended',
  TERMINATED: 'Terminated',
  WITHDRAWN: 'Withdrawn',
  AVAILABLE: 'Available',
  NO_LONGER_AVAILABLE: 'No longer available',
  TEMPORARILY_NOT_AVAILABLE: 'Temporarily not available',
  APPROVED_FOR_MARKETING: 'Approved for marketing',
  WITHHELD: 'Withheld',
  UNKNOWN: 'Unknown',
};

export const CTGOV_PHASES = ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'] as const;
export type CtgovPhase = (typeof CTGOV_PHASES)[number];

export const CTGOV_PHASE_LABELS: Record<CtgovPhase, string> = {
  NA: 'Not applicable',
  EARLY_PHASE1: 'Early phase 1',
  PHASE1: 'Phase 1',
  PHASE2: 'Phase 2',
  PHASE3: 'Phase 3',
  PHASE4: 'Phase 4',
};
