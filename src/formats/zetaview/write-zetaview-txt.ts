/**
 * Writes ZetaView-style `.txt` exports for tests and demos (evlab's own writer, labelled synthetic in the
 * Experiment line): the 8.05/8.06 header with a multi-pair line, `Size Distribution`, the linear bins, the
 * `-1.000E+0` separator and the logarithmic bins; ISO-8859-1 with CRLF; optional decimal commas (8.05 in
 * German locales); optional position table for `_11pos` files.
 */
import type { ZetaViewBin, ZetaViewPosition } from '../../science/zetaview/zetaview-record.ts';

export interface ZetaViewWriteInput {
  softwareVersion?: string;
  sample?: string;
  operator?: string;
  temperatureC?: number;
  viscosityCp?: number;
  dilution?: number | null;
  numberOfTraces?: number;
  averageParticlesPerFrame?: number;
  medianNumberNm?: number;
  linearBins?: readonly ZetaViewBin[];
  logBins?: readonly ZetaViewBin[];
  positions?: readonly ZetaViewPosition[];
  decimalComma?: boolean;
  zetaPotentialMv?: number;
}

/** ZetaView's E-notation: mantissa with 3 decimals, unpadded signed exponent ("5.000E+0", "1.234E-3"). */
export function zetaViewE(x: number, decimalComma = false): string {
  const [m, e] = x.toExponential(3).split('e') as [string, string];
  const n = Number(e);
  const text = `${m}E${n < 0 ? '-' : '+'}${Math.abs(n)}`;
  return decimalComma ? text.replace('.', ',') : text;
}

function fixed(x: number, digits: number, comma: boolean): string {
  const t = x.toFixed(digits);
  return comma ? t.replace('.', ',') : t;
}

export function writeZetaViewTxt(input: ZetaViewWriteInput): Uint8Array {
  const c = input.decimalComma ?? false;
  const lines: string[] = [];
  lines.push('Original File:\tC:\\ZetaView\\Data\\synthetic.avi\tSection:\t0');
  lines.push(`Operator:\t${input.operator ?? 'synthetic'}`);
  lines.push('Experiment:\tevlab synthetic fixture (not instrument data)');
  lines.push('ZetaView S/N:\t000-00000\tCell S/N:\t000');
  lines.push(`Software:\tZetaView (version ${input.softwareVersion ?? '8.06.01 SP1'})\tAnalyze:\tbatch`);
  lines.push('SOP:\tEV_488');
  lines.push(`Sample:\t${input.sample ?? 'synthetic EV'}`);
  lines.push('Electrolyte:\t');
  lines.push(`pH:\t${fixed(7, 1, c)} entered`);
  lines.push('TempControl:\toff\tSetTemperature:\t25.00');
  lines.push(`Temperature:\t${fixed(input.temperatureC ?? 24.2, 2, c)} sensed`);
  lines.push(`Viscosity:\t${fixed(input.viscosityCp ?? 0.91, 2, c)}`);
  lines.push('Date:\t2024-01-01');
  lines.push('Time:\t12:00:00');
  lines.push('Type of Measurement:\tSize Distribution');
  lines.push('Positions:\t11');
  const traces = input.numberOfTraces ?? 1500;
  const dil = input.dilution === null ? '' : fixed(input.dilution ?? 500, 6, c);
  lines.push(
    `Number of Traces:\t${traces} (at ${fixed(0.09999, 6, c)}) Average Number of Particles:\t${fixed(input.averageParticlesPerFrame ?? 30.6, 1, c)} Dilution::\t${dil}`,
  );
  lines.push(`Laser Wavelength nm:\t${fixed(488, 6, c)}`);
  if (input.medianNumberNm !== undefined)
    lines.push(`Median Number (D50):\t${fixed(input.medianNumberNm, 1, c)}`);
  if (input.zetaPotentialMv !== undefined)
    lines.push(`Zeta Potential:\t${fixed(input.zetaPotentialMv, 2, c)} mV`);
  if (input.positions && input.positions.length > 0) {
    lines.push('');
    lines.push('Position\tRemoved\tNumber of Particles\tConcentration / cm-3\tX50 / nm');
    for (const p of input.positions) {
      lines.push(
        [
          String(p.position),
          p.removed ? 'yes' : 'no',
          p.particles === null ? '' : String(p.particles),
          p.concentrationPerMl === null ? '' : zetaViewE(p.concentrationPerMl, c),
          p.x50Nm === null ? '' : fixed(p.x50Nm, 1, c),
        ].join('\t'),
      );
    }
  }
  const row = (b: ZetaViewBin) =>
    [b.sizeNm, b.number, b.concentrationPerMl, b.volumeNm3 ?? 0, b.areaNm2 ?? 0]
      .map((v) => zetaViewE(v, c))
      .join('\t');
  if (input.linearBins && input.linearBins.length > 0) {
    lines.push('');
    lines.push('Size Distribution');
    lines.push('Size / nm\tNumber\tConcentration / cm-3\tVolume / nm^3\tArea / nm^2');
    for (const b of input.linearBins) lines.push(row(b));
    lines.push([-1, -1, -1, -1, -1].map((v) => zetaViewE(v, c)).join('\t'));
    for (const b of input.logBins ?? []) lines.push(row(b));
  }
  const text = `${lines.join('\r\n')}\r\n`;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/**
 * Bins of a synthetic log-normal population counted like ZetaView: `traces` particles spread over linear
 * bins of `widthNm` (centres at widthNm·(i + ½)), concentration per bin = number × perTraceConcentration,
 * volume and area per bin from the bin centre (π d³/6, π d²). Deterministic (no random numbers).
 */
export function syntheticZetaViewBins(options: {
  medianNm: number;
  geometricSd: number;
  traces: number;
  widthNm?: number;
  bins?: number;
  perTraceConcentration?: number;
  log?: boolean;
}): ZetaViewBin[] {
  const width = options.widthNm ?? 5;
  const count = options.bins ?? 200;
  const perTrace = options.perTraceConcentration ?? 2.5e4;
  const mu = Math.log(options.medianNm);
  const sigma = Math.log(options.geometricSd);
  const centres: number[] = [];
  for (let i = 0; i < count; i++)
    centres.push(options.log ? 10 ** (0.5 + (i + 0.5) * (3.5 / count)) : width * (i + 0.5));
  const density = centres.map((d) => Math.exp(-((Math.log(d) - mu) ** 2) / (2 * sigma * sigma)) / d);
  const total = density.reduce((s, v) => s + v, 0);
  return centres.map((d, i) => {
    const n = Math.round(((density[i] as number) / total) * options.traces);
    return {
      sizeNm: Number(d.toPrecision(4)),
      number: n,
      concentrationPerMl: n * perTrace,
      volumeNm3: (n * Math.PI * d ** 3) / 6,
      areaNm2: n * Math.PI * d * d,
    };
  });
}
