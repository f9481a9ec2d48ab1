/**
 * Small synthetic seed inputs for the fuzzers (fuzz-readers.test.ts and bench/fuzz-readers.bench.ts), one
 * list per reader of the fuzz registry (fuzz-targets.ts). They complement the reference files (read from
 * ../shared/reference at run time, never copied) and are the only seeds on a bare machine. Every seed is
 * built here, by hand or with evlab's own writers, and is small (a few KB) so that a mutated input parses in
 * well under a millisecond. Pure: no node:* imports.
 */

import { syntheticNtaSample } from '../science/nta/synthetic-nta-sample.ts';
import { simulateBrownianTracks } from '../science/nta-tracks/simulate-brownian-tracks.ts';
import { writeFcs } from './fcs/write-fcs.ts';
import { writeNanoSightExperimentSummary } from './nanosight/write-experiment-summary.ts';
import { syntheticZetaViewBins, writeZetaViewTxt } from './zetaview/write-zetaview-txt.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function nanosight(): Uint8Array[] {
  return [
    writeNanoSightExperimentSummary(
      syntheticNtaSample({
        medianDiameterNm: 120,
        geometricSd: 1.4,
        concentrationPerMl: 3e8,
        seed: 7,
        videos: 3,
        binCount: 60,
      }),
    ),
  ];
}

function pk(): Uint8Array[] {
  return [
    enc('Subject,Time,conc\n1,0,0\n1,0.5,4.1\n1,1,6.3\n1,2,5.2\n1,4,3.0\n2,0,0\n2,1,7.7\n2,8,1.2\n'),
    enc('id;time (h);C (ng/mL)\r\n"A";0;BLQ\r\n"A";1,5;3,5\r\n"A";24;0,25\r\n'),
    enc('Time\tConc\n0\t<LLOQ\n0.25\t1.5e1\n12\t2.0E-1\n'),
  ];
}

function biodistribution(): Uint8Array[] {
  return [
    enc(
      '# 99mTc-EVs, IV\norgan,time_h,value,unit,animal,count_time_h,organ_mass_g\nLiver,1,20.5,%ID/g,m1,2.5,1.31\nSpleen,1,30,%ID/g,m1,,\n\nLiver,24,"15",%ID/g,m2,,\n',
    ),
    enc('tissue\ttime (min)\t%ID/g\nblood\t30\t12\nliver\t60\t"3,5"\n'),
    enc('Organ (%ID),1 h,4 h,24h,2 d\nLiver,30,35,28,20\nBrain,0.1,,0.05,nd\n'),
  ];
}

function ctgov(): Uint8Array[] {
  const study = {
    protocolSection: {
      identificationModule: { nctId: 'NCT09990001', briefTitle: 'MSC-EV in ARDS' },
      statusModule: { overallStatus: 'RECRUITING', startDateStruct: { date: '2024-03' } },
      conditionsModule: { conditions: ['ARDS'] },
      armsInterventionsModule: { interventions: [{ type: 'BIOLOGICAL', name: 'MSC exosomes' }] },
      designModule: { phases: ['PHASE1'], enrollmentInfo: { count: 24 } },
    },
  };
  return [enc(JSON.stringify(study)), enc(JSON.stringify({ studies: [study], nextPageToken: 'abc' }))];
}

function spc(): Uint8Array[] {
  return [enc('lot,diam,n,run\nA,1.5,10,r1\nA,2.5,10,r2\nB,3,12,r3\n'), enc('d;x\n3,5;1\n4;2\n')];
}

function zetaview(): Uint8Array[] {
  const linear = syntheticZetaViewBins({ medianNm: 110, geometricSd: 1.5, traces: 600, bins: 30 });
  const log = syntheticZetaViewBins({ medianNm: 110, geometricSd: 1.5, traces: 600, bins: 20, log: true });
  return [
    writeZetaViewTxt({ linearBins: linear, logBins: log, dilution: 500, numberOfTraces: 600 }),
    writeZetaViewTxt({ linearBins: linear, decimalComma: true, dilution: null, zetaPotentialMv: -21.5 }),
  ];
}

function tracks(): Uint8Array[] {
  const sim = simulateBrownianTracks({
    population: [{ diameterNm: 100, fraction: 1 }],
    tracks: 6,
    minSteps: 3,
    maxSteps: 6,
    fps: 30,
    umPerPx: 0.166,
    temperatureC: 25,
    seed: 2,
  });
  const lines = ['Temperature,25.0', 'Frame rate,30', '', 'Frame Number,Particle ID,x,y'];
  for (let i = 0; i < sim.frame.length; i++)
    lines.push(
      `${sim.frame[i]},${sim.trackId[i]},${(sim.xPx[i] as number).toFixed(4)},${(sim.yPx[i] as number).toFixed(4)}`,
    );
  return [
    enc(`${lines.join('\r\n')}\r\n`),
    enc(
      'Particle ID,Size/nm,D (E4 nm2/s),Track Length,Included\n1,100.2,490.7,11,1\n2,95.0,517.0,6,1\n3,0,0,1,0\n',
    ),
  ];
}

function imagej(): Uint8Array[] {
  return [
    enc(
      ' ,Area,Mean,Perim.,Major,Minor,Angle,Circ.,Feret,FeretX,FeretY,FeretAngle,MinFeret,AR,Round,Solidity\n' +
        '1,1963.495,120.5,157.08,50,50,0,1,50,10,10,0,50,1,1,0.99\n' +
        '2,2500,118.0,220,80,39.8,30,0.649,82,5,5,30,38,2.01,0.497,0.95\n',
    ),
    enc('Area\tMean\n100\t1\n200\t2\n'),
  ];
}

function images(): Uint8Array[] {
  const png = new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 2, 0, 0, 0, 1,
    0, 8, 0, 0, 0, 0,
  ]);
  const jpeg = new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 11, 8,
    1, 0, 2, 0, 1, 1, 0x11, 0, 0xff, 0xd9,
  ]);
  const tiff = new Uint8Array([
    0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 2, 0, 0, 1, 3, 0, 1, 0, 0, 0, 0, 4, 0, 0, 1, 1, 4, 0, 1, 0, 0, 0, 0, 3,
    0, 0, 0, 0, 0, 0,
  ]);
  return [png, jpeg, tiff];
}

function plate(): Uint8Array[] {
  const long = [
    'type,id,concentration (µg/mL),response,dilution',
    'blank,blank,,0.095,',
    'standard,S0,0,0.0960,',
    'standard,S250,250,0.3585,',
    'standard,S1000,1000,1.146,',
    'sample,EV-1,,0.411,2',
    'sample,EV-2,,masked,1',
  ].join('\r\n');
  const grid = [
    'Responses',
    ',1,2,3',
    'A,0.1,0.2,0.05',
    'B,0.5,0.6,0.3',
    '',
    'Plate map (µg/mL)',
    ',1,2,3',
    'A,std:0,std:0,blank',
    'B,std:500,std:500,sample:EV-A:5',
  ].join('\n');
  const softmax =
    '##BLOCKS= 1\r\nPlate:\tP\t1.3\tPlateFormat\tEndpoint\tAbsorbance\tRaw\tFALSE\t1\t\t\t\t\t\t1\t450\t1\t12\t96\t1\t8\r\n\tTemperature(¡C)\t1\t2\t3\r\n\t23.5\t0.1\t0.2\t0.3\r\n\t\t0.4\t0.5\t0.6\r\n~End\r\n';
  return [enc(long), enc(grid), enc(softmax)];
}

function densitometry(): Uint8Array[] {
  return [
    enc('Marker,Lane,Area,Percent\nCD63,1,8000,40\nCD63,2,6000,30\ncalnexin,1,200,2\nTSG101,1,2000,\n'),
    enc('Label\tIntDen\tRawIntDen\tlane\tSample\nA\t100\t120\t1\tEV\nB\t90\t95\t2\tCells\n'),
  ];
}

function laneMap(): Uint8Array[] {
  return [enc('lane,sample,role,loading_ug\n1,EV,ev,5\n2,Cells,lysate,5\n'), enc('lane;sample\n1;"EV; A"\n')];
}

function proteins(): Uint8Array[] {
  return [
    enc(
      'Protein IDs\tMajority protein IDs\tGene names\tPeptides\tRazor + unique peptides\tUnique peptides\tIntensity\tIntensity EV1\tLFQ intensity EV1\tReverse\tPotential contaminant\tid\n' +
        'P08962\tP08962\tCD63\t4\t4\t4\t1.2E+09\t1.2E+09\t1.1E+09\t\t\t0\n' +
        'REV__Q1\tREV__Q1\t\t1\t1\t1\t0\t0\t0\t+\t\t1\n',
    ),
  ];
}

function fcs(): Uint8Array[] {
  const n = 40;
  const a = Float32Array.from({ length: n }, (_, i) => (i * 37) % 1024);
  const b = Float32Array.from({ length: n }, (_, i) => (i * 91) % 1024);
  return [
    writeFcs({
      parameters: [
        { name: 'FSC-A', range: 1024 },
        { name: 'SSC-A', label: 'side', range: 1024 },
      ],
      columns: [a, b],
      keywords: { $CYT: 'synthetic', $SPILLOVER: '2,FSC-A,SSC-A,1,0.1,0.05,1' },
    }),
    mixedWidthFcs(),
  ];
}

/**
 * A big-endian FCS 3.0 file of mixed integer widths (16, 32, 24 and 8 bits; masks from $PnR), 9 events: the
 * layout that takes the kernel's permute pass (a 32-bit value straddles 16-byte vectors every few events).
 */
function mixedWidthFcs(): Uint8Array {
  const bits = [16, 32, 24, 8, 16];
  const ranges = [1024, 2 ** 32, 2 ** 20, 256, 65536];
  const n = 9;
  const record = bits.reduce((s, b) => s + b / 8, 0);
  const data = new Uint8Array(n * record);
  for (let k = 0; k < data.length; k++) data[k] = (k * 151 + 7) & 0xff;
  const kws = ['$BYTEORD', '4,3,2,1', '$DATATYPE', 'I', '$MODE', 'L', '$PAR', String(bits.length)];
  kws.push('$TOT', String(n), '$NEXTDATA', '0');
  bits.forEach((b, i) => {
    const k = i + 1;
    kws.push(`$P${k}N`, `CH${k}`, `$P${k}B`, String(b), `$P${k}R`, String(ranges[i]), `$P${k}E`, '0,0');
  });
  const text = enc(`|${kws.join('|')}|`);
  const begin = 58 + text.length;
  const pad = (x: number) => String(x).padStart(8, ' ');
  const header = enc(
    `FCS3.0    ${pad(58)}${pad(begin - 1)}${pad(begin)}${pad(begin + data.length - 1)}${pad(0)}${pad(0)}`,
  );
  const out = new Uint8Array(begin + data.length);
  out.set(header);
  out.set(text, 58);
  out.set(data, begin);
  return out;
}

function gatingMl(): Uint8Array[] {
  return [
    enc(
      '<?xml version="1.0" encoding="UTF-8"?>\n<gating:Gating-ML xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating" xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">\n' +
        '<gating:RectangleGate gating:id="R1">\n<gating:dimension gating:compensation-ref="uncompensated" gating:min="1" gating:max="100"><data-type:fcs-dimension data-type:name="FSC-A"/></gating:dimension>\n</gating:RectangleGate>\n' +
        '<gating:PolygonGate gating:id="P1" gating:parent_id="R1">\n<gating:dimension gating:compensation-ref="uncompensated"><data-type:fcs-dimension data-type:name="FSC-A"/></gating:dimension><gating:dimension gating:compensation-ref="uncompensated"><data-type:fcs-dimension data-type:name="SSC-A"/></gating:dimension>\n' +
        '<gating:vertex><gating:coordinate data-type:value="1"/><gating:coordinate data-type:value="2"/></gating:vertex><gating:vertex><gating:coordinate data-type:value="5"/><gating:coordinate data-type:value="2"/></gating:vertex><gating:vertex><gating:coordinate data-type:value="3"/><gating:coordinate data-type:value="9"/></gating:vertex>\n</gating:PolygonGate>\n</gating:Gating-ML>\n',
    ),
  ];
}

/** Synthetic seeds per fuzz target name (fuzz-targets.ts). */
export const SYNTHETIC_SEEDS: Record<string, () => Uint8Array[]> = {
  'nanosight-experiment-summary': nanosight,
  'pk-concentration-table': pk,
  'biodistribution-csv': biodistribution,
  'ctgov-json': ctgov,
  'spc-table': spc,
  'zetaview-txt': zetaview,
  'nanosight-tracks': tracks,
  'imagej-results': imagej,
  'microscopy-image': images,
  'plate-assay': plate,
  'western-blot-densitometry': densitometry,
  'western-blot-lane-map': laneMap,
  'protein-table': proteins,
  fcs: fcs,
  'fcs-in-place': fcs,
  'fcs-kernel': fcs,
  'gating-ml': gatingMl,
};
