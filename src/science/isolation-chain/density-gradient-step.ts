/**
 * Density-gradient (isopycnic) ultracentrifugation step.
 *
 * Model. The layers (top → bottom) become a continuous profile, piecewise linear through the middle of
 * each zone (long spins smooth discontinuous iodixanol/sucrose steps by diffusion), the loaded sample being
 * one more zone (density 1.00 g/mL on top, or the bottom layer's density when mixed in at the bottom).
 * A particle of diameter d and buoyant density ρp drifts at the Stokes velocity
 *   dx/dt = d²·(ρp − ρ(x))·a / (18·η)           (Stokes 1851; a = RCF·g at Rav)
 * Linearising ρ(x) about the isopycnic depth x* (ρ(x*) = ρp, slope G) gives exponential approach,
 *   x(t) = x* + (x0 − x*)·exp(−k·t),  k = d²·a·G / (18·η)
 * (a particle whose density lies outside the gradient ends at the top or the bottom). Population spread
 * comes from the buoyant-density SD of each species (5-point Gauss–Hermite) and the start position across
 * the sample zone (4 points). Diffusion is neglected (bands of ≥ 50 nm particles are far narrower than a
 * 1 mL fraction). Fractions are taken from the top; EVs and contaminants are counted in each.
 * Soluble protein moves with its sedimentation coefficient (albumin 4.6 S) towards its buoyant density,
 * so in 16–18 h it stays near where it was loaded — the reason float-up (bottom) loading separates best.
 */

import { STANDARD_GRAVITY_M_PER_S2 } from '../centrifugation/sedimentation.ts';
import { resolveStepRotorRun } from './centrifugation-step.ts';
import {
  ChainInputError,
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type LipoproteinCounts,
  type ModelAssumption,
  type ResolvedParameters,
  type StepContext,
  type StepFraction,
  type StepModelResult,
} from './chain-types.ts';
import {
  type GradientMedium,
  gradientDensityGPerMl,
  IODIXANOL_MAX_PERCENT,
  SUCROSE_MAX_PERCENT,
} from './gradient-media.ts';
import { NORMAL_QUADRATURE_5 } from './normal-distribution.ts';
import {
  ALBUMIN,
  ALBUMIN_STOKES_DIAMETER_NM,
  EV_BUOYANT_DENSITY,
  LIPOPROTEINS,
} from './particle-properties.ts';
import {
  numberParam,
  optionalNumberParam,
  parseFractionList,
  parseNumberList,
  textParam,
} from './step-parameters.ts';

/** Mean viscosity over a 5–40 % gradient at 4 °C, cP (assumption; see step-parameters.ts). */
export const DEFAULT_GRADIENT_VISCOSITY_CP: Record<GradientMedium, number> = { iodixanol: 3, sucrose: 5 };

/** Rotor when the step names none (the parameter's default in step-parameters.ts). */
const DEFAULT_GRADIENT_ROTOR = 'SW 40 Ti';

/** Density of an aqueous sample loaded on top, g/mL (culture medium/PBS ≈ 1.00–1.01). */
const SAMPLE_DENSITY_G_PER_ML = 1.005;

export interface GradientProfile {
  /** Depths (mm from the meniscus) and densities of the profile's nodes, increasing. */
  xMm: number[];
  rho: number[];
  lengthMm: number;
}

/** ρ(x) and its slope, with the end segments extrapolated. */
function segmentAt(profile: GradientProfile, x: number): { rho: number; slope: number } {
  const { xMm, rho } = profile;
  let i = 0;
  while (i < xMm.length - 2 && x > (xMm[i + 1] as number)) i++;
  const x0 = xMm[i] as number;
  const x1 = xMm[i + 1] as number;
  const r0 = rho[i] as number;
  const r1 = rho[i + 1] as number;
  const slope = (r1 - r0) / (x1 - x0);
  return { rho: r0 + slope * (x - x0), slope };
}

/** Isopycnic depth of density `target` (may lie outside [0, L] by extrapolation) and the slope there. */
export function isopycnicDepth(profile: GradientProfile, target: number): { xMm: number; slope: number } {
  const { xMm, rho } = profile;
  const n = xMm.length;
  let i = 0;
  if (target <= (rho[0] as number)) i = 0;
  else if (target >= (rho[n - 1] as number)) i = n - 2;
  else while (i < n - 2 && target > (rho[i + 1] as number)) i++;
  const x0 = xMm[i] as number;
  const x1 = xMm[i + 1] as number;
  const r0 = rho[i] as number;
  const r1 = rho[i + 1] as number;
  const slope = (r1 - r0) / (x1 - x0);
  return { xMm: x0 + (target - r0) / slope, slope };
}

/** Final depth after `seconds` of a particle (diameter nm, density g/mL) starting at x0 (mm). */
export function finalDepthMm(
  profile: GradientProfile,
  diameterNm: number,
  densityGPerMl: number,
  x0Mm: number,
  accelerationMPerS2: number,
  viscosityPaS: number,
  seconds: number,
  isopycnic = isopycnicDepth(profile, densityGPerMl),
): number {
  const dM = diameterNm * 1e-9;
  // slope g/mL per mm → kg/m³ per m: ×1000 / 1e-3
  const gradientSi = isopycnic.slope * 1e6;
  const k = (dM * dM * accelerationMPerS2 * gradientSi) / (18 * viscosityPaS);
  const x = isopycnic.xMm + (x0Mm - isopycnic.xMm) * Math.exp(-k * seconds);
  return Math.min(profile.lengthMm, Math.max(0, x));
}

export function simulateDensityGradientStep(
  state: ChainState,
  values: ResolvedParameters,
  ctx: StepContext,
  pathPrefix: (string | number)[] = ['protocol', 'steps'],
): StepModelResult {
  const at = (key: string) => [...pathPrefix, ctx.index, 'parameters', key];
  const step = `step ${ctx.index + 1} (${ctx.method})`;
  const medium = (textParam(values, 'medium') ?? 'iodixanol') as GradientMedium;
  const layers = parseNumberList(textParam(values, 'layers') ?? '');
  const maxPercent = medium === 'iodixanol' ? IODIXANOL_MAX_PERCENT : SUCROSE_MAX_PERCENT;
  if (layers.length === 0)
    throw new ChainInputError([
      { path: at('layers'), message: `${step}: layers needs at least one concentration` },
    ]);
  for (let i = 0; i < layers.length; i++) {
    const c = layers[i] as number;
    if (c > maxPercent)
      throw new ChainInputError([
        { path: at('layers'), message: `${step}: layers: ${c} % exceeds ${maxPercent} % ${medium}` },
      ]);
    if (i > 0 && !(c > (layers[i - 1] as number)))
      throw new ChainInputError([
        {
          path: at('layers'),
          message: `${step}: layers must increase from the top to the bottom (got ${layers.join(', ')})`,
        },
      ]);
  }
  const { rotor, rcfAvgG: rcfG } = resolveStepRotorRun(values, ctx, pathPrefix, DEFAULT_GRADIENT_ROTOR);
  const minutes = numberParam(values, 'minutes');
  const layerVolumeMl = numberParam(values, 'layerVolumeMl');
  const loading = textParam(values, 'loading') ?? 'top';
  const sampleMaxMl = numberParam(values, 'sampleVolumeMl');
  const tubes = Math.max(1, Math.ceil(state.volumeMl / sampleMaxMl - 1e-9));
  const sampleMl = state.volumeMl / tubes;
  const fractionVolumeMl = numberParam(values, 'fractionVolumeMl');
  const viscosityCp = optionalNumberParam(values, 'viscosityCp') ?? DEFAULT_GRADIENT_VISCOSITY_CP[medium];
  const viscosityPaS = viscosityCp * 1e-3;
  const acceleration = rcfG * STANDARD_GRAVITY_M_PER_S2;
  const seconds = minutes * 60;
  const warnings: string[] = [];

  // Zones from the top: [sample] + layers, or layers + [sample] for float-up loading.
  const zones: { volumeMl: number; rho: number }[] = layers.map((c) => ({
    volumeMl: layerVolumeMl,
    rho: gradientDensityGPerMl(medium, c),
  }));
  const bottomRho = zones[zones.length - 1]?.rho ?? 1;
  if (loading === 'bottom') zones.push({ volumeMl: sampleMl, rho: bottomRho });
  else zones.unshift({ volumeMl: sampleMl, rho: SAMPLE_DENSITY_G_PER_ML });
  const totalMl = zones.reduce((s, z) => s + z.volumeMl, 0);
  const lengthMm = rotor.rMaxMm - rotor.rMinMm;
  if (rotor.type !== 'swinging-bucket')
    warnings.push(
      `${rotor.name} is a fixed-angle rotor; the gradient is treated as if it stood along the radius`,
    );
  if (rotor.tubeVolumeMl !== null && totalMl > rotor.tubeVolumeMl * 1.02)
    warnings.push(
      `gradient + sample (${totalMl.toFixed(1)} mL) exceed the ${rotor.tubeVolumeMl} mL tube of the ${rotor.name}; depths are scaled to a full tube`,
    );
  if (rotor.tubes !== null && tubes > rotor.tubes)
    warnings.push(
      `${tubes} tubes are needed for ${state.volumeMl.toPrecision(3)} mL; the ${rotor.name} holds ${rotor.tubes}`,
    );
  const mmPerMl = lengthMm / totalMl;
  const xMm: number[] = [];
  const rho: number[] = [];
  let top = 0;
  let sampleStart = 0;
  for (let z = 0; z < zones.length; z++) {
    const zone = zones[z] as { volumeMl: number; rho: number };
    const isSample = loading === 'bottom' ? z === zones.length - 1 : z === 0;
    if (isSample) sampleStart = top;
    xMm.push((top + zone.volumeMl / 2) * mmPerMl);
    rho.push(zone.rho);
    top += zone.volumeMl;
  }
  // A float-up sample shares the bottom layer's density: keep the nodes strictly increasing.
  for (let i = 1; i < rho.length; i++)
    if (!((rho[i] as number) > (rho[i - 1] as number))) rho[i] = (rho[i - 1] as number) + 1e-6;
  const profile: GradientProfile = { xMm, rho, lengthMm };
  const starts = [0.125, 0.375, 0.625, 0.875].map((f) => (sampleStart + f * sampleMl) * mmPerMl);

  const fractionCount = Math.max(1, Math.ceil(totalMl / fractionVolumeMl - 1e-9));
  const fractionOf = (x: number) => Math.min(fractionCount - 1, Math.floor(x / mmPerMl / fractionVolumeMl));
  const fractionDensity = (f: number) => segmentAt(profile, (f + 0.5) * fractionVolumeMl * mmPerMl).rho;

  // Which fractions are collected.
  const evBand = EV_BUOYANT_DENSITY[medium];
  const listText = textParam(values, 'collectFractions');
  let collected: Set<number>;
  let collectNote: string;
  if (listText) {
    const list = parseFractionList(listText);
    const outside = list.filter((n) => n < 1 || n > fractionCount);
    if (outside.length > 0)
      throw new ChainInputError([
        {
          path: at('collectFractions'),
          message: `${step}: collectFractions ${outside.join(', ')} outside 1–${fractionCount}`,
        },
      ]);
    collected = new Set(list.map((n) => n - 1));
    collectNote = `fractions ${listText}`;
  } else {
    const lo =
      optionalNumberParam(values, 'collectDensityMinGPerMl') ?? evBand.meanGPerMl - 2 * evBand.sdGPerMl;
    const hi =
      optionalNumberParam(values, 'collectDensityMaxGPerMl') ?? evBand.meanGPerMl + 2 * evBand.sdGPerMl;
    collected = new Set();
    for (let f = 0; f < fractionCount; f++) {
      const r = fractionDensity(f);
      if (r >= lo && r <= hi) collected.add(f);
    }
    collectNote = `fractions with ${lo.toFixed(3)}–${hi.toFixed(3)} g/mL`;
    if (collected.size === 0) {
      warnings.push(`no fraction lies within ${lo.toFixed(3)}–${hi.toFixed(3)} g/mL; collecting nothing`);
    }
  }

  // Per-fraction shares of a species (density mean/SD, diameter), weights over density × start position.
  const densityNodes = (mean: number, sd: number) =>
    NORMAL_QUADRATURE_5.map((q) => {
      const d = mean + q.z * sd;
      return { weight: q.weight / starts.length, density: d, iso: isopycnicDepth(profile, d) };
    });
  const shares = (diameterNm: number, mean: number, sd: number): Float64Array => {
    const out = new Float64Array(fractionCount);
    for (const node of densityNodes(mean, sd)) {
      for (const x0 of starts) {
        const x = finalDepthMm(
          profile,
          diameterNm,
          node.density,
          x0,
          acceleration,
          viscosityPaS,
          seconds,
          node.iso,
        );
        out[fractionOf(x)] = (out[fractionOf(x)] as number) + node.weight;
      }
    }
    return out;
  };

  const fractionParticles = new Float64Array(fractionCount);
  const particles = new Float64Array(state.particles.length);
  const evNodes = densityNodes(evBand.meanGPerMl, evBand.sdGPerMl);
  const handling = numberParam(values, 'evRecoveryPercent') / 100;
  for (let i = 0; i < particles.length; i++) {
    const n = state.particles[i] as number;
    if (n === 0) continue;
    const d = state.binsNm[i] as number;
    let kept = 0;
    for (const node of evNodes) {
      for (const x0 of starts) {
        const f = fractionOf(
          finalDepthMm(profile, d, node.density, x0, acceleration, viscosityPaS, seconds, node.iso),
        );
        fractionParticles[f] = (fractionParticles[f] as number) + n * node.weight;
        if (collected.has(f)) kept += node.weight;
      }
    }
    particles[i] = n * kept * handling;
  }

  const proteinDensity =
    medium === 'iodixanol' ? ALBUMIN.buoyantDensityIodixanolGPerMl : ALBUMIN.buoyantDensitySucroseGPerMl;
  const proteinShares = shares(ALBUMIN_STOKES_DIAMETER_NM, proteinDensity, 0.01);
  const lipoShares = Object.fromEntries(
    LIPOPROTEIN_CLASSES.map((c) => [
      c,
      shares(LIPOPROTEINS[c].diameterNm, LIPOPROTEINS[c].densityGPerMl, LIPOPROTEINS[c].densitySdGPerMl),
    ]),
  ) as Record<(typeof LIPOPROTEIN_CLASSES)[number], Float64Array>;

  const fractions: StepFraction[] = [];
  let proteinKept = 0;
  const lipoKept: LipoproteinCounts = { hdl: 0, ldl: 0, vldl: 0 };
  for (let f = 0; f < fractionCount; f++) {
    const isCollected = collected.has(f);
    const lp: LipoproteinCounts = { hdl: 0, ldl: 0, vldl: 0 };
    for (const c of LIPOPROTEIN_CLASSES) {
      lp[c] = state.lipoproteins[c] * ((lipoShares[c][f] as number) ?? 0);
      if (isCollected) lipoKept[c] += lp[c];
    }
    const p = state.proteinUg * (proteinShares[f] as number);
    if (isCollected) proteinKept += p;
    fractions.push({
      number: f + 1,
      startMl: f * fractionVolumeMl,
      endMl: Math.min(totalMl, (f + 1) * fractionVolumeMl),
      densityGPerMl: fractionDensity(f),
      particles: fractionParticles[f] as number,
      proteinUg: p,
      lipoproteins: lp,
      collected: isCollected,
    });
  }

  // Equilibrium check at the median EV size present.
  let total = 0;
  for (const v of state.particles) total += v;
  let acc = 0;
  let medianNm = 100;
  for (let i = 0; i < state.particles.length; i++) {
    acc += state.particles[i] as number;
    if (acc >= total / 2) {
      medianNm = state.binsNm[i] as number;
      break;
    }
  }
  const evIso = isopycnicDepth(profile, evBand.meanGPerMl);
  const kMedian = ((medianNm * 1e-9) ** 2 * acceleration * evIso.slope * 1e6) / (18 * viscosityPaS);
  if (kMedian * seconds < 3)
    warnings.push(
      `${Math.round(medianNm)} nm EVs are not at equilibrium after ${(minutes / 60).toFixed(1)} h (time constant ${(1 / kMedian / 3600).toFixed(1)} h)`,
    );
  warnings.push(
    `the collected fractions contain ${medium}; remove it (wash pellet, SEC or UF) before NTA and functional assays (Li et al. 2025 §2.1.2)`,
  );
  const hdlIn = state.lipoproteins.hdl;
  if (hdlIn > 0 && lipoKept.hdl / hdlIn > 0.1)
    warnings.push(
      `${Math.round((100 * lipoKept.hdl) / hdlIn)} % of the HDL co-bands with the EVs (HDL 1.063–1.21 g/mL overlaps the EV band; Yuana et al. 2014, J Extracell Vesicles 3:23262)`,
    );

  const collectedCount = collected.size;
  const assumptions: ModelAssumption[] = [
    {
      key: 'model.evDensity',
      description: `EV buoyant density in ${medium} (mean ± SD)`,
      value: `${evBand.meanGPerMl} ± ${evBand.sdGPerMl}`,
      unit: 'g/mL',
      source:
        medium === 'iodixanol'
          ? 'Van Deun et al. 2014, J Extracell Vesicles 3:24858; Kowal et al. 2016, PNAS 113:E968'
          : 'Théry et al. 2006, Curr Protoc Cell Biol 3.22 (1.13–1.19 g/mL)',
      assumption: false,
    },
    {
      key: 'model.profile',
      description:
        'layers smoothed to a piecewise-linear profile through the zone centres; no diffusion broadening',
      value: rho.map((r) => r.toFixed(3)).join(' → '),
      unit: 'g/mL',
      source:
        medium === 'iodixanol'
          ? 'iodixanol density: Ford, Graham & Rickwood 1994, Anal Biochem 220:360'
          : 'sucrose density: CRC Handbook of Chemistry and Physics',
      assumption: true,
    },
    {
      key: 'model.lipoproteinDensity',
      description: 'lipoprotein densities (HDL 1.063–1.21, LDL 1.019–1.063, VLDL < 1.006 g/mL)',
      value: 'classical ultracentrifugal classes',
      unit: null,
      source: 'Havel, Eder & Bragdon 1955, J Clin Invest 34:1345',
      assumption: false,
    },
    {
      key: 'viscosityCp',
      description: 'mean gradient viscosity',
      value: viscosityCp,
      unit: 'cP',
      source: 'see parameter viscosityCp',
      assumption: optionalNumberParam(values, 'viscosityCp') === null,
    },
  ];

  return {
    state: {
      binsNm: state.binsNm,
      particles,
      volumeMl: Math.max(1e-9, collectedCount * fractionVolumeMl * tubes),
      proteinUg: proteinKept,
      lipoproteins: lipoKept,
    },
    cutoffs: [
      {
        name: 'evBandDensityGPerMl',
        description: `EV buoyant density in ${medium}`,
        value: evBand.meanGPerMl,
        unit: 'g/mL',
      },
      { name: 'tubes', description: 'tubes needed for the input volume', value: tubes, unit: 'tubes' },
      { name: 'collectedFractions', description: collectNote, value: collectedCount, unit: 'fractions' },
      { name: 'rcfG', description: 'RCF at Rav', value: rcfG, unit: '×g' },
    ],
    fractions,
    timeMinutes: minutes,
    warnings,
    assumptions,
    model: 'physical',
  };
}
