/**
 * Fluorescence calibration with reference beads (MESF or ERF): a log–log linear regression of the beads'
 * assigned values on their measured median fluorescence, log10(assigned) = slope·log10(MFI) + intercept,
 * excluding beads with an assigned value of 0 (the blank bead has no log). Then any a.u. value converts to
 * calibrated units as 10^(intercept + slope·log10(a.u.)).
 * As in FCMPASS (Welsh et al. 2020, Cytometry A 97:569, doi:10.1002/cyto.a.23971) and the MIFlowCyt-EV
 * framework (Welsh et al. 2020, J Extracell Vesicles 9:1713526, doi:10.1080/20013078.2020.1713526).
 */

export interface FluorescenceBead {
  /** Median fluorescence intensity measured for the bead population (a.u.). */
  mfi: number;
  /** Assigned value in the calibration unit (MESF or ERF); 0 for a blank bead. */
  assigned: number;
}

export interface FluorescenceCalibration {
  unit: string;
  slope: number;
  intercept: number;
  rSquared: number;
  /** Beads used (assigned > 0 and MFI > 0). */
  used: number;
  excluded: { index: number; reason: string }[];
  /** Per bead: log10 residual of the fit (NaN for excluded beads). */
  residualsLog10: number[];
}

export function fitFluorescenceCalibration(
  beads: FluorescenceBead[],
  unit = 'MESF',
): FluorescenceCalibration {
  const xs: number[] = [];
  const ys: number[] = [];
  const excluded: { index: number; reason: string }[] = [];
  beads.forEach((b, i) => {
    if (!(b.assigned > 0)) excluded.push({ index: i, reason: 'assigned value 0 (blank bead): no logarithm' });
    else if (!(b.mfi > 0)) excluded.push({ index: i, reason: 'MFI ≤ 0: no logarithm' });
    else {
      xs.push(Math.log10(b.mfi));
      ys.push(Math.log10(b.assigned));
    }
  });
  if (xs.length < 2) throw new RangeError('need at least two beads with positive MFI and assigned value');
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('all bead MFIs are equal: the slope is undefined');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const rSquared = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  const residualsLog10 = beads.map((b) =>
    b.assigned > 0 && b.mfi > 0
      ? Math.log10(b.assigned) - (intercept + slope * Math.log10(b.mfi))
      : Number.NaN,
  );
  return { unit, slope, intercept, rSquared, used: n, excluded, residualsLog10 };
}

/** a.u. → calibrated units (NaN for a.u. ≤ 0, which has no calibrated value on a log–log fit). */
export function toCalibratedFluorescence(
  c: Pick<FluorescenceCalibration, 'slope' | 'intercept'>,
  au: number,
): number {
  if (!(au > 0)) return Number.NaN;
  return 10 ** (c.intercept + c.slope * Math.log10(au));
}
