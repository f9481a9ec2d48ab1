import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { NtaReport } from '../../../src/science/nta/nta-report.ts';
import { ntaStatisticsCsv, overlayCsv } from './nta-export.ts';

const stats = (mean: number) => ({ meanNm: mean, modeNm: 100, sdNm: 30, d10Nm: 80, d50Nm: 110, d90Nm: 160 });

describe('NTA CSV exports', () => {
  it('writes one row per video with instrument and evlab statistics', () => {
    // A synthetic two-video report: only the fields the export reads.
    const report = {
      videos: [
        { name: '=cmd|video1', reported: stats(120.1), computed: stats(120.14) },
        { name: 'video2', reported: stats(125), computed: stats(125.02) },
      ],
    } as unknown as NtaReport;
    const rows = parse(ntaStatisticsCsv(report, 'NanoSight'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.file).toBe("'=cmd|video1");
    expect(rows[0]?.['Mean NanoSight (nm)']).toBe('120.1');
    expect(rows[0]?.['Mean evlab (nm)']).toBe('120.14');
    expect(rows[1]?.['D90 evlab (nm)']).toBe('160');
  });

  it('writes an overlay as bins × curves, empty where a curve has no bin', () => {
    const text = overlayCsv(
      [
        { label: 'UC-EV-001 · video', binCentersNm: [50, 51], values: [1e8, 2e8] },
        { label: '@B', binCentersNm: [51, 52], values: [0.1, 0.2] },
      ],
      'particles/mL',
    );
    expect(parse(text)).toEqual([
      ['diameter (nm)', 'UC-EV-001 · video (particles/mL)', "'@B (particles/mL)"],
      ['50', '100000000', ''],
      ['51', '200000000', '0.1'],
      ['52', '', '0.2'],
    ]);
  });
});
