/**
 * Non-compartmental analysis of one concentration–time profile, computed the way Phoenix WinNonlin
 * computes it (Certara, Phoenix WinNonlin User's Guide, "NCA computation rules" and "Formulas for NCA
 * parameters"), with parameters keyed by CDISC PPTESTCD codes (cdisc-parameters.ts).
 *
 * Steps: check the samples; apply the BLQ rules; put a point at dose time (0 for extravascular and
 * infusion data, or Cmin of the interval at steady state; C0 for an IV bolus: the observed value at t = 0,
 * else the log-linear back-extrapolation of the first two samples when they decline, else the first
 * sample); Cmax/Tmax/Tlag/Clast/Tlast from the samples; λz (lambda-z-selection.ts); AUC/AUMC
 * (auc-trapezoid.ts); extrapolations to infinity with the observed Clast and with Clast_pred from the
 * regression; MRT (− infusion duration/2); CL = Dose/AUC∞, Vz = Dose/(λz·AUC∞), Vss = MRT∞·CL.
 * Times are relative to the dose. Every option that is a time (infusion duration, τ, partial-AUC bounds,
 * λz range and exclusions) is in the data's time unit, and the analysis runs in it; only at the end are the
 * time-dimensioned results (times, λz, AUC, AUMC, MRT, CL, partial-AUC bounds, λz points) converted into
 * `units.reportTime` when that differs from `units.time` (pk-units.ts). Without units, numbers are as given.
 */
import { type AucMethod, areasTo, segmentAuc } from './auc-trapezoid.ts';
import { applyBlqRules, type BlqRules } from './blq-rules.ts';
import {
  type CdiscCode,
  cdiscParameter,
  type NcaParameters,
  type NcaRoute,
  ROUTE_PARAMETERS,
  TAU_PARAMETERS,
} from './cdisc-parameters.ts';
import {
  type LambdaZFit,
  type LambdaZSelection,
  selectLambdaZAuto,
  selectLambdaZManual,
} from './lambda-z-selection.ts';
import { dosingIntervalParameters } from './multiple-dose.ts';
import { NcaInputError } from './nca-input-error.ts';
import { areasBetween, type ProfileCurve } from './partial-auc.ts';
import { convertToReportTime, type NcaUnits, type ResolvedUnits, resolveUnits } from './pk-units.ts';

export interface ConcentrationProfile {
  /** Subject (or animal, or group) identifier. */
  id: string;
  /** Sampling times relative to the dose, ascending. */
  time: readonly number[];
  /** Concentrations (≥ 0); ignored where `blq[i]` is true. */
  conc: readonly number[];
  /** Samples reported as below the limit of quantification. */
  blq?: readonly boolean[];
  /** 1-based source line of each sample (CSV), used in messages. */
  sourceLines?: readonly number[];
  /** Guard: times are `time`, whatever their unit. */
  timesH?: never;
}

export type LambdaZChoice = { mode: 'auto' } | { mode: 'manual'; startTime: number; endTime: number };

export interface NcaOptions {
  route: NcaRoute;
  /** Dose (per subject) in the dose unit; null → dose-dependent parameters are null. */
  dose: number | null;
  /** Infusion duration, in the data's time unit (`units.time`, not `units.reportTime`; the name is historical). */
  durationH?: number;
  aucMethod: AucMethod;
  lambdaZ?: LambdaZChoice;
  /** Sampling times excluded from the λz regression (they still count in the AUCs). */
  exclude?: readonly number[];
  blq?: BlqRules;
  /** Partial AUC intervals [start, end] in the data's time unit. */
  partialAucs?: readonly (readonly [number, number])[];
  /** Dosing interval for steady-state parameters (times relative to the dose opening the interval), data time unit. */
  tau?: number;
  /** Data units and the report time unit; results are converted from `time` to `reportTime`. */
  units?: NcaUnits;
}

export interface LambdaZPoint {
  /** Sample time, in the report time unit. */
  time: number;
  conc: number;
  /** In the λz regression. */
  used: boolean;
  /** Excluded by the user. */
  excluded: boolean;
}

export interface PartialAuc {
  /** Interval bounds, in the report time unit. */
  startTime: number;
  endTime: number;
  /** CDISC AUCINT value (null when it cannot be computed; a note says why). */
  auc: number | null;
}

export interface NcaResult {
  id: string;
  parameters: NcaParameters;
  notes: string[];
  lambdaZPoints: LambdaZPoint[];
  lambdaZMode: 'auto' | 'manual';
  partialAucs: PartialAuc[];
  /**
   * Unit of each reported parameter ('' for dimensionless), in the report time unit, or null when no units
   * were given.
   */
  units: Partial<Record<CdiscCode, string>> | null;
}

/** Time comparisons (exclusions) tolerate float noise from CSV round trips. */
const TIME_EPS = 1e-9;

function sameTime(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIME_EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

function checkOptions(profile: ConcentrationProfile, options: NcaOptions): void {
  const fail = (reason: string, code: 'invalid-dose' | 'invalid-option' = 'invalid-option') => {
    throw new NcaInputError(code, reason, profile.id);
  };
  if (options.dose !== null && !(Number.isFinite(options.dose) && options.dose > 0)) {
    fail(`dose must be a positive number (got ${options.dose})`, 'invalid-dose');
  }
  if (options.route === 'iv-infusion') {
    if (options.durationH === undefined) fail('an IV infusion needs its duration');
    else if (!(Number.isFinite(options.durationH) && options.durationH > 0)) {
      fail(`infusion duration must be positive (got ${options.durationH})`);
    }
  }
  if (options.tau !== undefined && !(Number.isFinite(options.tau) && options.tau > 0)) {
    fail(`tau must be positive (got ${options.tau})`);
  }
  const lz = options.lambdaZ;
  if (lz?.mode === 'manual' && !(lz.endTime > lz.startTime)) {
    fail(`λz range ${lz.startTime}–${lz.endTime} must end after it starts`);
  }
}

function checkSamples(profile: ConcentrationProfile): void {
  const { id, time, conc, blq, sourceLines } = profile;
  const line = (i: number) => sourceLines?.[i] ?? null;
  if (time.length !== conc.length || (blq && blq.length !== time.length)) {
    throw new NcaInputError('length-mismatch', `${time.length} times but ${conc.length} concentrations`, id);
  }
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    const c = conc[i] as number;
    if (!Number.isFinite(t))
      throw new NcaInputError('invalid-number', `time is not a number (${t})`, id, i, line(i));
    if (blq?.[i] !== true) {
      if (!Number.isFinite(c)) {
        throw new NcaInputError('invalid-number', `concentration is not a number (${c})`, id, i, line(i));
      }
      if (c < 0) {
        throw new NcaInputError(
          'negative-concentration',
          `negative concentration ${c} at time ${t}`,
          id,
          i,
          line(i),
        );
      }
    }
    if (i > 0) {
      const prev = time[i - 1] as number;
      if (t === prev) throw new NcaInputError('duplicate-time', `time ${t} appears twice`, id, i, line(i));
      if (t < prev) {
        throw new NcaInputError(
          'unsorted-times',
          `time ${t} comes after ${prev}: times must ascend`,
          id,
          i,
          line(i),
        );
      }
    }
  }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/**
 * NCA of one profile. Throws NcaInputError for data it must not compute on, and with code
 * 'non-finite-result' when a value overflows (e.g. a concentration of 1.8e308 or τ = 1e308 makes AUC or
 * MRT Infinity/NaN): such a result is refused, never returned (JSON cannot carry NaN or Infinity).
 */
export function ncaForProfile(profile: ConcentrationProfile, options: NcaOptions): NcaResult {
  const result = ncaForProfileUnchecked(profile, options);
  assertFiniteResult(result);
  return result;
}

/** Throws NcaInputError('non-finite-result') naming the first parameter or value that is NaN or ±Infinity. */
export function assertFiniteResult(result: NcaResult): void {
  const fail = (what: string, _value: number) => {
    throw new NcaInputError(
      'non-finite-result',
      `${what} overflows double precision (not a finite number): the data or options are too extreme to compute on`,
      result.id,
    );
  };
  for (const [code, value] of Object.entries(result.parameters)) {
    if (typeof value === 'number' && !Number.isFinite(value)) fail(code, value);
  }
  for (const p of result.lambdaZPoints) {
    if (!Number.isFinite(p.time)) fail('a λz point time', p.time);
    if (!Number.isFinite(p.conc)) fail('a λz point concentration', p.conc);
  }
  for (const p of result.partialAucs) {
    for (const v of [p.startTime, p.endTime, p.auc]) {
      if (typeof v === 'number' && !Number.isFinite(v)) fail(`partial AUC ${p.startTime}–${p.endTime}`, v);
    }
  }
}

function ncaForProfileUnchecked(profile: ConcentrationProfile, options: NcaOptions): NcaResult {
  checkOptions(profile, options);
  checkSamples(profile);
  const { id } = profile;
  const notes: string[] = [];
  const route = options.route;
  const method = options.aucMethod;
  const tau = options.tau;
  const resolved = options.units ? resolveUnits(options.units) : null;
  if (resolved) notes.push(...resolved.notes);

  // 1. BLQ rules, then pre-dose samples (t < 0) are set aside.
  const blqOut = applyBlqRules(profile.time, profile.conc, profile.blq, options.blq);
  notes.push(...blqOut.notes);
  let time = blqOut.time;
  let conc = blqOut.conc;
  let source = blqOut.sourceIndex;
  const preDose = time.filter((t) => t < 0).length;
  if (preDose > 0) {
    notes.push(`${preDose} pre-dose sample${preDose === 1 ? '' : 's'} (time < 0) not used`);
    const keep = time.map((t) => t >= 0);
    time = time.filter((_, i) => keep[i]);
    conc = conc.filter((_, i) => keep[i]);
    source = source.filter((_, i) => keep[i]);
  }

  const codes: CdiscCode[] = [
    ...ROUTE_PARAMETERS[route],
    ...(tau !== undefined ? TAU_PARAMETERS[route] : []),
  ];
  const parameters: NcaParameters = {};
  for (const code of codes) parameters[code] = null;
  const unitsOut = resolved
    ? Object.fromEntries(codes.map((c) => [c, resolved.labels[cdiscParameter(c)?.dimension ?? 'ratio']]))
    : null;
  const base = (extra: Partial<NcaResult> = {}): NcaResult =>
    toReportTime(
      {
        id,
        parameters,
        notes,
        lambdaZPoints: [],
        lambdaZMode: options.lambdaZ?.mode ?? 'auto',
        partialAucs: (options.partialAucs ?? []).map(([a, b]) => ({ startTime: a, endTime: b, auc: null })),
        units: unitsOut,
        ...extra,
      },
      resolved,
    );

  const positive = conc.some((c) => c > 0);
  if (time.length === 0) {
    notes.push('no usable samples: nothing estimated');
    return base();
  }
  if (!positive) {
    // A non-responder: Cmax and the areas are 0, not missing, so group summaries keep the subject
    // (PKNCA returns 0 for the AUC of an all-zero profile: `pk.calc.auxc`, interpolation "zero").
    notes.push('no concentration above 0: Cmax and AUClast are 0; times, λz and extrapolations are null');
    const zeros: CdiscCode[] = ['CMAX', 'AUCLST', 'AUCALL', 'AUMCLST'];
    if (options.dose !== null) zeros.push('CMAXD', 'AUCLSTD');
    for (const code of zeros) if (code in parameters) parameters[code] = 0;
    return base();
  }

  // 2. The point at dose time.
  let inserted = -1; // index of an inserted (not observed) point
  let c0: number | null = null;
  let c0Observed = false;
  if (route === 'iv-bolus') {
    if (time[0] === 0 && (conc[0] as number) === 0) {
      // A zero at dose time after an IV bolus is a pre-dose sample, unless the profile then rises.
      let firstPos = 1;
      while (firstPos < conc.length && !((conc[firstPos] as number) > 0)) firstPos++;
      let maxIdx = firstPos;
      for (let i = firstPos; i < conc.length; i++)
        if ((conc[i] as number) > (conc[maxIdx] as number)) maxIdx = i;
      if (maxIdx > firstPos) {
        const srcIdx = source[0] as number;
        throw new NcaInputError(
          'route-contradiction',
          `route is iv-bolus but the concentration is 0 at dose time and rises to Cmax at time ${fmt(time[maxIdx] as number)}; the data look extravascular or like an infusion`,
          id,
          srcIdx,
          profile.sourceLines?.[srcIdx] ?? null,
        );
      }
      notes.push('the 0 at dose time is treated as a pre-dose sample; C0 is back-extrapolated');
      time = time.slice(1);
      conc = conc.slice(1);
      source = source.slice(1);
    }
    if (time[0] === 0) {
      c0 = conc[0] as number;
      c0Observed = true;
    } else {
      const t1 = time[0] as number;
      const ca = conc[0] as number;
      const t2 = time[1];
      const cb = conc[1];
      if (t2 !== undefined && cb !== undefined && cb < ca && cb > 0 && ca > 0) {
        const slope = (Math.log(cb) - Math.log(ca)) / (t2 - t1);
        c0 = Math.exp(Math.log(ca) - slope * t1);
      } else {
        c0 = ca;
        notes.push('C0 set to the first observed concentration (the first two samples do not decline)');
      }
      time = [0, ...time];
      conc = [c0, ...conc];
      source = [-1, ...source];
      inserted = 0;
    }
  } else if ((time[0] as number) > 0) {
    let value = 0;
    if (tau !== undefined) {
      // Steady state: the pre-dose level equals the trough of the interval (WinNonlin).
      value = Math.min(...conc.filter((_, i) => (time[i] as number) <= tau));
      notes.push(`no sample at dose time: C(0) set to the interval's minimum ${fmt(value)} (steady state)`);
    } else {
      notes.push('no sample at dose time: C(0) = 0 inserted');
    }
    time = [0, ...time];
    conc = [value, ...conc];
    source = [-1, ...source];
    inserted = 0;
  }
  const observed: number[] = [];
  for (let i = 0; i < time.length; i++) if (i !== inserted) observed.push(i);

  // 3. Cmax, Tmax, Tlag, Clast, Tlast (observed samples only).
  let maxIdx = observed[0] as number;
  for (const i of observed) if ((conc[i] as number) > (conc[maxIdx] as number)) maxIdx = i;
  const cmax = conc[maxIdx] as number;
  const tmax = time[maxIdx] as number;
  let lastIdx = -1;
  for (let i = time.length - 1; i >= 0; i--) {
    if ((conc[i] as number) > 0) {
      lastIdx = i;
      break;
    }
  }
  const clast = conc[lastIdx] as number;
  const tlast = time[lastIdx] as number;
  parameters.CMAX = cmax;
  parameters.TMAX = tmax;
  parameters.CLST = clast;
  parameters.TLST = tlast;
  if (route === 'extravascular') {
    let firstPos = 0;
    while (!((conc[firstPos] as number) > 0)) firstPos++;
    parameters.TLAG = firstPos > 0 ? (time[firstPos - 1] as number) : 0;
  }
  if (route === 'iv-bolus') {
    parameters.C0 = c0;
    const firstObs = observed[0] as number;
    if (maxIdx !== firstObs) {
      notes.push(`concentrations rise after the IV bolus (Tmax ${fmt(tmax)}): check the route`);
    }
  }

  // 4. λz.
  const excluded = new Set<number>();
  for (const t of options.exclude ?? []) {
    const i = time.findIndex((ti, k) => k !== inserted && sameTime(ti, t));
    if (i >= 0) excluded.add(i);
    else notes.push(`excluded time ${fmt(t)} is not a sample time`);
  }
  let selection: LambdaZSelection;
  const choice = options.lambdaZ ?? { mode: 'auto' };
  if (choice.mode === 'manual') {
    // The range bounds tolerate float noise like exclusions do (e.g. a bound converted min → h → min).
    const slack = (x: number) => TIME_EPS * Math.max(1, Math.abs(x));
    selection = selectLambdaZManual(
      time,
      conc,
      choice.startTime - slack(choice.startTime),
      choice.endTime + slack(choice.endTime),
      withInserted(excluded, inserted),
    );
  } else {
    let firstIndex = route === 'iv-bolus' ? maxIdx : maxIdx + 1;
    if (route === 'iv-infusion') {
      const endInf = options.durationH as number;
      while (firstIndex < time.length && (time[firstIndex] as number) < endInf) firstIndex++;
    }
    selection = selectLambdaZAuto({
      time,
      conc,
      firstIndex,
      lastIndex: lastIdx,
      excluded: withInserted(excluded, inserted),
    });
  }
  const fit: LambdaZFit | null = selection.fit;
  if (!fit) notes.push(`λz not estimated: ${selection.reason}; AUC∞, half-life, CL, V and MRT∞ are null`);
  const k = fit?.lambdaZ ?? null;

  // 5. Areas.
  const last = areasTo(method, time, conc, lastIdx);
  const all = areasTo(method, time, conc, time.length - 1);
  parameters.AUCLST = last.auc;
  parameters.AUCALL = all.auc;
  parameters.AUMCLST = last.aumc;
  let clastPred: number | null = null;
  let aucIfo: number | null = null;
  let aucIfp: number | null = null;
  if (fit && k !== null) {
    clastPred = Math.exp(fit.intercept - k * tlast);
    aucIfo = last.auc + clast / k;
    aucIfp = last.auc + clastPred / k;
    const aumcIfo = last.aumc + (clast * tlast) / k + clast / (k * k);
    const aumcIfp = last.aumc + (clastPred * tlast) / k + clastPred / (k * k);
    Object.assign(parameters, {
      LAMZ: k,
      LAMZHL: fit.halfLife,
      LAMZLL: fit.lowerTime,
      LAMZUL: fit.upperTime,
      LAMZNPT: fit.indices.length,
      CORRXY: fit.corrXY,
      R2: fit.r2,
      R2ADJ: fit.adjustedR2,
      CLSTP: clastPred,
      AUCIFO: aucIfo,
      AUCIFP: aucIfp,
      AUCPEO: (100 * (aucIfo - last.auc)) / aucIfo,
      AUCPEP: (100 * (aucIfp - last.auc)) / aucIfp,
      AUMCIFO: aumcIfo,
      AUMCIFP: aumcIfp,
      AUMCPEO: (100 * (aumcIfo - last.aumc)) / aumcIfo,
      AUMCPEP: (100 * (aumcIfp - last.aumc)) / aumcIfp,
    } satisfies NcaParameters);
    if (fit.adjustedR2 === null) notes.push('adjusted R² is undefined with two λz points');
  }
  const shift = route === 'iv-infusion' ? (options.durationH as number) / 2 : 0;
  const mrt = (aumc: number | null, auc: number | null) =>
    aumc !== null && auc !== null && auc > 0 ? aumc / auc - shift : null;
  const mrtLast = mrt(last.aumc, last.auc);
  const mrtIfo = mrt(parameters.AUMCIFO ?? null, aucIfo);
  const mrtIfp = mrt(parameters.AUMCIFP ?? null, aucIfp);
  if (route === 'extravascular') {
    parameters.MRTEVLST = mrtLast;
    parameters.MRTEVIFO = mrtIfo;
    parameters.MRTEVIFP = mrtIfp;
  } else {
    parameters.MRTIVLST = mrtLast;
    parameters.MRTIVIFO = mrtIfo;
    parameters.MRTIVIFP = mrtIfp;
  }
  if (route === 'iv-bolus') {
    // Share of AUC∞ in the back-extrapolated first segment (0 when C0 was observed).
    const first = observed[0] as number;
    const back =
      c0Observed || first === 0
        ? 0
        : segmentAuc(method, 0, conc[0] as number, time[first] as number, conc[first] as number);
    parameters.AUCPBEO = aucIfo !== null ? (100 * back) / aucIfo : null;
    parameters.AUCPBEP = aucIfp !== null ? (100 * back) / aucIfp : null;
  }

  // 6. Dose-dependent parameters.
  const dose = options.dose;
  if (dose === null) {
    notes.push('no dose given: dose-normalised values, CL and V are null');
  } else {
    const amount = dose * (resolved?.doseToConcAmount ?? 1);
    parameters.CMAXD = cmax / dose;
    parameters.AUCLSTD = last.auc / dose;
    parameters.AUCIFOD = aucIfo !== null ? aucIfo / dose : null;
    parameters.AUCIFPD = aucIfp !== null ? aucIfp / dose : null;
    const clO = aucIfo !== null && aucIfo > 0 ? amount / aucIfo : null;
    const clP = aucIfp !== null && aucIfp > 0 ? amount / aucIfp : null;
    const vzO = clO !== null && k !== null ? clO / k : null;
    const vzP = clP !== null && k !== null ? clP / k : null;
    if (route === 'extravascular') {
      Object.assign(parameters, { CLFO: clO, CLFP: clP, VZFO: vzO, VZFP: vzP } satisfies NcaParameters);
    } else {
      Object.assign(parameters, {
        CLO: clO,
        CLP: clP,
        VZO: vzO,
        VZP: vzP,
        VSSO: clO !== null && mrtIfo !== null ? mrtIfo * clO : null,
        VSSP: clP !== null && mrtIfp !== null ? mrtIfp * clP : null,
      } satisfies NcaParameters);
    }
  }

  // 7. Partial areas and the dosing interval.
  const curve: ProfileCurve = { method, time, conc, lastIndex: lastIdx, lambdaZ: k };
  const partialAucs: PartialAuc[] = (options.partialAucs ?? []).map(([a, b]) => {
    const areas = areasBetween(curve, a, b);
    if (areas.reason !== undefined) notes.push(`AUCINT ${fmt(a)}–${fmt(b)} not estimated: ${areas.reason}`);
    return { startTime: a, endTime: b, auc: areas.auc };
  });
  if (tau !== undefined) {
    const ss = dosingIntervalParameters({
      curve,
      tau,
      route,
      doseAmount: dose === null ? null : dose * (resolved?.doseToConcAmount ?? 1),
      cmax,
      aucInfObs: aucIfo,
      ...(options.durationH !== undefined ? { durationH: options.durationH } : {}),
      observed,
    });
    Object.assign(parameters, ss.parameters);
    notes.push(...ss.notes);
    if ((time[time.length - 1] as number) < tau && k === null) {
      notes.push('the last sample is before tau and λz is missing: AUCTAU cannot be extrapolated');
    }
  }

  const used = new Set(fit?.indices ?? []);
  const lambdaZPoints: LambdaZPoint[] = observed.map((i) => ({
    time: time[i] as number,
    conc: conc[i] as number,
    used: used.has(i),
    excluded: excluded.has(i),
  }));
  return base({ lambdaZPoints, partialAucs });
}

/** Converts the time-dimensioned values of a result (computed in the data's time unit) to the report unit. */
function toReportTime(result: NcaResult, resolved: ResolvedUnits | null): NcaResult {
  const from = resolved?.dataTime ?? null;
  const to = resolved?.reportTime ?? null;
  if (from === null || to === null || from === to) return result;
  const parameters: NcaParameters = {};
  for (const [code, value] of Object.entries(result.parameters) as [CdiscCode, number | null][]) {
    const dimension = cdiscParameter(code)?.dimension ?? 'ratio';
    parameters[code] = value === null ? null : convertToReportTime(value, dimension, from, to);
  }
  const time = (t: number) => convertToReportTime(t, 'time', from, to);
  return {
    ...result,
    parameters,
    lambdaZPoints: result.lambdaZPoints.map((p) => ({ ...p, time: time(p.time) })),
    partialAucs: result.partialAucs.map((p) => ({
      startTime: time(p.startTime),
      endTime: time(p.endTime),
      auc: p.auc === null ? null : convertToReportTime(p.auc, 'auc', from, to),
    })),
  };
}

function withInserted(excluded: Set<number>, inserted: number): Set<number> {
  if (inserted < 0) return excluded;
  const out = new Set(excluded);
  out.add(inserted);
  return out;
}

/** NCA of many profiles with the same options. */
export function ncaForProfiles(profiles: readonly ConcentrationProfile[], options: NcaOptions): NcaResult[] {
  return profiles.map((p) => ncaForProfile(p, options));
}
