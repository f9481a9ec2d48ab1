/** Public surface of the NCA module: one profile in, CDISC-coded parameters out. */
export { AUC_METHODS, type AucMethod } from './auc-trapezoid.ts';
export {
  applyBlqRules,
  BLQ_ACTIONS,
  type BlqAction,
  type BlqRules,
  DEFAULT_BLQ_RULES,
  parseBlqRules,
} from './blq-rules.ts';
export {
  CDISC_PARAMETERS,
  type CdiscCode,
  type CdiscParameter,
  cdiscParameter,
  isCdiscCode,
  NCA_ROUTES,
  type NcaParameters,
  type NcaRoute,
  ROUTE_PARAMETERS,
  TAU_PARAMETERS,
} from './cdisc-parameters.ts';
export { type LambdaZFit, logLinearRegression } from './lambda-z-selection.ts';
export { NcaInputError, type NcaInputErrorCode } from './nca-input-error.ts';
export {
  type ConcentrationProfile,
  type LambdaZChoice,
  type LambdaZPoint,
  type NcaOptions,
  type NcaResult,
  ncaForProfile,
  ncaForProfiles,
  type PartialAuc,
} from './nca-profile.ts';
export { parseIntervals } from './partial-auc.ts';
export {
  convertTime,
  convertToReportTime,
  type NcaUnits,
  parseConcUnit,
  parseDoseUnit,
  parseTimeUnit,
  type ResolvedUnits,
  resolveUnits,
  TIME_POWER,
  TIME_UNITS,
  type TimeUnit,
} from './pk-units.ts';
