/**
 * The NCA parameters evlab reports, named by their CDISC SDTM PP test codes (PPTESTCD, codelist C85839
 * "PK Parameters Code"; the matching PPTEST names are codelist C85493 "PK Parameters", CDISC Controlled
 * Terminology published by NCI EVS), the dimension of each value (for units) and which administration
 * routes report it.
 *
 * The dosing-interval, partial-area and dose-normalised codes (AUCLSTD and the block after VSSP) carry the
 * CDISC submission value of C85493 as `name`, checked term by term against the SDTM CT PK Parameters
 * codelist (NCI concept codes in the comments; code↔term pairing cross-checked with the PKNCA R package's
 * `pptestcd_cdisc`/`pptest_cdisc` registrations, Denney et al., github.com/humanpred/pknca).
 * MRTIVIFT is not a CDISC term (C85493 has no steady-state MRT): it is kept as a sponsor-defined code,
 * flagged `sponsorDefined`, until multiple-dose.ts stops reporting it.
 *
 * The route lists and their order follow Phoenix WinNonlin's default NCA output for single-dose plasma
 * data (Certara, Phoenix WinNonlin User's Guide, "NCA parameter names"): extravascular (model 200),
 * IV bolus (201) and constant-rate infusion (202). Steady-state, partial-area and dose-normalised codes
 * beyond that list are reported only when asked for (tau, partial intervals) or always (AUCLSTD).
 */

/** What a parameter measures, so its unit can be derived from the data's time, concentration and dose units. */
export type NcaDimension =
  | 'time'
  | 'per-time'
  | 'conc'
  | 'auc'
  | 'aumc'
  | 'conc-per-dose'
  | 'auc-per-dose'
  | 'volume'
  | 'clearance'
  | 'percent'
  | 'ratio'
  | 'count';

export type NcaRoute = 'extravascular' | 'iv-bolus' | 'iv-infusion';

export const NCA_ROUTES: readonly NcaRoute[] = ['extravascular', 'iv-bolus', 'iv-infusion'];

export interface CdiscParameter {
  /** PPTESTCD (at most 8 characters). */
  code: string;
  /** NCI preferred term (CDISC "PPTEST" synonym in plain words). */
  name: string;
  /** Phoenix WinNonlin output column name. */
  winNonlin: string | null;
  dimension: NcaDimension;
  /** True for a code that is not in the CDISC PK Parameters Code codelist (C85839). */
  sponsorDefined?: true;
}

const P = (
  code: string,
  name: string,
  winNonlin: string | null,
  dimension: NcaDimension,
  sponsorDefined?: true,
): CdiscParameter =>
  sponsorDefined
    ? { code, name, winNonlin, dimension, sponsorDefined }
    : { code, name, winNonlin, dimension };

/** Every code evlab can report, in display order. */
export const CDISC_PARAMETERS = [
  P('CMAX', 'Cmax', 'Cmax', 'conc'),
  P('CMAXD', 'Maximum Concentration Dose Normalized', 'Cmax_D', 'conc-per-dose'),
  P('TMAX', 'Tmax', 'Tmax', 'time'),
  P('TLAG', 'Time until First Nonzero Concentration', 'Tlag', 'time'),
  P('C0', 'Initial Concentration', 'C0', 'conc'),
  P('AUCPBEO', 'Observed Area Under the Curve Percent Back Extrapolation', 'AUC_%Back_Ext_obs', 'percent'),
  P('AUCPBEP', 'Predicted Area Under the Curve Percent Back Extrapolation', 'AUC_%Back_Ext_pred', 'percent'),
  P('CLST', 'Last Concentration', 'Clast', 'conc'),
  P('CLSTP', 'Predicted Last Concentration', 'Clast_pred', 'conc'),
  P('TLST', 'Time of Last Nonzero Concentration', 'Tlast', 'time'),
  P('LAMZHL', 'Terminal Half Life', 'HL_Lambda_z', 'time'),
  P('LAMZ', 'Lambda Z', 'Lambda_z', 'per-time'),
  P('LAMZLL', 'Lambda Z Time Lower Limit', 'Lambda_z_lower', 'time'),
  P('LAMZUL', 'Lambda Z Time Upper Limit', 'Lambda_z_upper', 'time'),
  P('LAMZNPT', 'Sum of Lambda Z Timepoints', 'No_points_lambda_z', 'count'),
  P('CORRXY', 'Time and Log Concentration Correlation', 'Corr_XY', 'ratio'),
  P('R2', 'R Squared', 'Rsq', 'ratio'),
  P('R2ADJ', 'Adjusted R Squared', 'Rsq_adjusted', 'ratio'),
  P('AUCLST', 'Area Under the Curve From Dosing to Last Concentration', 'AUClast', 'auc'),
  // C92310
  P('AUCLSTD', 'AUC to Last Nonzero Conc Norm by Dose', 'AUClast_D', 'auc-per-dose'),
  P('AUCALL', 'Area Under the Curve All', 'AUCall', 'auc'),
  P('AUCIFO', 'Observed Area Under the Curve Infinity', 'AUCINF_obs', 'auc'),
  P('AUCIFOD', 'AUC Infinity Observed Normalized by Dose', 'AUCINF_D_obs', 'auc-per-dose'),
  P('AUCPEO', 'Observed Area Under the Curve Percent Extrapolation', 'AUC_%Extrap_obs', 'percent'),
  P('AUCIFP', 'Predicted Area Under the Curve Infinity', 'AUCINF_pred', 'auc'),
  P('AUCIFPD', 'Predicted Area Under the Curve Infinity by Dose', 'AUCINF_D_pred', 'auc-per-dose'),
  P('AUCPEP', 'Predicted Area Under the Curve Percent Extrapolation', 'AUC_%Extrap_pred', 'percent'),
  P('AUMCLST', 'Area Under the First Moment Curve From Dosing to Last Concentration', 'AUMClast', 'aumc'),
  P('AUMCIFO', 'Observed Area Under the First Moment Curve Infinity', 'AUMCINF_obs', 'aumc'),
  P(
    'AUMCPEO',
    'Observed Area Under the First Moment Curve Percent Extrapolation',
    'AUMC_%Extrap_obs',
    'percent',
  ),
  P('AUMCIFP', 'Predicted Area Under the First Moment Curve Infinity', 'AUMCINF_pred', 'aumc'),
  P(
    'AUMCPEP',
    'Predicted Area Under the First Moment Curve Percent Extrapolation',
    'AUMC_%Extrap_pred',
    'percent',
  ),
  P('MRTEVLST', 'Mean Residence Time to Last Nonzero Concentration by Extravascular Dose', 'MRTlast', 'time'),
  P('MRTEVIFO', 'Mean Residence Time Infinity Observed by Extravascular Dose', 'MRTINF_obs', 'time'),
  P('MRTEVIFP', 'Mean Residence Time Infinity Predicted by Extravascular Dose', 'MRTINF_pred', 'time'),
  P('MRTIVLST', 'Mean Residence Time to Last Nonzero Concentration by Intravascular Dose', 'MRTlast', 'time'),
  P('MRTIVIFO', 'Mean Residence Time Infinity Observed by Intravascular Dose', 'MRTINF_obs', 'time'),
  P('MRTIVIFP', 'Mean Residence Time Infinity Predicted by Intravascular Dose', 'MRTINF_pred', 'time'),
  P('VZFO', 'Observed Volume of Distribution of Absorbed Fraction', 'Vz_F_obs', 'volume'),
  P('VZFP', 'Predicted Volume of Distribution of Absorbed Fraction', 'Vz_F_pred', 'volume'),
  P('CLFO', 'Observed Total Body Clearance by Fraction of Dose Absorbed', 'Cl_F_obs', 'clearance'),
  P('CLFP', 'Predicted Total Body Clearance by Fraction of Dose Absorbed', 'Cl_F_pred', 'clearance'),
  P('VZO', 'Observed Volume of Distribution', 'Vz_obs', 'volume'),
  P('VZP', 'Predicted Volume of Distribution', 'Vz_pred', 'volume'),
  P('CLO', 'Observed Total Body Clearance Rate', 'Cl_obs', 'clearance'),
  P('CLP', 'Predicted Total Body Clearance Rate', 'Cl_pred', 'clearance'),
  P('VSSO', 'Observed Steady State Volume of Distribution', 'Vss_obs', 'volume'),
  P('VSSP', 'Predicted Steady State Volume of Distribution', 'Vss_pred', 'volume'),
  // Dosing interval (multiple dosing, steady state): C85493 submission values, NCI codes in comments.
  P('AUCTAU', 'AUC Over Dosing Interval', 'AUC_TAU', 'auc'), // C85567
  P('AUMCTAU', 'AUMC Over Dosing Interval', 'AUMC_TAU', 'aumc'), // C85570
  P('CMIN', 'Min Conc', 'Cmin', 'conc'), // C85579
  P('TMIN', 'Time of CMIN Observation', 'Tmin', 'time'), // C85825
  P('CTROUGH', 'Conc Trough', 'Ctau', 'conc'), // C102394
  P('CAVG', 'Average Concentration', 'Cavg', 'conc'), // C85575
  P('FLUCP', 'Fluctuation%', 'Fluctuation%', 'percent'), // C85581
  P('SWING', 'Swing', 'Swing', 'ratio'), // C161416
  P('AILAMZ', 'Accumulation Index using Lambda z', 'Accumulation_Index', 'ratio'), // C114234
  P('CLTAU', 'Total CL for Dose Int', 'CLss', 'clearance'), // C114122
  P('CLFTAU', 'Total CL by F for Dose Int', 'CLss_F', 'clearance'), // C114121
  P('VZTAU', 'Vz for Dose Int', 'Vz', 'volume'), // C111333
  P('VZFTAU', 'Vz for Dose Int by F', 'Vz_F', 'volume'), // C111364
  // Not in CDISC CT: no steady-state MRT term exists in C85493 (sponsor-defined, see header).
  P('MRTIVIFT', 'MRT Intravasc Infinity at Steady State (sponsor-defined)', 'MRTINF_obs', 'time', true),
  // Partial areas are reported beside the parameters (NcaResult.partialAucs) with this code.
  P('AUCINT', 'AUC from T1 to T2', 'AUC_T1_T2', 'auc'), // C85566
] as const satisfies readonly CdiscParameter[];

export type CdiscCode = (typeof CDISC_PARAMETERS)[number]['code'];

/** Values by CDISC code; a code is present when the route reports it, null when it could not be estimated. */
export type NcaParameters = Partial<Record<CdiscCode, number | null>>;

const BY_CODE = new Map<string, CdiscParameter>(CDISC_PARAMETERS.map((p) => [p.code, p]));

export function cdiscParameter(code: string): CdiscParameter | undefined {
  return BY_CODE.get(code);
}

export function isCdiscCode(code: string): code is CdiscCode {
  return BY_CODE.has(code);
}

/**
 * The codes WinNonlin reports by default for single-dose data, per route, in its output order
 * (Phoenix WinNonlin User's Guide, NCA model 200/201/202 final parameters), plus AUCLSTD.
 */
export const ROUTE_PARAMETERS: Record<NcaRoute, readonly CdiscCode[]> = {
  extravascular: [
    'CMAX',
    'CMAXD',
    'TMAX',
    'TLAG',
    'CLST',
    'CLSTP',
    'TLST',
    'LAMZHL',
    'LAMZ',
    'LAMZLL',
    'LAMZUL',
    'LAMZNPT',
    'CORRXY',
    'R2',
    'R2ADJ',
    'AUCLST',
    'AUCLSTD',
    'AUCALL',
    'AUCIFO',
    'AUCIFOD',
    'AUCPEO',
    'AUCIFP',
    'AUCIFPD',
    'AUCPEP',
    'AUMCLST',
    'AUMCIFO',
    'AUMCPEO',
    'AUMCIFP',
    'AUMCPEP',
    'MRTEVLST',
    'MRTEVIFO',
    'MRTEVIFP',
    'VZFO',
    'VZFP',
    'CLFO',
    'CLFP',
  ],
  'iv-bolus': [
    'CMAX',
    'CMAXD',
    'TMAX',
    'C0',
    'AUCPBEO',
    'AUCPBEP',
    'CLST',
    'CLSTP',
    'TLST',
    'LAMZHL',
    'LAMZ',
    'LAMZLL',
    'LAMZUL',
    'LAMZNPT',
    'CORRXY',
    'R2',
    'R2ADJ',
    'AUCLST',
    'AUCLSTD',
    'AUCALL',
    'AUCIFO',
    'AUCIFOD',
    'AUCPEO',
    'AUCIFP',
    'AUCIFPD',
    'AUCPEP',
    'AUMCLST',
    'AUMCIFO',
    'AUMCPEO',
    'AUMCIFP',
    'AUMCPEP',
    'MRTIVLST',
    'MRTIVIFO',
    'MRTIVIFP',
    'VZO',
    'VZP',
    'CLO',
    'CLP',
    'VSSO',
    'VSSP',
  ],
  'iv-infusion': [
    'CMAX',
    'CMAXD',
    'TMAX',
    'CLST',
    'CLSTP',
    'TLST',
    'LAMZHL',
    'LAMZ',
    'LAMZLL',
    'LAMZUL',
    'LAMZNPT',
    'CORRXY',
    'R2',
    'R2ADJ',
    'AUCLST',
    'AUCLSTD',
    'AUCALL',
    'AUCIFO',
    'AUCIFOD',
    'AUCPEO',
    'AUCIFP',
    'AUCIFPD',
    'AUCPEP',
    'AUMCLST',
    'AUMCIFO',
    'AUMCPEO',
    'AUMCIFP',
    'AUMCPEP',
    'MRTIVLST',
    'MRTIVIFO',
    'MRTIVIFP',
    'VZO',
    'VZP',
    'CLO',
    'CLP',
    'VSSO',
    'VSSP',
  ],
};

/** Codes added when a dosing interval tau is given (steady-state analysis). */
export const TAU_PARAMETERS: Record<NcaRoute, readonly CdiscCode[]> = {
  extravascular: [
    'AUCTAU',
    'AUMCTAU',
    'CMIN',
    'TMIN',
    'CTROUGH',
    'CAVG',
    'FLUCP',
    'SWING',
    'AILAMZ',
    'CLFTAU',
    'VZFTAU',
  ],
  'iv-bolus': [
    'AUCTAU',
    'AUMCTAU',
    'CMIN',
    'TMIN',
    'CTROUGH',
    'CAVG',
    'FLUCP',
    'SWING',
    'AILAMZ',
    'CLTAU',
    'VZTAU',
    'MRTIVIFT',
  ],
  'iv-infusion': [
    'AUCTAU',
    'AUMCTAU',
    'CMIN',
    'TMIN',
    'CTROUGH',
    'CAVG',
    'FLUCP',
    'SWING',
    'AILAMZ',
    'CLTAU',
    'VZTAU',
    'MRTIVIFT',
  ],
};
