import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../test/support/environment.ts';
import type { NtaReport, NtaSizeStats } from '../science/nta/nta-report.ts';
import type { NtaEntry, NtaFileError } from './commands/nta.ts';
import { runCli } from './testing.ts';

const REFERENCE_DIR = referencePath('nanosight', '20210401');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-nta-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function parseEntries(stdout: string): NtaEntry[] {
  const parsed: unknown = JSON.parse(stdout);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as NtaEntry[];
}

const REPORT_KEYS = [
  'file',
  'software',
  'sample',
  'operator',
  'capturedAt',
  'videos',
  'average',
  'distribution',
  'flags',
];
const VIDEO_KEYS = [
  'name',
  'temperatureC',
  'viscosityCP',
  'concentrationPerMl',
  'particlesPerFrame',
  'validTracks',
  'reported',
  'computed',
];
const STAT_KEYS: (keyof NtaSizeStats)[] = ['meanNm', 'modeNm', 'sdNm', 'd10Nm', 'd50Nm', 'd90Nm'];

describe('evlab nta: files that cannot be read', () => {
  it('reports a missing file and a non-NTA file as error entries and exits 1', async () => {
    const notNta = join(scratch, 'notes.csv');
    writeFileSync(notNta, 'this,is,not\nan,NTA,export\n');
    const { code, stdout, stderr } = await runCli(['nta', '--json', 'no-such-file.csv', notNta], {
      cwd: scratch,
    });
    expect(code).toBe(1);
    const entries = parseEntries(stdout);
    expect(entries).toHaveLength(2);
    const [missing, broken] = entries as NtaFileError[];
    expect(missing).toEqual({
      file: 'no-such-file.csv',
      error: {
        code: 'not-found',
        message: expect.stringContaining('no such file'),
        line: null,
        byteOffset: null,
      },
    });
    expect(broken?.file).toBe(notNta);
    expect(broken?.error.code).toMatch(/^[a-z-]+$/);
    expect(broken?.error.message.length).toBeGreaterThan(0);
    expect(broken?.error).toHaveProperty('line');
    // --json keeps human text off stdout; nothing but the array is there.
    expect(stderr).not.toContain('[');
  });

  it('without --json explains each failure on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['nta', 'missing-a.csv', 'missing-b.csv'], {
      cwd: scratch,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('missing-a.csv: no such file');
    expect(stderr).toContain('missing-b.csv: no such file');
    expect(stderr).toContain('2 files: 0 read, 2 failed');
  });

  it('reports a directory as unreadable', async () => {
    const { code, stdout } = await runCli(['nta', '--json', scratch]);
    expect(code).toBe(1);
    expect(parseEntries(stdout)[0]).toMatchObject({ file: scratch, error: { code: 'unreadable' } });
  });
});

describeWithReference('nanosight', 'evlab nta on real NanoSight NTA 3.3 exports', () => {
  const names = () =>
    readdirSync(REFERENCE_DIR)
      .filter((f) => f.endsWith('.csv'))
      .sort();

  it('prints one NtaReport per file, in order, with the contract keys, exit 0', async () => {
    const files = names().map((f) => join(REFERENCE_DIR, f));
    expect(files.length).toBe(9);
    const { code, stdout } = await runCli(['nta', ...files, '--json']);
    expect(code).toBe(0);
    const entries = parseEntries(stdout);
    expect(entries).toHaveLength(files.length);
    entries.forEach((entry, i) => {
      expect(entry).not.toHaveProperty('error');
      const report = entry as NtaReport;
      for (const key of REPORT_KEYS) expect(report).toHaveProperty(key);
      expect(report.file).toBe(files[i]);
      expect(report.videos.length).toBe(5);
      for (const video of report.videos) {
        for (const key of VIDEO_KEYS) expect(video).toHaveProperty(key);
        for (const key of STAT_KEYS) {
          expect(video.reported).toHaveProperty(key);
          expect(video.computed).toHaveProperty(key);
        }
      }
      expect(report.average).toHaveProperty('concentrationPerMl');
      expect(report.average).toHaveProperty('concentrationSE');
      expect(report.distribution.binCentersNm.length).toBeGreaterThan(100);
      expect(report.distribution.concentrationPerMl).toHaveLength(report.distribution.binCentersNm.length);
      for (const flag of report.flags) {
        expect(['info', 'warning', 'error']).toContain(flag.level);
        expect(typeof flag.code).toBe('string');
        expect(typeof flag.message).toBe('string');
      }
    });
  });

  it('recomputes mean, SD, D10, D50, D90 within 0.1 nm and the mode within 1 nm of the instrument', async () => {
    const files = names().map((f) => join(REFERENCE_DIR, f));
    const { stdout } = await runCli(['--json', 'nta', ...files]);
    let compared = 0;
    for (const entry of parseEntries(stdout) as NtaReport[]) {
      for (const video of entry.videos) {
        for (const key of STAT_KEYS) {
          const reported = video.reported[key];
          const computed = video.computed[key];
          // The all-zero video of "MPC 28 Stretch d200" has no distribution, hence no statistics.
          if (reported === null || computed === null || (reported === 0 && key !== 'sdNm')) continue;
          const tolerance = key === 'modeNm' ? 1 : 0.1;
          expect(Math.abs(computed - reported), `${entry.file} ${video.name} ${key}`).toBeLessThanOrEqual(
            tolerance,
          );
          compared++;
        }
      }
    }
    // 9 files × 5 videos × 6 statistics, less one empty video at most.
    expect(compared).toBeGreaterThanOrEqual(8 * 5 * 6 + 4 * 6);
  });

  it('reports the good file while a missing and a broken file become error entries, exit 1', async () => {
    const [first] = names();
    if (!first) throw new Error('no reference file');
    const good = join(REFERENCE_DIR, first);
    const bytes = readFileSync(good);
    const broken = join(scratch, 'truncated-ExperimentSummary.csv');
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 40)));
    const missing = join(scratch, 'gone-ExperimentSummary.csv');

    const { code, stdout } = await runCli(['nta', missing, good, broken, '--json']);
    expect(code).not.toBe(0);
    const entries = parseEntries(stdout);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ file: missing, error: { code: 'not-found' } });
    expect(entries[1]).not.toHaveProperty('error');
    expect((entries[1] as NtaReport).file).toBe(good);
    expect((entries[1] as NtaReport).videos).toHaveLength(5);
    const brokenEntry = entries[2] as NtaFileError;
    expect(brokenEntry.file).toBe(broken);
    expect(Object.keys(brokenEntry.error)).toEqual(expect.arrayContaining(['code', 'message', 'line']));
    expect(brokenEntry.error.code).not.toBe('internal-error');
  });

  it('keeps `file` exactly as given, relative paths included', async () => {
    const [first] = names();
    const { code, stdout } = await runCli(['nta', '--json', `./${first}`], { cwd: REFERENCE_DIR });
    expect(code).toBe(0);
    expect(parseEntries(stdout)[0]?.file).toBe(`./${first}`);
  });

  it('prints a readable table: instrument vs evlab per video, concentration, flags, histogram', async () => {
    const file = names().find((f) => f.startsWith('MPC 28 Stretch d200'));
    if (!file) throw new Error('reference file missing');
    const { code, stdout } = await runCli(['nta', join(REFERENCE_DIR, file)]);
    expect(code).toBe(0);
    expect(stdout).toContain(file);
    expect(stdout).toMatch(/mean nm.*mode nm.*SD nm.*D10 nm.*D50 nm.*D90 nm/);
    expect(stdout.match(/ instrument /g)?.length).toBe(5);
    expect(stdout.match(/ evlab /g)?.length).toBe(5);
    expect(stdout).toMatch(
      /concentration \d\.\d\d×10\d*[⁰¹²³⁴⁵⁶⁷⁸⁹]+ ± \d\.\d\d×10[⁰¹²³⁴⁵⁶⁷⁸⁹]+ particles\/mL/,
    );
    expect(stdout).toMatch(/distribution \d+ nm [ ▁▂▃▄▅▆▇█]+ \d+ nm/);
    expect(stdout).toMatch(/flags:/);
  });

  it('shows a progress bar for several files on a terminal, never with --json', async () => {
    const files = names()
      .slice(0, 3)
      .map((f) => join(REFERENCE_DIR, f));
    const human = await runCli(['nta', ...files], { tty: true });
    expect(human.code).toBe(0);
    expect(human.stderr).toContain('Reading [');
    const json = await runCli(['nta', ...files, '--json'], { tty: true });
    expect(json.stderr).not.toContain('Reading [');
    expect(parseEntries(json.stdout)).toHaveLength(3);
  });
});
