/**
 * Scatter calibration as FCMPASS does it (Welsh et al. 2020, Cytometry A 97:569, doi:10.1002/cyto.a.23971;
 * van der Pol et al. 2018, J Thromb Haemost 16:1236, doi:10.1111/jth.14009):
 * 1. For each reference bead (known diameter and refractive index) Mie theory gives the scattering
 *    cross-section σ the detector collects (collection aperture, polarisation, wavelength, medium).
 * 2. A single instrument factor k (a.u. per nm²) relates measured bead intensities to σ; it is fitted in log
 *    space (log a.u. = log k + log σ), so every bead weighs equally whatever its brightness.
 * 3. An EV's a.u. → σ = a.u./k → diameter through a core–shell EV model (core and shell refractive index,
 *    shell thickness), by inverting σ(d) on its smallest-diameter monotonic branch.
 */
import { type Aperture, collectedCrossSectionNm2 } from '../mie/collected-scatter.ts';
import { Complex } from '../mie/complex.ts';
import { coatedSphereCoefficients, sphereCoefficients } from '../mie/mie-coefficients.ts';
import { type DispersionMaterial, refractiveIndex } from '../mie/refractive-index.ts';

export interface ScatterBead {
  diameterNm: number;
  /** Measured median intensity (a.u.). */
  au: number;
  /** A dispersion material or an explicit refractive index (n, and k ≥ 0 if absorbing). */
  material?: DispersionMaterial;
  refractiveIndex?: { n: number; k?: number };
}

/** EV model defaults: core 1.38, shell 1.48, 6 nm (de Rond et al. 2018, Clin Chem 64:680, doi:10.1373/clinchem.2017.278978; the FCMPASS defaults). */
export const DEFAULT_EV_MODEL = { coreIndex: 1.38, shellIndex: 1.48, shellThicknessNm: 6 } as const;

export interface EvModel {
  coreIndex: number;
  shellIndex: number;
  shellThicknessNm: number;
}

export interface ScatterSetup {
  wavelengthNm: number;
  /** Refractive index of the medium (sheath/buffer); default water at the wavelength. */
  mediumIndex?: number;
  aperture: Aperture;
}

export interface ScatterCalibration {
  wavelengthNm: number;
  mediumIndex: number;
  aperture: Aperture;
  /** Fitted instrument factor: a.u. per nm² of collected cross-section. */
  auPerNm2: number;
  nm2PerAu: number;
  /** R² of log a.u. against log(k·σ). */
  rSquaredLog: number;
  beads: {
    diameterNm: number;
    refractiveIndex: number;
    au: number;
    crossSectionNm2: number;
    predictedAu: number;
    residualLog10: number;
  }[];
}

function beadIndex(b: ScatterBead, wavelengthNm: number): Complex {
  if (b.refractiveIndex) return new Complex(b.refractiveIndex.n, b.refractiveIndex.k ?? 0);
  return new Complex(refractiveIndex(b.material ?? 'polystyrene', wavelengthNm), 0);
}

export function mediumIndexFor(setup: ScatterSetup): number {
  return setup.mediumIndex ?? refractiveIndex('water', setup.wavelengthNm);
}

/** Collected cross-section (nm²) of a homogeneous sphere. */
export function sphereCrossSectionNm2(diameterNm: number, index: Complex, setup: ScatterSetup): number {
  const nMed = mediumIndexFor(setup);
  const x = (Math.PI * diameterNm * nMed) / setup.wavelengthNm;
  const m = new Complex(index.re / nMed, index.im / nMed);
  return collectedCrossSectionNm2(sphereCoefficients(m, x), setup.wavelengthNm, nMed, setup.aperture);
}

/** Collected cross-section (nm²) of a core–shell EV of outer diameter d. */
export function evCrossSectionNm2(diameterNm: number, model: EvModel, setup: ScatterSetup): number {
  const nMed = mediumIndexFor(setup);
  const x = (Math.PI * diameterNm * nMed) / setup.wavelengthNm;
  const core = Math.max(diameterNm - 2 * model.shellThicknessNm, 0);
  if (core <= 0) return sphereCrossSectionNm2(diameterNm, new Complex(model.shellIndex, 0), setup);
  const xCore = (Math.PI * core * nMed) / setup.wavelengthNm;
  const c = coatedSphereCoefficients(
    new Complex(model.coreIndex / nMed, 0),
    new Complex(model.shellIndex / nMed, 0),
    xCore,
    x,
  );
  return collectedCrossSectionNm2(c, setup.wavelengthNm, nMed, setup.aperture);
}

export function fitScatterCalibration(beads: ScatterBead[], setup: ScatterSetup): ScatterCalibration {
  const usable = beads.filter((b) => b.au > 0 && b.diameterNm > 0);
  if (usable.length < 1)
    throw new RangeError('need at least one bead with a positive diameter and intensity');
  const nMed = mediumIndexFor(setup);
  const rows = usable.map((b) => {
    const idx = beadIndex(b, setup.wavelengthNm);
    return { b, idx, sigma: sphereCrossSectionNm2(b.diameterNm, idx, setup) };
  });
  const logK = rows.reduce((s, r) => s + Math.log10(r.b.au) - Math.log10(r.sigma), 0) / rows.length;
  const k = 10 ** logK;
  const logs = rows.map((r) => Math.log10(r.b.au));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  let ssRes = 0;
  let ssTot = 0;
  const out = rows.map((r, i) => {
    const pred = k * r.sigma;
    const res = (logs[i] as number) - Math.log10(pred);
    ssRes += res * res;
    ssTot += ((logs[i] as number) - mean) ** 2;
    return {
      diameterNm: r.b.diameterNm,
      refractiveIndex: r.idx.re,
      au: r.b.au,
      crossSectionNm2: r.sigma,
      predictedAu: pred,
      residualLog10: res,
    };
  });
  return {
    wavelengthNm: setup.wavelengthNm,
    mediumIndex: nMed,
    aperture: setup.aperture,
    auPerNm2: k,
    nm2PerAu: 1 / k,
    rSquaredLog: ssTot === 0 ? 1 : 1 - ssRes / ssTot,
    beads: out,
  };
}

/**
 * A lookup table σ(d) for the EV model on a diameter grid, and its inverse on the first monotonic branch
 * (Mie resonances make σ(d) non-monotonic above ~½λ; diameters beyond the first maximum are ambiguous).
 */
export function evDiameterLookup(
  model: EvModel,
  setup: ScatterSetup,
  grid: { minNm: number; maxNm: number; points: number } = { minNm: 30, maxNm: 1000, points: 240 },
): {
  diametersNm: number[];
  crossSectionsNm2: number[];
  monotonicUpToNm: number;
  diameterForCrossSection(sigmaNm2: number): number;
} {
  const diametersNm: number[] = [];
  const crossSectionsNm2: number[] = [];
  // Log-spaced diameters: σ spans many decades, and log–log interpolation is then accurate to ~0.1 nm.
  const ratio = (grid.maxNm / grid.minNm) ** (1 / (grid.points - 1));
  for (let i = 0; i < grid.points; i++) {
    const d = grid.minNm * ratio ** i;
    diametersNm.push(d);
    crossSectionsNm2.push(evCrossSectionNm2(d, model, setup));
  }
  let last = 0;
  while (
    last + 1 < crossSectionsNm2.length &&
    (crossSectionsNm2[last + 1] as number) > (crossSectionsNm2[last] as number)
  )
    last++;
  const monotonicUpToNm = diametersNm[last] as number;
  return {
    diametersNm,
    crossSectionsNm2,
    monotonicUpToNm,
    diameterForCrossSection(sigma: number): number {
      if (!(sigma > 0)) return Number.NaN;
      if (sigma < (crossSectionsNm2[0] as number) || sigma > (crossSectionsNm2[last] as number))
        return Number.NaN;
      // Log–log interpolation between grid points (σ ∝ d⁶ for small particles).
      for (let i = 0; i < last; i++) {
        const s0 = crossSectionsNm2[i] as number;
        const s1 = crossSectionsNm2[i + 1] as number;
        if (sigma >= s0 && sigma <= s1) {
          const d0 = diametersNm[i] as number;
          const d1 = diametersNm[i + 1] as number;
          const t = (Math.log(sigma) - Math.log(s0)) / (Math.log(s1) - Math.log(s0));
          return Math.exp(Math.log(d0) + t * (Math.log(d1) - Math.log(d0)));
        }
      }
      return diametersNm[last] as number;
    },
  };
}
