/**
 * NCA on profiles whose answers are known without evlab: hand-computed trapezoid sums and closed-form
 * integrals of mono- and bi-exponential curves (Gibaldi M, Perrier D (1982) Pharmacokinetics, 2nd ed.,
 * ch. 1–2: C = C0·e^(−kt) ⇒ AUC∞ = C0/k, AUMC∞ = C0/k², MRT = 1/k, Vz = Vss = Dose/C0; constant-rate
 * infusion ⇒ AUC∞ = Dose/CL, MRT(body) = 1/k; bi-exponential ⇒ AUC∞ = A/α + B/β, AUMC∞ = A/α² + B/β²).
 */
import { describe, expect, it } from 'vitest';
import { NcaInputError } from './nca-input-error.ts';
import { type NcaOptions, ncaForProfile } from './nca-profile.ts';

const LN2 = Math.LN2;
const rel = (got: number | null | undefined, want: number) =>
  Math.abs((got as number) - want) / Math.abs(want);

// C = 160·2^(−t) sampled at 1–4 h: C0 = 160 back-extrapolated, k = ln 2 /h, dose 1000.
const bolus = { id: 'B1', time: [1, 2, 3, 4], conc: [80, 40, 20, 10] };

describe('IV bolus, mono-exponential, linear trapezoids (hand-computed)', () => {
  const r = ncaForProfile(bolus, { route: 'iv-bolus', dose: 1000, aucMethod: 'linear' });
  const p = r.parameters;
  it('back-extrapolates C0 from the first two points and finds λz = ln 2 on all four', () => {
    expect(p.C0).toBeCloseTo(160, 10);
    expect(p.LAMZ).toBeCloseTo(LN2, 12);
    expect(p.LAMZNPT).toBe(4); // from Cmax on for a bolus; a perfect fit with more points wins ties
    expect(p.R2).toBeCloseTo(1, 12);
    expect(p.LAMZHL).toBeCloseTo(1, 12);
    expect(p.CMAX).toBe(80);
    expect(p.TMAX).toBe(1);
  });
  it('sums the trapezoids 120 + 60 + 30 + 15 = 225 and the moments 40 + 80 + 70 + 50 = 240', () => {
    expect(p.AUCLST).toBeCloseTo(225, 10);
    expect(p.AUMCLST).toBeCloseTo(240, 10);
    const aucInf = 225 + 10 / LN2;
    const aumcInf = 240 + (10 * 4) / LN2 + 10 / LN2 ** 2;
    expect(p.AUCIFO).toBeCloseTo(aucInf, 10);
    expect(p.AUMCIFO).toBeCloseTo(aumcInf, 10);
    expect(p.AUCPEO).toBeCloseTo((100 * (10 / LN2)) / aucInf, 10);
    expect(p.AUCPBEO).toBeCloseTo((100 * 120) / aucInf, 10);
    expect(p.MRTIVIFO).toBeCloseTo(aumcInf / aucInf, 10);
    expect(p.CLO).toBeCloseTo(1000 / aucInf, 10);
    expect(p.VZO).toBeCloseTo(1000 / (LN2 * aucInf), 10);
    expect(p.VSSO).toBeCloseTo((aumcInf / aucInf) * (1000 / aucInf), 10);
  });
});

describe('IV bolus, mono-exponential, linear-up/log-down (exact integrals)', () => {
  const r = ncaForProfile(bolus, { route: 'iv-bolus', dose: 1000, aucMethod: 'linear-log' });
  const p = r.parameters;
  it('integrates an exponential exactly', () => {
    expect(p.AUCLST).toBeCloseTo((160 / LN2) * (1 - 1 / 16), 10);
    expect(p.AUCIFO).toBeCloseTo(160 / LN2, 10);
    expect(p.AUCIFP).toBeCloseTo(160 / LN2, 10);
    expect(p.AUMCIFO).toBeCloseTo(160 / LN2 ** 2, 9);
    expect(p.MRTIVIFO).toBeCloseTo(1 / LN2, 10);
    expect(p.CLO).toBeCloseTo((1000 * LN2) / 160, 10);
    expect(p.VZO).toBeCloseTo(1000 / 160, 10);
    expect(p.VSSO).toBeCloseTo(1000 / 160, 9);
    // The back-extrapolated 0–1 h segment holds half of AUC∞.
    expect(p.AUCPBEO).toBeCloseTo(50, 9);
  });
  it('keeps the observed C0 when there is a sample at t = 0', () => {
    const q = ncaForProfile(
      { id: 'B0', time: [0, 1, 2, 3, 4], conc: [160, 80, 40, 20, 10] },
      { route: 'iv-bolus', dose: 1000, aucMethod: 'linear-log' },
    ).parameters;
    expect(q.C0).toBe(160);
    expect(q.CMAX).toBe(160);
    expect(q.AUCPBEO).toBe(0);
    expect(q.AUCIFO).toBeCloseTo(160 / LN2, 10);
  });
  it('uses the first observation as C0 when the first two do not decline', () => {
    const q = ncaForProfile(
      { id: 'B2', time: [1, 2, 3, 4, 5], conc: [50, 60, 30, 15, 7.5] },
      { route: 'iv-bolus', dose: 1, aucMethod: 'linear' },
    );
    expect(q.parameters.C0).toBe(50);
    expect(q.notes.join(' ')).toMatch(/first observed/);
    expect(q.notes.join(' ')).toMatch(/rise after the IV bolus/);
  });
});

describe('IV bolus, bi-exponential (closed form, dense sampling)', () => {
  // C = 100·e^(−3t) + 10·e^(−0.2t): AUC∞ = 100/3 + 10/0.2, AUMC∞ = 100/9 + 10/0.04, MRT = AUMC∞/AUC∞.
  const time = [
    ...Array.from({ length: 20 }, (_, i) => 0.05 * (i + 1)),
    ...Array.from({ length: 20 }, (_, i) => 1 + 0.1 * (i + 1)),
    4,
    5,
    6,
    8,
    10,
    12,
    16,
    20,
    24,
    30,
    36,
    48,
  ];
  const conc = time.map((t) => 100 * Math.exp(-3 * t) + 10 * Math.exp(-0.2 * t));
  const p = ncaForProfile(
    { id: 'BI', time, conc },
    { route: 'iv-bolus', dose: 500, aucMethod: 'linear-log' },
  ).parameters;
  const auc = 100 / 3 + 10 / 0.2;
  const aumc = 100 / 9 + 10 / 0.04;
  it('recovers the terminal rate β = 0.2 and the closed-form areas', () => {
    // The best-fit rule prefers more points on adjusted-R² ties, so the tail of the distribution phase
    // (e^(−3t) is 0.2 % of C at 1.7 h) enters the regression: λz within 0.5 %, areas within 0.1 %.
    expect(rel(p.LAMZ, 0.2)).toBeLessThan(5e-3);
    expect(rel(p.C0, 110)).toBeLessThan(1e-2); // two-point back-extrapolation of a curved start
    expect(rel(p.AUCIFO, auc)).toBeLessThan(1e-3);
    expect(rel(p.AUMCIFO, aumc)).toBeLessThan(1e-3);
    expect(rel(p.MRTIVIFO, aumc / auc)).toBeLessThan(1e-3);
    expect(rel(p.CLO, 500 / auc)).toBeLessThan(1e-3);
    expect(rel(p.VSSO, ((aumc / auc) * 500) / auc)).toBeLessThan(1e-3);
    expect(rel(p.VZO, 500 / auc / 0.2)).toBeLessThan(5e-3);
  });
});

describe('IV infusion, one compartment (closed form)', () => {
  // k = 0.3 /h, V = 10, 100 over T = 2 h: AUC∞ = 100/3, CL = 3, Vz = Vss = 10, MRT(body) = 1/k.
  const k = 0.3;
  const T = 2;
  const css = 100 / T / (k * 10);
  const c = (t: number) =>
    t <= T ? css * (1 - Math.exp(-k * t)) : css * (1 - Math.exp(-k * T)) * Math.exp(-k * (t - T));
  const time = [...Array.from({ length: 41 }, (_, i) => i * 0.05), 2.5, 3, 4, 6, 8, 12, 16, 24, 36];
  const conc = time.map(c);
  const opts: NcaOptions = { route: 'iv-infusion', dose: 100, durationH: T, aucMethod: 'linear-log' };
  const r = ncaForProfile({ id: 'INF', time, conc }, opts);
  const p = r.parameters;
  it('matches the closed form within 0.1 %', () => {
    expect(p.TMAX).toBeCloseTo(2, 12);
    expect(rel(p.CMAX, css * (1 - Math.exp(-k * T)))).toBeLessThan(1e-12);
    expect(rel(p.LAMZ, k)).toBeLessThan(1e-9);
    expect(rel(p.AUCIFO, 100 / 3)).toBeLessThan(1e-3);
    expect(rel(p.CLO, 3)).toBeLessThan(1e-3);
    expect(rel(p.VZO, 10)).toBeLessThan(1e-3);
    // MRT of the body: AUMC/AUC − T/2 = 1/k.
    expect(rel(p.MRTIVIFO, 1 / k)).toBeLessThan(1e-3);
    expect(rel(p.VSSO, 10)).toBeLessThan(1e-3);
    expect(rel(p.AUMCIFO, (100 / 3) * (1 / k + T / 2))).toBeLessThan(1e-3);
  });
  it('does not report C0 or Tlag for an infusion', () => {
    expect('C0' in p).toBe(false);
    expect('TLAG' in p).toBe(false);
  });
  it('needs the infusion duration', () => {
    expect(() => ncaForProfile({ id: 'X', time, conc }, { ...opts, durationH: undefined })).toThrow(
      /duration/,
    );
  });
});

describe('extravascular details', () => {
  it('takes Tlag as the sample before the first measurable concentration and inserts C(0) = 0', () => {
    const r = ncaForProfile(
      { id: 'E', time: [0.5, 1, 2, 4, 6, 8, 12], conc: [0, 0, 4, 6, 4, 2, 1] },
      { route: 'extravascular', dose: 10, aucMethod: 'linear' },
    );
    expect(r.parameters.TLAG).toBe(1);
    expect(r.notes.join(' ')).toMatch(/C\(0\) = 0 inserted/);
    // AUC by hand: 0→0.5→1: 0; 1→2: 2; 2→4: 10; 4→6: 10; 6→8: 6; 8→12: 6 → 34.
    expect(r.parameters.AUCLST).toBeCloseTo(34, 12);
    expect(r.lambdaZPoints.map((p) => p.time)).toEqual([0.5, 1, 2, 4, 6, 8, 12]);
  });
  it('adds a trailing zero to AUCall as a triangle, not to AUClast', () => {
    const r = ncaForProfile(
      { id: 'T', time: [0, 1, 2, 4, 8, 12], conc: [0, 8, 6, 4, 2, 0] },
      { route: 'extravascular', dose: 10, aucMethod: 'linear-log' },
    );
    expect(r.parameters.TLST).toBe(8);
    expect(r.parameters.CLST).toBe(2);
    expect((r.parameters.AUCALL as number) - (r.parameters.AUCLST as number)).toBeCloseTo((4 * 2) / 2, 12);
  });
  it('leaves λz-dependent values null with a note when fewer than three points follow Cmax', () => {
    const r = ncaForProfile(
      { id: 'S7', time: [0, 1, 2, 4, 6], conc: [0, 2, 5, 9, 4] },
      { route: 'extravascular', dose: 10, aucMethod: 'linear' },
    );
    expect(r.parameters.LAMZ).toBeNull();
    expect(r.parameters.AUCIFO).toBeNull();
    expect(r.parameters.CLFO).toBeNull();
    expect(r.parameters.AUCLST).not.toBeNull();
    expect(r.notes.join(' ')).toMatch(/λz not estimated: only 1 usable point after Cmax/);
  });
  it('prefers more points when adjusted R² ties within 1e-4', () => {
    // Exactly exponential tail: every window has R² = 1, so the widest wins.
    const time = [0, 1, 2, 3, 4, 5, 6];
    const conc = [0, 10, 8, 4, 2, 1, 0.5];
    const r = ncaForProfile(
      { id: 'W', time, conc },
      { route: 'extravascular', dose: 1, aucMethod: 'linear' },
    );
    expect(r.parameters.LAMZNPT).toBe(5);
    expect(r.parameters.LAMZLL).toBe(2);
    expect(r.lambdaZPoints.filter((p) => p.used).map((p) => p.time)).toEqual([2, 3, 4, 5, 6]);
  });
  it('applies a manual λz range and exclusions', () => {
    const time = [0, 1, 2, 3, 4, 5, 6];
    const conc = [0, 10, 8, 4, 2.5, 1, 0.5];
    const manual = ncaForProfile(
      { id: 'M', time, conc },
      {
        route: 'extravascular',
        dose: 1,
        aucMethod: 'linear',
        lambdaZ: { mode: 'manual', startTime: 4, endTime: 6 },
        exclude: [5],
      },
    );
    expect(manual.parameters.LAMZNPT).toBe(2);
    expect(manual.parameters.LAMZ).toBeCloseTo(Math.log(2.5 / 0.5) / 2, 12);
    expect(manual.parameters.R2ADJ).toBeNull();
    expect(manual.lambdaZPoints.find((p) => p.time === 5)).toMatchObject({ used: false, excluded: true });
    expect(manual.lambdaZMode).toBe('manual');
  });
});

describe('BLQ rules', () => {
  const profile = {
    id: 'Q',
    time: [0, 1, 2, 3, 4, 6, 8],
    conc: [0, 4, 0, 2, 1, 0, 0],
    blq: [true, false, true, false, false, true, true],
  };
  it('defaults: leading → 0, middle → dropped, trailing → 0 (AUCall triangle)', () => {
    const r = ncaForProfile(profile, { route: 'extravascular', dose: 1, aucMethod: 'linear' });
    expect(r.lambdaZPoints.map((p) => p.time)).toEqual([0, 1, 3, 4, 6, 8]);
    // AUClast: 0→1: 2; 1→3: 6; 3→4: 1.5 → 9.5; AUCall adds 4→6 triangle: 1.
    expect(r.parameters.AUCLST).toBeCloseTo(9.5, 12);
    expect(r.parameters.AUCALL).toBeCloseTo(10.5, 12);
    expect(r.notes).toContain('1 middle BLQ sample dropped');
    expect(r.notes).toContain('2 trailing BLQ samples set to 0');
  });
  it('can set middle BLQ to LLOQ/2 and drop trailing ones', () => {
    const r = ncaForProfile(profile, {
      route: 'extravascular',
      dose: 1,
      aucMethod: 'linear',
      blq: { lloq: 0.5, middle: 'half-lloq', trailing: 'drop' },
    });
    expect(r.lambdaZPoints.map((p) => [p.time, p.conc])).toEqual([
      [0, 0],
      [1, 4],
      [2, 0.25],
      [3, 2],
      [4, 1],
    ]);
    expect(r.parameters.AUCALL).toBe(r.parameters.AUCLST);
  });
});

describe('partial AUCs and steady state', () => {
  it('interpolates log-linearly inside the data and extrapolates with λz after Tlast', () => {
    const r = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 1000,
      aucMethod: 'linear-log',
      partialAucs: [
        [1, 3],
        [1.5, 2.5],
        [3, 6],
      ],
    });
    const [a, b, c] = r.partialAucs;
    expect(a?.auc).toBeCloseTo((160 / LN2) * (0.5 - 0.125), 10);
    expect(b?.auc).toBeCloseTo((160 / LN2) * (2 ** -1.5 - 2 ** -2.5), 10);
    expect(c?.auc).toBeCloseTo((160 / LN2) * (2 ** -3 - 2 ** -6), 10);
  });
  it('reports AUCτ, Cavg, fluctuation, swing and accumulation at steady state', () => {
    // One-compartment bolus every τ = 4 h at steady state: C(t) = 160·2^(−t)/(1 − 2^(−4)).
    const acc = 1 / (1 - 1 / 16);
    const time = [0, 1, 2, 3, 4];
    const conc = time.map((t) => 160 * 2 ** -t * acc);
    const p = ncaForProfile(
      { id: 'SS', time, conc },
      { route: 'iv-bolus', dose: 1000, aucMethod: 'linear-log', tau: 4 },
    ).parameters;
    const aucTau = 160 / LN2; // = single-dose AUC∞
    expect(p.AUCTAU).toBeCloseTo(aucTau, 9);
    expect(p.CAVG).toBeCloseTo(aucTau / 4, 9);
    expect(p.CMIN).toBeCloseTo(10 * acc, 10);
    expect(p.TMIN).toBe(4);
    expect(p.CTROUGH).toBeCloseTo(10 * acc, 10);
    expect(p.AILAMZ).toBeCloseTo(acc, 10);
    expect(p.SWING).toBeCloseTo(15, 10);
    expect(p.FLUCP).toBeCloseTo((100 * 150 * acc) / (aucTau / 4), 8);
    expect(p.CLTAU).toBeCloseTo(1000 / aucTau, 9);
    expect(p.MRTIVIFT).toBeCloseTo(1 / LN2, 6);
  });
});

describe('units', () => {
  it('converts the dose into the concentration amount so CL comes out in mL/h', () => {
    const r = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 1,
      aucMethod: 'linear-log',
      units: { time: 'h', conc: 'ng/mL', dose: 'mg' },
    });
    // 1 mg = 1e6 ng; AUC∞ = 160/ln2 ng·h/mL.
    expect(r.parameters.CLO).toBeCloseTo((1e6 * LN2) / 160, 6);
    expect(r.parameters.CMAXD).toBe(80); // (ng/mL)/mg, not converted
    expect(r.units?.CLO).toBe('mL/h');
    expect(r.units?.VZO).toBe('mL');
    expect(r.units?.AUCIFO).toBe('h·ng/mL');
    expect(r.units?.LAMZ).toBe('1/h');
    expect(r.units?.CMAXD).toBe('(ng/mL)/mg');
  });
  it('writes per-kg volumes and keeps mixed quantities as dose/AUC with a note', () => {
    const perKg = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 2,
      aucMethod: 'linear',
      units: { time: 'min', conc: 'particles/mL', dose: 'particles/kg' },
    });
    expect(perKg.units?.CLO).toBe('mL/min/kg');
    const mixed = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 100,
      aucMethod: 'linear',
      units: { time: 'h', conc: 'particles/mL', dose: 'µg protein' },
    });
    expect(mixed.units?.CLO).toBe('(µg protein)/(h·particles/mL)');
    expect(mixed.notes.join(' ')).toMatch(/different quantities/);
  });
});

describe('report time unit (inputs in the data unit, results converted by hand-known factors)', () => {
  // The bolus profile above written in minutes: C = 160·2^(−t/60), λz = ln 2/60 per min = ln 2 per h.
  const bolusMin = { id: 'BM', time: [60, 120, 180, 240], conc: [80, 40, 20, 10] };
  const hours = ncaForProfile(bolus, {
    route: 'iv-bolus',
    dose: 1000,
    aucMethod: 'linear-log',
    partialAucs: [[1, 3]],
    tau: 4,
  });
  const inHours = ncaForProfile(bolusMin, {
    route: 'iv-bolus',
    dose: 1000,
    aucMethod: 'linear-log',
    partialAucs: [[60, 180]], // data unit (min)
    tau: 240, // data unit (min)
    units: { time: 'min', reportTime: 'h' },
  });
  it('gives the hour results from minute data, steady-state and partial areas included', () => {
    const p = inHours.parameters;
    expect(p.LAMZ).toBeCloseTo(LN2, 12);
    expect(p.LAMZHL).toBeCloseTo(1, 12);
    expect(p.TMAX).toBeCloseTo(1, 12);
    expect(p.LAMZLL).toBeCloseTo(1, 12);
    expect(p.LAMZUL).toBeCloseTo(4, 12);
    expect(p.AUCIFO).toBeCloseTo(160 / LN2, 9);
    expect(p.AUMCIFO).toBeCloseTo(160 / LN2 ** 2, 8);
    expect(p.MRTIVIFO).toBeCloseTo(1 / LN2, 9);
    expect(p.CLO).toBeCloseTo((1000 * LN2) / 160, 9);
    expect(p.VZO).toBeCloseTo(1000 / 160, 9);
    expect(p.C0).toBeCloseTo(160, 9);
    for (const code of [
      'AUCTAU',
      'AUMCTAU',
      'TMIN',
      'CAVG',
      'CLTAU',
      'VZTAU',
      'MRTIVIFT',
      'AILAMZ',
    ] as const) {
      expect(rel(p[code], hours.parameters[code] as number), code).toBeLessThan(1e-12);
    }
    expect(inHours.partialAucs[0]?.startTime).toBeCloseTo(1, 12);
    expect(inHours.partialAucs[0]?.endTime).toBeCloseTo(3, 12);
    expect(inHours.partialAucs[0]?.auc).toBeCloseTo((160 / LN2) * 0.375, 9);
    expect(inHours.lambdaZPoints.map((q) => q.time)).toEqual([1, 2, 3, 4]);
    expect(inHours.units?.LAMZ).toBe('1/h');
    expect(inHours.units?.CLO).toBe('dose/(h·conc)');
    expect(inHours.notes).toContain('times are in min in the data and reported in h');
  });
  it('reports hour data in minutes with factors 60, 60², 1/60 and in days with 1/24', () => {
    const min = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 1000,
      aucMethod: 'linear-log',
      units: { time: 'h', reportTime: 'min' },
    }).parameters;
    const h = hours.parameters;
    expect(min.TMAX).toBe(60);
    expect(rel(min.LAMZ, (h.LAMZ as number) / 60)).toBeLessThan(1e-14);
    expect(rel(min.LAMZHL, (h.LAMZHL as number) * 60)).toBeLessThan(1e-14);
    expect(rel(min.AUCIFO, (h.AUCIFO as number) * 60)).toBeLessThan(1e-14);
    expect(rel(min.AUMCIFO, (h.AUMCIFO as number) * 3600)).toBeLessThan(1e-14);
    expect(rel(min.MRTIVIFO, (h.MRTIVIFO as number) * 60)).toBeLessThan(1e-14);
    expect(rel(min.CLO, (h.CLO as number) / 60)).toBeLessThan(1e-14);
    expect(min.VZO).toBe(h.VZO);
    expect(min.VSSO).toBe(h.VSSO);
    expect(min.CMAX).toBe(h.CMAX);
    expect(min.AUCPEO).toBe(h.AUCPEO);
    expect(min.R2ADJ).toBe(h.R2ADJ);
    const days = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 1000,
      aucMethod: 'linear-log',
      units: { time: 'h', reportTime: 'd' },
    }).parameters;
    expect(rel(days.LAMZ, (h.LAMZ as number) * 24)).toBeLessThan(1e-14);
    expect(rel(days.AUMCIFO, (h.AUMCIFO as number) / 576)).toBeLessThan(1e-14);
  });
  it('takes the infusion duration and a manual λz range in the data unit', () => {
    // One compartment, k = 0.3 /h, 100 over 2 h (see above), sampled in minutes.
    const k = 0.3;
    const css = 100 / 2 / (k * 10);
    const c = (tH: number) =>
      tH <= 2 ? css * (1 - Math.exp(-k * tH)) : css * (1 - Math.exp(-k * 2)) * Math.exp(-k * (tH - 2));
    const timeH = [...Array.from({ length: 41 }, (_, i) => i * 0.05), 2.5, 3, 4, 6, 8, 12, 16, 24, 36];
    const r = ncaForProfile(
      { id: 'INFM', time: timeH.map((t) => t * 60), conc: timeH.map(c) },
      {
        route: 'iv-infusion',
        dose: 100,
        durationH: 120, // minutes: the data unit
        aucMethod: 'linear-log',
        lambdaZ: { mode: 'manual', startTime: 240, endTime: 36 * 60 },
        units: { time: 'min', reportTime: 'h' },
      },
    ).parameters;
    expect(rel(r.LAMZ, k)).toBeLessThan(1e-9);
    expect(r.LAMZNPT).toBe(7); // 4, 6, 8, 12, 16, 24, 36 h
    expect(r.LAMZLL).toBe(4);
    expect(r.LAMZUL).toBe(36);
    expect(rel(r.MRTIVIFO, 1 / k)).toBeLessThan(1e-3);
    expect(rel(r.CLO, 3)).toBeLessThan(1e-3);
    expect(rel(r.VSSO, 10)).toBeLessThan(1e-3);
  });
  it('reports in the data unit by default and keeps dose/conc and per-kg conversions', () => {
    const same = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 1,
      aucMethod: 'linear-log',
      units: { time: 'h', conc: 'ng/mL', dose: 'mg/kg' },
    });
    expect(same.parameters.CLO).toBeCloseTo((1e6 * LN2) / 160, 6);
    expect(same.units?.CLO).toBe('mL/h/kg');
    expect(same.notes.join(' ')).not.toMatch(/reported in/);
    const perMin = ncaForProfile(bolus, {
      route: 'iv-bolus',
      dose: 1,
      aucMethod: 'linear-log',
      units: { time: 'h', reportTime: 'min', conc: 'ng/mL', dose: 'mg/kg' },
    });
    expect(perMin.parameters.CLO).toBeCloseTo((1e6 * LN2) / 160 / 60, 6);
    expect(perMin.parameters.VZO).toBeCloseTo(1e6 / 160, 6); // mL/kg, as in hours
    expect(perMin.parameters.CMAXD).toBe(80); // (ng/mL)/(mg/kg), no time in it
    expect(perMin.units?.CLO).toBe('mL/min/kg');
    expect(perMin.units?.VZO).toBe('mL/kg');
    expect(perMin.units?.AUCIFOD).toBe('(min·ng/mL)/(mg/kg)');
  });
  it('refuses a report unit without the data unit', () => {
    expect(() =>
      ncaForProfile(bolus, {
        route: 'iv-bolus',
        dose: 1,
        aucMethod: 'linear',
        units: { reportTime: 'h' },
      }),
    ).toThrow(/needs the data's time unit/);
  });
});

describe('bad input is an error naming the subject and sample, never NaN', () => {
  const opts: NcaOptions = { route: 'extravascular', dose: 1, aucMethod: 'linear' };
  const fails = (profile: Parameters<typeof ncaForProfile>[0], o: NcaOptions, pattern: RegExp) => {
    try {
      ncaForProfile(profile, o);
    } catch (error) {
      expect(error).toBeInstanceOf(NcaInputError);
      expect((error as Error).message).toMatch(pattern);
      return error as NcaInputError;
    }
    throw new Error('expected an NcaInputError');
  };
  it('rejects unsorted and duplicate times', () => {
    fails({ id: 'U', time: [0, 2, 1], conc: [0, 1, 2] }, opts, /subject U, sample 3: time 1 comes after 2/);
    const e = fails(
      { id: 'D', time: [0, 1, 1], conc: [0, 1, 2], sourceLines: [2, 3, 4] },
      opts,
      /subject D, line 4: time 1 appears twice/,
    );
    expect(e.line).toBe(4);
  });
  it('rejects negative concentrations and bad doses', () => {
    fails({ id: 'N', time: [0, 1], conc: [0, -1] }, opts, /negative concentration -1/);
    fails({ id: 'Z', time: [0, 1], conc: [0, 1] }, { ...opts, dose: 0 }, /dose must be a positive number/);
  });
  it('rejects an IV bolus whose data start at 0 and rise', () => {
    const e = fails(
      { id: 'R', time: [0, 1, 2, 4, 8], conc: [0, 3, 8, 5, 2], sourceLines: [10, 11, 12, 13, 14] },
      { ...opts, route: 'iv-bolus' },
      /subject R, line 10: route is iv-bolus but the concentration is 0 at dose time and rises/,
    );
    expect(e.code).toBe('route-contradiction');
  });
  it('notes a missing dose instead of computing with it', () => {
    const r = ncaForProfile(bolus, { ...opts, dose: null });
    expect(r.parameters.CLFO).toBeNull();
    expect(r.parameters.CMAXD).toBeNull();
    expect(r.notes.join(' ')).toMatch(/no dose given/);
  });
  it('never returns NaN', () => {
    const r = ncaForProfile({ id: 'F', time: [0, 1, 2, 3], conc: [0, 0, 0, 0] }, opts);
    for (const v of Object.values(r.parameters)) expect(Number.isNaN(v)).toBe(false);
    expect(r.notes.join(' ')).toMatch(/no concentration above 0/);
  });
});

describe('numeric zeros before the first measurable concentration are BLQ (PKNCA convention)', () => {
  // Issue 9's example (PKNCA gives Tlag 0.5, AUClast 47.62); the same profile without the t = 0 row must agree.
  const time = [0, 0.5, 1, 2, 4, 8, 12];
  const conc = [0, 0, 5, 8, 6, 3, 1.5];
  const blq = [false, true, false, false, false, false, false];
  const opts: NcaOptions = { route: 'extravascular', dose: 100, aucMethod: 'linear-log' };
  it('gives Tlag 0.5 and AUClast 47.62, as without the t = 0 row', () => {
    const r = ncaForProfile({ id: 'A', time, conc, blq }, opts);
    const without = ncaForProfile(
      { id: 'A', time: time.slice(1), conc: conc.slice(1), blq: blq.slice(1) },
      opts,
    );
    expect(r.parameters.TLAG).toBe(0.5);
    expect(r.parameters.AUCLST as number).toBeCloseTo(47.62, 2);
    expect(r.parameters.AUCLST).toBeCloseTo(without.parameters.AUCLST as number, 12);
    // By hand: 0.5→1 linear 1.25; 1→2 linear 6.5; 2→4 log 2·2/ln(8/6); 4→8 log 3·4/ln2; 8→12 log 1.5·4/ln2.
    const byHand = 1.25 + 6.5 + (2 * 2) / Math.log(8 / 6) + (3 * 4) / Math.log(2) + (1.5 * 4) / Math.log(2);
    expect(r.parameters.AUCLST).toBeCloseTo(byHand, 10);
    expect(r.notes.join(' ')).not.toMatch(/middle BLQ/);
    expect(r.notes).toContain('2 leading BLQ samples set to 0');
  });
  it('reports Cmax 0 and AUClast 0 (not null) for an all-zero profile', () => {
    const r = ncaForProfile({ id: 'Z', time: [0, 1, 2, 4], conc: [0, 0, 0, 0] }, opts);
    expect(r.parameters.CMAX).toBe(0);
    expect(r.parameters.AUCLST).toBe(0);
    expect(r.parameters.AUCALL).toBe(0);
    expect(r.parameters.CMAXD).toBe(0);
    expect(r.parameters.LAMZ).toBeNull();
    expect(r.parameters.TMAX).toBeNull();
  });
});
