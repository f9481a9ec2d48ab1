/**
 * Mie scattering coefficients aₙ, bₙ and the far-field quantities derived from them, after Bohren & Huffman
 * (1983), "Absorption and Scattering of Light by Small Particles", Wiley, doi:10.1002/9783527618156:
 * homogeneous sphere = BHMIE (Appendix A; logarithmic derivative Dₙ(mx) by downward recurrence, B&H eq. 4.89),
 * coated sphere = BHCOAT (Appendix B; Toon & Ackerman 1981, doi:10.1364/AO.20.003657).
 * Convention: time dependence e^{−iωt}, refractive index m = n + ik with k ≥ 0 absorbing, relative to the
 * medium; size parameter x = 2π·r·n_medium/λ₀.
 */
import { Complex } from './complex.ts';

export interface MieCoefficients {
  /** Outer size parameter (normalises the efficiencies). */
  x: number;
  a: Complex[];
  b: Complex[];
}

/** Number of terms: Wiscombe (1980) criterion as used in BHMIE, x + 4x^(1/3) + 2. */
export function termCount(x: number): number {
  return Math.floor(x + 4 * Math.cbrt(x) + 2);
}

/** BHMIE: homogeneous sphere of relative index m and size parameter x. */
export function sphereCoefficients(m: Complex, x: number): MieCoefficients {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError('size parameter x must be positive');
  const nstop = termCount(x);
  const y = m.scale(x);
  // B&H start the downward recurrence 15 terms above max(nstop, |mx|); for weakly absorbing large spheres
  // (Wiscombe MIEV0 cases 10–11, m = 1.33 + 1e-5i, x = 100 and 10⁴) that start is not yet converged and
  // Qsca is off in the 5th digit. 16·|mx|^(1/3) more terms make it exact at negligible cost.
  const nmx = Math.max(nstop, Math.ceil(y.abs())) + 15 + Math.ceil(16 * Math.cbrt(y.abs()));
  // Dₙ(mx) by downward recurrence from D_nmx = 0: D_{n−1} = n/y − 1/(Dₙ + n/y).
  const d: Complex[] = new Array(nmx + 1);
  d[nmx] = new Complex(0, 0);
  for (let n = nmx; n >= 1; n--) {
    const ny = Complex.real(n).div(y);
    d[n - 1] = ny.sub(Complex.real(1).div((d[n] as Complex).add(ny)));
  }
  let psi0 = Math.cos(x);
  let psi1 = Math.sin(x);
  let chi0 = -Math.sin(x);
  let chi1 = Math.cos(x);
  const a: Complex[] = [];
  const b: Complex[] = [];
  for (let n = 1; n <= nstop; n++) {
    const psi = ((2 * n - 1) * psi1) / x - psi0;
    const chi = ((2 * n - 1) * chi1) / x - chi0;
    const xi = new Complex(psi, -chi);
    const xi1 = new Complex(psi1, -chi1);
    const dn = d[n] as Complex;
    const da = dn.div(m).addReal(n / x);
    const db = m.mul(dn).addReal(n / x);
    a.push(da.scale(psi).addReal(-psi1).div(da.mul(xi).sub(xi1)));
    b.push(db.scale(psi).addReal(-psi1).div(db.mul(xi).sub(xi1)));
    psi0 = psi1;
    psi1 = psi;
    chi0 = chi1;
    chi1 = chi;
  }
  return { x, a, b };
}

/**
 * BHCOAT: sphere with core (relative index mCore, size parameter xCore) and coat (mShell, outer size
 * parameter x). Upward recurrences, as in the original; accurate for the weakly absorbing, sub-micrometre
 * particles of flow cytometry (B&H Appendix B notes its limits for large, strongly absorbing cores).
 */
export function coatedSphereCoefficients(
  mCore: Complex,
  mShell: Complex,
  xCore: number,
  x: number,
): MieCoefficients {
  if (!(xCore > 0) || !(x >= xCore)) throw new RangeError('need 0 < x_core ≤ x');
  const del = 1e-8;
  const x1 = mCore.scale(xCore);
  const x2 = mShell.scale(xCore);
  const y2 = mShell.scale(x);
  const refrel = mShell.div(mCore);
  const nstop = termCount(x);
  const cot = (z: Complex) => Complex.cos(z).div(Complex.sin(z));
  let d0x1 = cot(x1);
  let d0x2 = cot(x2);
  let d0y2 = cot(y2);
  let psi0y = Math.cos(x);
  let psi1y = Math.sin(x);
  let chi0y = -Math.sin(x);
  let chi1y = Math.cos(x);
  let xi1y = new Complex(psi1y, -chi1y);
  let chi0y2 = Complex.sin(y2).scale(-1);
  let chi1y2 = Complex.cos(y2);
  let chi0x2 = Complex.sin(x2).scale(-1);
  let chi1x2 = Complex.cos(x2);
  let brack = new Complex(0, 0);
  let crack = new Complex(0, 0);
  let negligible = false;
  const a: Complex[] = [];
  const b: Complex[] = [];
  const one = Complex.real(1);
  for (let n = 1; n <= nstop; n++) {
    const psiy = ((2 * n - 1) * psi1y) / x - psi0y;
    const chiy = ((2 * n - 1) * chi1y) / x - chi0y;
    const xiy = new Complex(psiy, -chiy);
    const ny2 = Complex.real(n).div(y2);
    const d1y2 = one.div(ny2.sub(d0y2)).sub(ny2);
    let d1x1 = d0x1;
    let d1x2 = d0x2;
    let chix2 = chi1x2;
    let chiy2 = chi1y2;
    let chipy2 = chi1y2;
    if (!negligible) {
      const nx1 = Complex.real(n).div(x1);
      const nx2 = Complex.real(n).div(x2);
      d1x1 = one.div(nx1.sub(d0x1)).sub(nx1);
      d1x2 = one.div(nx2.sub(d0x2)).sub(nx2);
      chix2 = chi1x2
        .scale(2 * n - 1)
        .div(x2)
        .sub(chi0x2);
      chiy2 = chi1y2
        .scale(2 * n - 1)
        .div(y2)
        .sub(chi0y2);
      const chipx2 = chi1x2.sub(chix2.scale(n).div(x2));
      chipy2 = chi1y2.sub(chiy2.scale(n).div(y2));
      let ancap = refrel.mul(d1x1).sub(d1x2);
      ancap = ancap.div(refrel.mul(d1x1).mul(chix2).sub(chipx2));
      ancap = ancap.div(chix2.mul(d1x2).sub(chipx2));
      brack = ancap.mul(chiy2.mul(d1y2).sub(chipy2));
      let bncap = refrel.mul(d1x2).sub(d1x1);
      bncap = bncap.div(refrel.mul(chipx2).sub(d1x1.mul(chix2)));
      bncap = bncap.div(chix2.mul(d1x2).sub(chipx2));
      crack = bncap.mul(chiy2.mul(d1y2).sub(chipy2));
      const lim = del * d1y2.abs();
      if (
        brack.mul(chipy2).abs() <= lim &&
        brack.mul(chiy2).abs() <= lim &&
        crack.mul(chipy2).abs() <= lim &&
        crack.mul(chiy2).abs() <= lim
      ) {
        brack = new Complex(0, 0);
        crack = new Complex(0, 0);
        negligible = true;
      }
    }
    const dnbar = d1y2.sub(brack.mul(chipy2)).div(one.sub(brack.mul(chiy2)));
    const gnbar = d1y2.sub(crack.mul(chipy2)).div(one.sub(crack.mul(chiy2)));
    const da = dnbar.div(mShell).addReal(n / x);
    const db = mShell.mul(gnbar).addReal(n / x);
    a.push(da.scale(psiy).addReal(-psi1y).div(da.mul(xiy).sub(xi1y)));
    b.push(db.scale(psiy).addReal(-psi1y).div(db.mul(xiy).sub(xi1y)));
    psi0y = psi1y;
    psi1y = psiy;
    chi0y = chi1y;
    chi1y = chiy;
    xi1y = new Complex(psi1y, -chi1y);
    if (!negligible || n === 1) {
      chi0x2 = chi1x2;
      chi1x2 = chix2;
      chi0y2 = chi1y2;
      chi1y2 = chiy2;
      d0x1 = d1x1;
      d0x2 = d1x2;
    }
    d0y2 = d1y2;
  }
  return { x, a, b };
}

export interface MieEfficiencies {
  qext: number;
  qsca: number;
  /** |Σ(2n+1)(−1)ⁿ(aₙ − bₙ)|² / x² (B&H; 4π × differential backscatter / geometric cross-section). */
  qback: number;
  /** Asymmetry parameter ⟨cos θ⟩. */
  g: number;
}

export function efficiencies(c: MieCoefficients): MieEfficiencies {
  const { x, a, b } = c;
  let sca = 0;
  let ext = 0;
  let g = 0;
  let backRe = 0;
  let backIm = 0;
  for (let i = 0; i < a.length; i++) {
    const n = i + 1;
    const an = a[i] as Complex;
    const bn = b[i] as Complex;
    sca += (2 * n + 1) * (an.abs2() + bn.abs2());
    ext += (2 * n + 1) * (an.re + bn.re);
    const sign = n % 2 === 0 ? 1 : -1;
    backRe += (2 * n + 1) * sign * (an.re - bn.re);
    backIm += (2 * n + 1) * sign * (an.im - bn.im);
    g += ((2 * n + 1) / (n * (n + 1))) * (an.re * bn.re + an.im * bn.im);
    if (i + 1 < a.length) {
      const a1 = a[i + 1] as Complex;
      const b1 = b[i + 1] as Complex;
      g += ((n * (n + 2)) / (n + 1)) * (an.re * a1.re + an.im * a1.im + bn.re * b1.re + bn.im * b1.im);
    }
  }
  return {
    qext: (2 / (x * x)) * ext,
    qsca: (2 / (x * x)) * sca,
    qback: (backRe * backRe + backIm * backIm) / (x * x),
    g: (2 * g) / sca,
  };
}

/**
 * Amplitude scattering functions S₁(θ) (perpendicular) and S₂(θ) (parallel), B&H eq. 4.74, with the
 * angular functions πₙ, τₙ by upward recurrence (B&H eq. 4.47).
 */
export function amplitudes(c: MieCoefficients, cosTheta: number): { s1: Complex; s2: Complex } {
  let pi0 = 0;
  let pi1 = 1;
  let s1re = 0;
  let s1im = 0;
  let s2re = 0;
  let s2im = 0;
  for (let i = 0; i < c.a.length; i++) {
    const n = i + 1;
    const tau = n * cosTheta * pi1 - (n + 1) * pi0;
    const f = (2 * n + 1) / (n * (n + 1));
    const an = c.a[i] as Complex;
    const bn = c.b[i] as Complex;
    s1re += f * (an.re * pi1 + bn.re * tau);
    s1im += f * (an.im * pi1 + bn.im * tau);
    s2re += f * (an.re * tau + bn.re * pi1);
    s2im += f * (an.im * tau + bn.im * pi1);
    const pi2 = ((2 * n + 1) * cosTheta * pi1 - (n + 1) * pi0) / n;
    pi0 = pi1;
    pi1 = pi2;
  }
  return { s1: new Complex(s1re, s1im), s2: new Complex(s2re, s2im) };
}
