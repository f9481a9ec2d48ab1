/**
 * Steady-state (multiple dosing) parameters over one dosing interval τ, with times relative to the dose
 * that opens the interval: AUCτ, AUMCτ, Cmin/Tmin, Ctrough (C at τ), Cavg = AUCτ/τ, fluctuation
 * 100·(Cmax − Cmin)/Cavg, swing (Cmax − Cmin)/Cmin, accumulation index 1/(1 − e^(−λz·τ)), CLss = Dose/AUCτ,
 * Vz = Dose/(λz·AUCτ) and, for intravascular doses, MRT∞ = [AUMCτ + τ·(AUC∞ − AUCτ)]/AUCτ (− infusion
 * duration/2).
 *
 * Formulas: Gibaldi M, Perrier D (1982) Pharmacokinetics, 2nd ed., Marcel Dekker, ch. 3 (accumulation,
 * average steady-state concentration); Phoenix WinNonlin User's Guide (Certara), "Steady-state parameters".
 */
import type { NcaParameters } from './cdisc-parameters.ts';
import { areasBetween, concentrationAt, type ProfileCurve } from './partial-auc.ts';

export interface DosingIntervalInput {
  curve: ProfileCurve;
  tau: number;
  route: 'extravascular' | 'iv-bolus' | 'iv-infusion';
  /** Dose in the concentration's amount unit (for CL, V); null if unknown. */
  doseAmount: number | null;
  cmax: number | null;
  /** AUC∞ observed, for the steady-state MRT. */
  aucInfObs: number | null;
  durationH?: number;
  /** Observed (not inserted) sample indices. */
  observed: readonly number[];
}

export function dosingIntervalParameters(input: DosingIntervalInput): {
  parameters: NcaParameters;
  notes: string[];
} {
  const { curve, tau, route, doseAmount } = input;
  const notes: string[] = [];
  const p: NcaParameters = {};
  const areas = areasBetween(curve, 0, tau);
  const auc = areas.auc;
  if (areas.reason !== undefined) notes.push(`AUCTAU not estimated: ${areas.reason}`);
  p.AUCTAU = auc;
  p.AUMCTAU = areas.aumc;

  let cmin: number | null = null;
  let tmin: number | null = null;
  for (const i of input.observed) {
    const t = curve.time[i] as number;
    const c = curve.conc[i] as number;
    if (t < 0 || t > tau) continue;
    if (cmin === null || c < cmin) {
      cmin = c;
      tmin = t;
    }
  }
  p.CMIN = cmin;
  p.TMIN = tmin;
  p.CTROUGH = concentrationAt(curve, tau);
  const cavg = auc !== null ? auc / tau : null;
  p.CAVG = cavg;
  p.FLUCP =
    cavg !== null && cavg > 0 && input.cmax !== null && cmin !== null
      ? (100 * (input.cmax - cmin)) / cavg
      : null;
  p.SWING = input.cmax !== null && cmin !== null && cmin > 0 ? (input.cmax - cmin) / cmin : null;
  if (cmin === 0) notes.push('SWING not estimated: Cmin is 0');
  const k = curve.lambdaZ;
  p.AILAMZ = k !== null ? 1 / (1 - Math.exp(-k * tau)) : null;

  const cl = doseAmount !== null && auc !== null && auc > 0 ? doseAmount / auc : null;
  const vz = cl !== null && k !== null ? cl / k : null;
  if (route === 'extravascular') {
    p.CLFTAU = cl;
    p.VZFTAU = vz;
  } else {
    p.CLTAU = cl;
    p.VZTAU = vz;
    const infusionShift = route === 'iv-infusion' ? (input.durationH ?? 0) / 2 : 0;
    p.MRTIVIFT =
      auc !== null && areas.aumc !== null && input.aucInfObs !== null && auc > 0
        ? (areas.aumc + tau * (input.aucInfObs - auc)) / auc - infusionShift
        : null;
  }
  return { parameters: p, notes };
}
