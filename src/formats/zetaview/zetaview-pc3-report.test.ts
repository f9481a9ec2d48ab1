/**
 * evlab's ZetaView reader + statistics against ZetaView 8.06's own PDF report, on a real public export.
 *
 * Source (not committed; only the numbers below are transcribed): GitHub sumitmalhotra-blip/
 * Biovaram_Ev_Analysis_ReactUI, backend/NTA/PC3/20251217_0005_PC3_100kDa_F5_size_488.txt (commit f980197),
 * ZetaView 8.06.01 SP1, sample PC3_100kDa_F5, 11 positions, 630 traces, dilution 500, 25.13 °C. The
 * export's linear-bin table (5 nm bins, centres 2.5 … 1497.5 nm) has non-zero rows only at the centres
 * listed in PC3_F5_BINS, transcribed from its `Number`, `Concentration / cm-3` and `Volume / nm^3` columns;
 * every other bin is 0 in all columns. The same export's header gives "Median Number (D50): 127.338710" and
 * "Median Volume (D50): 218.875740".
 *
 * Expected values: ZetaView's PDF report of the same measurement (20251217_0005_PC3_100kDa_F5_size_488.pdf,
 * same folder): number X10/X50/X90 79.8/127.3/213.5 nm, mean 143.8 nm, SD 62.0 nm; volume X10/X50/X90
 * 125.3/218.9/468.3 nm, mean 265.4 nm (printed to 0.1 nm).
 *
 * The file is rebuilt here in ZetaView's layout with evlab's writer (write-zetaview-txt.ts), then read back by
 * the reader the API and CLI use, so the check covers the reader and the statistics.
 */
import { describe, expect, it } from 'vitest';
import { analyseZetaView } from '../../science/zetaview/analyse-zetaview.ts';
import type { ZetaViewBin } from '../../science/zetaview/zetaview-record.ts';
import { readZetaViewTxt } from './read-zetaview-txt.ts';
import { writeZetaViewTxt } from './write-zetaview-txt.ts';

/** [centre nm, Number, Concentration / cm-3, Volume / nm^3] of the non-zero linear bins, as exported. */
const PC3_F5_BINS: readonly [number, number, number, number][] = [
  [47.5, 1, 2.085e4, 5.612e4],
  [57.5, 6, 1.251e5, 5.972e5],
  [62.5, 9, 1.876e5, 1.15e6],
  [67.5, 5, 1.042e5, 8.052e5],
  [72.5, 15, 3.127e5, 2.993e6],
  [77.5, 18, 3.752e5, 4.387e6],
  [82.5, 20, 4.169e5, 5.88e6],
  [87.5, 16, 3.335e5, 5.612e6],
  [92.5, 20, 4.169e5, 8.288e6],
  [97.5, 45, 9.38e5, 2.184e7],
  [102.5, 27, 5.628e5, 1.522e7],
  [107.5, 25, 5.211e5, 1.626e7],
  [112.5, 23, 4.794e5, 1.715e7],
  [117.5, 27, 5.628e5, 2.293e7],
  [122.5, 28, 5.837e5, 2.695e7],
  [127.5, 31, 6.462e5, 3.364e7],
  [132.5, 14, 2.918e5, 1.705e7],
  [137.5, 28, 5.837e5, 3.811e7],
  [142.5, 20, 4.169e5, 3.03e7],
  [147.5, 20, 4.169e5, 3.361e7],
  [152.5, 24, 5.003e5, 4.457e7],
  [157.5, 16, 3.335e5, 3.273e7],
  [162.5, 13, 2.71e5, 2.921e7],
  [167.5, 20, 4.169e5, 4.921e7],
  [172.5, 12, 2.501e5, 3.225e7],
  [177.5, 8, 1.668e5, 2.343e7],
  [182.5, 14, 2.918e5, 4.456e7],
  [187.5, 16, 3.335e5, 5.522e7],
  [192.5, 8, 1.668e5, 2.988e7],
  [197.5, 14, 2.918e5, 5.647e7],
  [202.5, 10, 2.085e5, 4.348e7],
  [207.5, 8, 1.668e5, 3.742e7],
  [212.5, 5, 1.042e5, 2.512e7],
  [217.5, 5, 1.042e5, 2.694e7],
  [222.5, 8, 1.668e5, 4.614e7],
  [227.5, 4, 8.338e4, 2.466e7],
  [232.5, 3, 6.254e4, 1.974e7],
  [237.5, 2, 4.169e4, 1.403e7],
  [242.5, 2, 4.169e4, 1.493e7],
  [247.5, 6, 1.251e5, 4.763e7],
  [252.5, 1, 2.085e4, 8.429e6],
  [257.5, 4, 8.338e4, 3.576e7],
  [262.5, 1, 2.085e4, 9.471e6],
  [267.5, 2, 4.169e4, 2.004e7],
  [277.5, 6, 1.251e5, 6.713e7],
  [287.5, 2, 4.169e4, 2.489e7],
  [292.5, 3, 6.254e4, 3.931e7],
  [297.5, 3, 6.254e4, 4.136e7],
  [302.5, 1, 2.085e4, 1.449e7],
  [307.5, 2, 4.169e4, 3.045e7],
  [312.5, 2, 4.169e4, 3.196e7],
  [367.5, 1, 2.085e4, 2.599e7],
  [377.5, 1, 2.085e4, 2.817e7],
  [412.5, 1, 2.085e4, 3.675e7],
  [442.5, 1, 2.085e4, 4.537e7],
  [467.5, 1, 2.085e4, 5.35e7],
  [472.5, 1, 2.085e4, 5.523e7],
  [617.5, 1, 2.085e4, 1.233e8],
];

/** The export's 300 linear bins (2.5 … 1497.5 nm), zero except the transcribed ones. */
function linearBins(): ZetaViewBin[] {
  const byCentre = new Map(PC3_F5_BINS.map((b) => [b[0], b]));
  return Array.from({ length: 300 }, (_, k) => {
    const centre = 2.5 + 5 * k;
    const row = byCentre.get(centre);
    return {
      sizeNm: centre,
      number: row ? row[1] : 0,
      concentrationPerMl: row ? row[2] : 0,
      volumeNm3: row ? row[3] : 0,
      areaNm2: 0,
    };
  });
}

/** The report prints one decimal (79.75 → "79.8"). */
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

describe('ZetaView 8.06 PC3_100kDa_F5: evlab vs ZetaView’s PDF report', () => {
  const bytes = writeZetaViewTxt({
    softwareVersion: '8.06.01 SP1',
    sample: 'PC3_100kDa_F5',
    temperatureC: 25.13,
    viscosityCp: 0.897194,
    dilution: 500,
    numberOfTraces: 630,
    medianNumberNm: 127.33871,
    linearBins: linearBins(),
  });
  const record = readZetaViewTxt(bytes, '20251217_0005_PC3_100kDa_F5_size_488.txt');
  const report = analyseZetaView(record, '20251217_0005_PC3_100kDa_F5_size_488.txt');

  it('the transcribed table holds the export’s 630 traces', () => {
    expect(report.bins.reduce((s, b) => s + b.number, 0)).toBe(630);
  });

  it('number-weighted X10/X50/X90, mean and SD round to the values of the report (0.1 nm)', () => {
    const n = report.number;
    expect(round1(n.d10Nm)).toBe(79.8);
    expect(round1(n.d50Nm)).toBe(127.3);
    expect(round1(n.d90Nm)).toBe(213.5);
    expect(round1(n.meanNm)).toBe(143.8);
    expect(round1(n.sdNm)).toBe(62.0);
    // and the unrounded median the export's header carries
    expect(n.d50Nm as number).toBeCloseTo(127.33871, 3);
  });

  it('volume-weighted X10/X50/X90 and mean round to the values of the report (0.1 nm)', () => {
    const v = report.volume;
    expect(round1(v.d10Nm)).toBe(125.3);
    expect(round1(v.d50Nm)).toBe(218.9);
    expect(round1(v.d90Nm)).toBe(468.3);
    expect(round1(v.meanNm)).toBe(265.4);
    // the export header's "Median Volume (D50): 218.875740"; the Volume column is rounded to 4 digits
    expect(Math.abs((v.d50Nm as number) - 218.87574)).toBeLessThan(0.05);
  });
});
