import { describe, expect, it } from 'vitest';
import { instrumentStatusLevel, isInstrumentWarning, ntaQcFlags, slug } from './nta-qc-flags.ts';
import { testRecord, testVideo } from './nta-record-fixtures.ts';

const bins = (peak: number) =>
  Array.from({ length: 10 }, (_, i) => (i === peak ? 100 : i === peak + 1 ? 50 : 0));
const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe('ntaQcFlags', () => {
  it('a clean measurement has no flags', () => {
    expect(ntaQcFlags(testRecord([bins(3), bins(3), bins(4)]))).toEqual([]);
  });

  it('particles per frame outside 20–100 and completed tracks < 1000, per video', () => {
    const record = testRecord(
      [bins(3), bins(3), bins(3)],
      [
        testVideo('a', { particlesPerFrame: 19.9 }),
        testVideo('b', { particlesPerFrame: 100.1, completedTracks: 999 }),
        testVideo('c', { particlesPerFrame: 20, completedTracks: 1000 }),
      ],
    );
    const flags = ntaQcFlags(record);
    expect(codes(flags)).toEqual([
      'particles-per-frame-low',
      'particles-per-frame-high',
      'completed-tracks-low',
    ]);
    expect(flags[0]?.message).toContain('Video 1 (a)');
    expect(flags[1]?.message).toContain('Video 2 (b)');
  });

  it('temperature drift above 0.5 °C (max − min), not at 0.5', () => {
    const at = (temps: number[]) =>
      codes(
        ntaQcFlags(
          testRecord(
            temps.map(() => bins(3)),
            temps.map((t, i) => testVideo(`v${i}`, { temperatureC: t })),
          ),
        ),
      );
    expect(at([25, 25.5, 25.2])).not.toContain('temperature-drift');
    expect(at([25, 25.51, 25.2])).toContain('temperature-drift');
  });

  it('fewer than 3 videos', () => {
    expect(codes(ntaQcFlags(testRecord([bins(3), bins(3)])))).toEqual(['too-few-videos']);
    expect(codes(ntaQcFlags(testRecord([])))).toEqual(['no-videos']);
  });

  it('an all-zero distribution is flagged and not compared', () => {
    const record = testRecord([bins(3), bins(3), new Array(10).fill(0)]);
    record.sizeDistributions.number.reported.perVideo[2] = {
      meanNm: 0,
      modeNm: 0,
      sdNm: 0,
      d10Nm: 0,
      d50Nm: 0,
      d90Nm: 0,
    };
    const flags = ntaQcFlags(record);
    expect(codes(flags)).toEqual(['empty-distribution']);
    expect(flags[0]?.message).toContain('Video 3');
  });

  it('instrument vs evlab disagreement > 0.1 nm (mode > 1 nm)', () => {
    // bins(3): 100 at 3.5, 50 at 4.5 → mean 3.8333, mode 3.5
    const record = testRecord([bins(3), bins(3), bins(3)]);
    const ok = { meanNm: 3.9, modeNm: 4.4, sdNm: null, d10Nm: null, d50Nm: null, d90Nm: null };
    const bad = { meanNm: 3.95, modeNm: 4.6, sdNm: null, d10Nm: null, d50Nm: null, d90Nm: null };
    record.sizeDistributions.number.reported.perVideo = [ok, ok, bad];
    const flags = ntaQcFlags(record);
    expect(codes(flags)).toEqual(['size-stats-disagree', 'size-stats-disagree']);
    expect(flags[0]?.message).toMatch(/Video 3 .*mean/);
    expect(flags[1]?.message).toMatch(/mode/);
  });

  it('turns the instrument status table into flags, grouped by value', () => {
    const record = testRecord([bins(3), bins(3), bins(3)]);
    record.status = [
      {
        group: 'Information',
        item: 'Vibration detected',
        perVideo: ['Minor vibration', 'No', 'Minor vibration'],
      },
      { group: 'Information', item: 'Vibration correction applied', perVideo: ['Yes', 'No', 'Yes'] },
      {
        group: 'Concentration Warnings',
        item: 'Validity of concentration measurement',
        perVideo: ['Unreliable', 'OK', 'OK'],
      },
      {
        group: 'Concentration Warnings',
        item: 'Particles per frame',
        perVideo: ['Too Low', 'OK', 'Too Low'],
      },
      { group: 'Information', item: 'Errors (1)', perVideo: [null, 'Camera error', null] },
      { group: 'Concentration Warnings', item: 'Concentration Upgrade?', perVideo: ['Yes', 'Yes', 'Yes'] },
    ];
    const flags = ntaQcFlags(record);
    expect(flags).toEqual([
      {
        level: 'info',
        code: 'instrument-vibration-detected',
        message: 'Instrument Information: Vibration detected "Minor vibration" (videos 1, 3)',
      },
      {
        level: 'error',
        code: 'instrument-validity-of-concentration-measurement',
        message:
          'Instrument Concentration Warnings: Validity of concentration measurement "Unreliable" (video 1)',
      },
      {
        level: 'warning',
        code: 'instrument-particles-per-frame',
        message: 'Instrument Concentration Warnings: Particles per frame "Too Low" (videos 1, 3)',
      },
      {
        level: 'error',
        code: 'instrument-errors-1',
        message: 'Instrument Information: Errors (1) "Camera error" (video 2)',
      },
    ]);
  });

  it('inconsistent dilution factors', () => {
    const record = testRecord(
      [bins(3), bins(3), bins(3)],
      [
        testVideo('a', { dilutionFactor: 100 }),
        testVideo('b', { dilutionFactor: 100 }),
        testVideo('c', { dilutionFactor: 50 }),
      ],
    );
    expect(codes(ntaQcFlags(record))).toEqual(['dilution-factor-inconsistent']);
  });
});

describe('instrument status helpers', () => {
  it('classifies values', () => {
    expect(isInstrumentWarning('Noise level', 'No')).toBe(false);
    expect(isInstrumentWarning('Brightness', ' OK ')).toBe(false);
    expect(isInstrumentWarning('Concentration Upgrade?', 'Yes')).toBe(false);
    expect(isInstrumentWarning('Settings changed?', 'Yes')).toBe(true);
    expect(isInstrumentWarning('Completed Tracks', '<100')).toBe(true);
    expect(instrumentStatusLevel('Vibration detected', 'Moderate vibration')).toBe('warning');
    expect(instrumentStatusLevel('Completed Tracks', 'No Data')).toBe('error');
    expect(slug('Validity of concentration measurement')).toBe('validity-of-concentration-measurement');
  });
});
