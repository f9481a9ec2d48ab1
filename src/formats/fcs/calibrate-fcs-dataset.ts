/**
 * Calibrated FCS export: the original parameters (scaled values) plus calibrated ones —
 * "<scatter> σ nm2" (collected scattering cross-section), "<scatter> diameter nm" (EV-model diameter),
 * "<fluorescence> <unit>" (MESF/ERF) — written as FCS 3.1 float32, with the calibration recorded in
 * keywords, and a MIFlowCyt-EV report (Welsh et al. 2020, J Extracell Vesicles 9:1713526,
 * doi:10.1080/20013078.2020.1713526) of what was calibrated and how.
 * Events that cannot be calibrated (a.u. ≤ 0, or a cross-section outside the EV model's unambiguous range)
 * get 0 in the added parameter and are counted in the report.
 */
import {
  type FluorescenceCalibration,
  toCalibratedFluorescence,
} from '../../science/flow-calibration/fluorescence-calibration.ts';
import type { EvModel, ScatterCalibration } from '../../science/flow-calibration/scatter-calibration.ts';
import type { FcsDataset } from './fcs-file.ts';
import { fcsColumnValues } from './fcs-scaled-values.ts';
import { type FcsWriteParameter, writeFcs } from './write-fcs.ts';

export interface CalibrationToApply {
  scatter?: {
    channel: string;
    calibration: ScatterCalibration;
    evModel: EvModel;
    diameterForCrossSection: (sigmaNm2: number) => number;
  };
  fluorescence?: { channel: string; calibration: FluorescenceCalibration };
}

export interface MiflowcytEvReport {
  framework: string;
  file: string;
  events: number;
  software: { name: string; version: string };
  scatterCalibration: null | {
    channel: string;
    wavelengthNm: number;
    mediumIndex: number;
    collection: { centreDeg: number; halfAngleDeg: number; obscurationDeg: number; polarisation: string };
    referenceParticles: {
      diameterNm: number;
      refractiveIndex: number;
      au: number;
      crossSectionNm2: number;
    }[];
    model: string;
    instrumentFactorAuPerNm2: number;
    rSquaredLog: number;
    evModel: EvModel & { description: string };
    units: string;
    notCalibratedEvents: number;
  };
  fluorescenceCalibration: null | {
    channel: string;
    unit: string;
    slope: number;
    intercept: number;
    rSquared: number;
    beadsUsed: number;
    excluded: { index: number; reason: string }[];
    notCalibratedEvents: number;
  };
  reminders: string[];
}

export function calibrateFcsDataset(
  d: FcsDataset,
  fileName: string,
  apply: CalibrationToApply,
): { bytes: Uint8Array; addedParameters: string[]; report: MiflowcytEvReport; reportMarkdown: string } {
  const names = d.parameters.map((p) => p.name);
  const index = (ch: string) => {
    const i = names.indexOf(ch);
    if (i < 0) throw new RangeError(`the file has no parameter "${ch}" (it has ${names.join(', ')})`);
    return i;
  };
  d.events.extractAll(); // every column is written: one pass over the events, not one per column
  const columns: ArrayLike<number>[] = d.parameters.map((_, i) => fcsColumnValues(d, i, 'scaled'));
  const parameters: FcsWriteParameter[] = d.parameters.map((p) => ({
    name: p.name,
    label: p.label,
    range: p.range,
  }));
  const added: string[] = [];
  const keywords: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.keywords)) {
    if (!/^\$(P\d+[A-Z]+|PAR|TOT|BEGIN|END|BYTEORD|DATATYPE|MODE|NEXTDATA)/i.test(k)) keywords[k] = v;
  }
  let scatterReport: MiflowcytEvReport['scatterCalibration'] = null;
  let fluorescenceReport: MiflowcytEvReport['fluorescenceCalibration'] = null;

  if (apply.scatter) {
    const s = apply.scatter;
    const au = columns[index(s.channel)] as Float64Array;
    const sigma = new Float64Array(au.length);
    const diameter = new Float64Array(au.length);
    let missing = 0;
    for (let e = 0; e < au.length; e++) {
      const a = au[e] as number;
      const sg = a > 0 ? a / s.calibration.auPerNm2 : 0;
      const dia = sg > 0 ? s.diameterForCrossSection(sg) : Number.NaN;
      sigma[e] = sg;
      diameter[e] = Number.isFinite(dia) ? dia : 0;
      if (!Number.isFinite(dia)) missing++;
    }
    const sigmaMax = sigma.reduce((m, v) => Math.max(m, v), 0);
    parameters.push({
      name: `${s.channel} sigma nm2`,
      label: 'scattering cross-section (nm²)',
      range: Math.ceil(sigmaMax) + 1,
    });
    parameters.push({
      name: `${s.channel} diameter nm`,
      label: 'EV diameter (nm), core-shell model',
      range: 1000,
    });
    columns.push(sigma, diameter);
    added.push(`${s.channel} sigma nm2`, `${s.channel} diameter nm`);
    keywords['EVLAB SCATTER CALIBRATION'] =
      `${s.channel}: ${s.calibration.auPerNm2.toPrecision(6)} a.u./nm2 at ${s.calibration.wavelengthNm} nm; EV core ${s.evModel.coreIndex} shell ${s.evModel.shellIndex} x ${s.evModel.shellThicknessNm} nm`;
    const a = s.calibration.aperture;
    scatterReport = {
      channel: s.channel,
      wavelengthNm: s.calibration.wavelengthNm,
      mediumIndex: s.calibration.mediumIndex,
      collection: {
        centreDeg: a.centreDeg,
        halfAngleDeg: a.halfAngleDeg,
        obscurationDeg: a.obscurationDeg ?? 0,
        polarisation: a.polarisation,
      },
      referenceParticles: s.calibration.beads.map((b) => ({
        diameterNm: b.diameterNm,
        refractiveIndex: b.refractiveIndex,
        au: b.au,
        crossSectionNm2: b.crossSectionNm2,
      })),
      model: 'Mie theory (BHMIE for beads, BHCOAT for the core-shell EV model), aperture-integrated; evlab',
      instrumentFactorAuPerNm2: s.calibration.auPerNm2,
      rSquaredLog: s.calibration.rSquaredLog,
      evModel: { ...s.evModel, description: 'core-shell sphere: aqueous core, lipid-bilayer shell' },
      units: 'nm² (scattering cross-section), nm (diameter)',
      notCalibratedEvents: missing,
    };
  }
  if (apply.fluorescence) {
    const f = apply.fluorescence;
    const au = columns[index(f.channel)] as Float64Array;
    const out = new Float64Array(au.length);
    let missing = 0;
    let max = 0;
    for (let e = 0; e < au.length; e++) {
      const v = toCalibratedFluorescence(f.calibration, au[e] as number);
      if (Number.isFinite(v)) {
        out[e] = v;
        if (v > max) max = v;
      } else missing++;
    }
    const name = `${f.channel} ${f.calibration.unit}`;
    parameters.push({
      name,
      label: `${f.calibration.unit} (log-log bead regression)`,
      range: Math.ceil(max) + 1,
    });
    columns.push(out);
    added.push(name);
    keywords['EVLAB FLUORESCENCE CALIBRATION'] =
      `${f.channel}: log10(${f.calibration.unit}) = ${f.calibration.slope.toPrecision(7)} log10(a.u.) + ${f.calibration.intercept.toPrecision(7)}, R2 ${f.calibration.rSquared.toPrecision(6)}`;
    fluorescenceReport = {
      channel: f.channel,
      unit: f.calibration.unit,
      slope: f.calibration.slope,
      intercept: f.calibration.intercept,
      rSquared: f.calibration.rSquared,
      beadsUsed: f.calibration.used,
      excluded: f.calibration.excluded,
      notCalibratedEvents: missing,
    };
  }
  const bytes = writeFcs({ parameters, columns, keywords });
  const report: MiflowcytEvReport = {
    framework: 'MIFlowCyt-EV (Welsh et al. 2020, doi:10.1080/20013078.2020.1713526)',
    file: fileName,
    events: d.eventCount,
    software: { name: 'evlab', version: '1' },
    scatterCalibration: scatterReport,
    fluorescenceCalibration: fluorescenceReport,
    reminders: [
      'Report buffer-only, unstained, isotype and detergent-treated controls with the sample.',
      'Report a serial dilution to show that single EVs, not swarms, were measured.',
      'State the trigger channel and threshold, and the limit of detection in calibrated units.',
    ],
  };
  return { bytes, addedParameters: added, report, reportMarkdown: reportMarkdown(report) };
}

function reportMarkdown(r: MiflowcytEvReport): string {
  const lines = [
    `# MIFlowCyt-EV calibration report`,
    '',
    `File: ${r.file} (${r.events} events). Software: evlab.`,
    '',
  ];
  if (r.scatterCalibration) {
    const s = r.scatterCalibration;
    lines.push(
      '## Scatter calibration',
      '',
      `- Channel ${s.channel}; λ ${s.wavelengthNm} nm; medium n ${s.mediumIndex.toFixed(4)}`,
      `- Collection: ${s.collection.halfAngleDeg}° half-angle around ${s.collection.centreDeg}°, obscuration ${s.collection.obscurationDeg}°, ${s.collection.polarisation} illumination`,
      `- Model: ${s.model}`,
      `- Instrument factor ${s.instrumentFactorAuPerNm2.toPrecision(5)} a.u./nm², R² (log) ${s.rSquaredLog.toFixed(5)}`,
      `- EV model: core n ${s.evModel.coreIndex}, shell n ${s.evModel.shellIndex}, shell ${s.evModel.shellThicknessNm} nm`,
      `- Events not calibrated: ${s.notCalibratedEvents}`,
      '',
      '| bead diameter (nm) | n | a.u. | σ (nm²) |',
      '|---:|---:|---:|---:|',
      ...s.referenceParticles.map(
        (b) =>
          `| ${b.diameterNm} | ${b.refractiveIndex.toFixed(4)} | ${b.au} | ${b.crossSectionNm2.toPrecision(4)} |`,
      ),
      '',
    );
  }
  if (r.fluorescenceCalibration) {
    const f = r.fluorescenceCalibration;
    lines.push(
      '## Fluorescence calibration',
      '',
      `- Channel ${f.channel}; unit ${f.unit}`,
      `- log10(${f.unit}) = ${f.slope.toFixed(6)} · log10(a.u.) + ${f.intercept.toFixed(6)}; R² ${f.rSquared.toFixed(6)}; ${f.beadsUsed} beads`,
      ...f.excluded.map((e) => `- Bead ${e.index + 1} excluded: ${e.reason}`),
      `- Events not calibrated: ${f.notCalibratedEvents}`,
      '',
    );
  }
  lines.push('## Still to report', '', ...r.reminders.map((x) => `- ${x}`), '');
  return lines.join('\n');
}
