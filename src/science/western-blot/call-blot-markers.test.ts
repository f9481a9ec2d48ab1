import { describe, expect, it } from 'vitest';
import { readDensitometry } from '../../formats/western-blot/read-densitometry.ts';
import { parseInlineLanes, readLaneMap } from '../../formats/western-blot/read-lane-map.ts';
import { blotThresholds, callBlotMarkers, DEFAULT_BLOT_THRESHOLDS } from './call-blot-markers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

// A synthetic blot written by this test: EV-1 and EV-2 at 10 µg, MSC lysate at 10 µg, a buffer blank.
const lanes = parseInlineLanes('EV-1:ev:10,EV-2:ev:10,MSC:lysate:10,PBS:blank:');
const table = [
  'Marker,Lane,Area,Percent',
  'CD63,1,8000,40',
  'CD63,2,6000,30',
  'CD63,3,1500,7.5',
  'CD63,4,100,0.5',
  'calnexin,1,200,2',
  'calnexin,2,3000,30',
  'calnexin,3,6000,60',
  'calnexin,4,50,0.5',
  'TSG101,1,2000,',
  'TSG101,2,2500,',
  'TSG101,3,2200,',
  'TSG101,4,0,',
].join('\n');

describe('Western blot calls (hand-computed)', () => {
  const report = callBlotMarkers(readDensitometry(enc(table), 'blot.csv'), lanes);
  const calls = (m: string) => report.markers.find((x) => x.marker === m);

  it('CD63: present in both EV lanes, enriched 5.33× and 4× over the lysate per µg', () => {
    const cd63 = calls('CD63');
    expect(cd63?.category).toBe('transmembrane');
    expect(cd63?.lanes.map((l) => [l.sample, l.call, l.vsLysate])).toEqual([
      ['EV-1', 'present', 'enriched'],
      ['EV-2', 'present', 'enriched'],
    ]);
    expect(cd63?.lanes[0]?.ratioToLysate).toBeCloseTo(8000 / 1500, 10);
    expect(cd63?.lanes.every((l) => l.asExpected)).toBe(true);
  });

  it('calnexin: absent from EV-1 (below 3× blank and 5 % of max: 200 < 300), depleted 0.5× in EV-2', () => {
    const canx = calls('calnexin');
    expect(canx?.category).toBe('other-compartment');
    expect(canx?.lanes[0]?.call).toBe('absent');
    expect(canx?.lanes[0]?.vsLysate).toBe('depleted');
    expect(canx?.lanes[1]?.call).toBe('present');
    expect(canx?.lanes[1]?.ratioToLysate).toBeCloseTo(0.5, 10);
    expect(canx?.lanes[1]?.vsLysate).toBe('depleted');
    expect(canx?.lanes.every((l) => l.asExpected)).toBe(true);
  });

  it('TSG101 similar to lysate (0.91×, 1.14×); per-sample summary lists the calls', () => {
    expect(calls('TSG101')?.lanes.map((l) => l.vsLysate)).toEqual(['similar', 'similar']);
    expect(report.summary.find((s) => s.sample === 'EV-1')).toEqual({
      sample: 'EV-1',
      present: ['CD63', 'TSG101'],
      absent: ['calnexin'],
      enriched: ['CD63'],
      depleted: ['calnexin'],
    });
  });

  it('Measure results with IntDen and one marker per file; lane map from CSV', () => {
    const measure =
      ' ,Label,Area,Mean,IntDen,RawIntDen\n1,blot.tif,120,80,9600,9600\n2,blot.tif,120,10,1200,1200\n';
    const record = readDensitometry(enc(measure), 'm.csv', 'ALIX');
    expect(record.signalColumn).toBe('IntDen');
    const map = readLaneMap(enc('lane,sample,role,loading_ug\n1,EV,ev,5\n2,Cells,lysate,5\n'), 'lanes.csv');
    const r = callBlotMarkers(record, map);
    expect(r.markers[0]?.gene).toBe('PDCD6IP');
    expect(r.markers[0]?.lanes[0]?.vsLysate).toBe('enriched');
  });

  it('errors: no marker, NaN signal, unknown role', () => {
    expect(() => readDensitometry(enc(' ,Area,Percent\n1,100,50\n'), 'g.csv')).toThrow(/--marker/);
    expect(() => readDensitometry(enc('Marker,Lane,Area\nCD9,1,NaN\n'), 'g.csv')).toThrow(/g\.csv, line 2/);
    expect(() => parseInlineLanes('EV:plasma:10')).toThrow(/role "plasma"/);
  });
});

describe('Western blot thresholds are parameters (hand-computed on the same synthetic blot)', () => {
  const record = readDensitometry(enc(table), 'blot.csv');
  const at = (t: Parameters<typeof callBlotMarkers>[2]) => callBlotMarkers(record, lanes, t);
  const lane = (r: ReturnType<typeof callBlotMarkers>, marker: string, sample: string) =>
    r.markers.find((m) => m.marker === marker)?.lanes.find((l) => l.sample === sample);

  it('the report states the thresholds it used and the convention with its sources', () => {
    const r = at({});
    expect(r.thresholds).toMatchObject(DEFAULT_BLOT_THRESHOLDS);
    expect(r.thresholds?.convention).toMatch(
      /5 %.*3× the blank.*ICH Q2\(R1\).*enriched at ratio ≥ 2.*depleted at ≤ 0\.5/,
    );
  });

  it('TSG101 EV-2 vs lysate is 2500/2200 = 1.14 per µg: similar by default, enriched at an enriched ratio of 1.1', () => {
    expect(lane(at({}), 'TSG101', 'EV-2')?.vsLysate).toBe('similar');
    expect(lane(at({ enrichedRatio: 1.1 }), 'TSG101', 'EV-2')?.vsLysate).toBe('enriched');
  });

  it('calnexin EV-1 (200): absent while 5 % of the strongest band (300) rules; present once both guards are below 200 (2 % → 120, 1.2 × blank 50 → 60)', () => {
    expect(lane(at({ blankMultiple: 1.2 }), 'calnexin', 'EV-1')?.call).toBe('absent'); // 200 < 300 (5 % of max)
    expect(lane(at({ blankMultiple: 1.2, presentFractionOfMax: 0.02 }), 'calnexin', 'EV-1')?.call).toBe(
      'present', // 200 > max(120, 60)
    );
  });

  it('calnexin EV-2 at ratio 0.5 is depleted at the default 0.5 and similar at a depleted ratio of 0.4', () => {
    expect(lane(at({}), 'calnexin', 'EV-2')?.vsLysate).toBe('depleted');
    expect(lane(at({ depletedRatio: 0.4 }), 'calnexin', 'EV-2')?.vsLysate).toBe('similar');
  });

  it('thresholds that contradict each other are refused with the parameter named', () => {
    expect(() => blotThresholds({ enrichedRatio: 0.8 })).toThrow(/enrichedRatio/);
    expect(() => blotThresholds({ depletedRatio: 1.5 })).toThrow(/depletedRatio/);
    expect(() => blotThresholds({ presentFractionOfMax: 1 })).toThrow(/presentFractionOfMax/);
    expect(() => blotThresholds({ blankMultiple: 0.5 })).toThrow(/blankMultiple/);
  });
});
