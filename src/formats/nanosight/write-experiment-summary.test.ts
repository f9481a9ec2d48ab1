import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { analyseNta } from '../../science/nta/analyse-nta.ts';
import type { NtaRecord } from '../../science/nta/nta-record.ts';
import { sizeDistributionStats } from '../../science/nta/size-distribution-stats.ts';
import { syntheticNtaSample, ucMscEvDemoBatches } from '../../science/nta/synthetic-nta-sample.ts';
import { readNanoSightExperimentSummary } from './read-experiment-summary.ts';
import { writeNanoSightExperimentSummary } from './write-experiment-summary.ts';

/** The neutral part of a record (what any NTA instrument gives). */
function neutral(r: NtaRecord): Omit<NtaRecord, 'instrument'> {
  return {
    sample: r.sample,
    videos: r.videos,
    average: r.average,
    status: r.status,
    sizeDistributions: r.sizeDistributions,
  };
}

describe('writeNanoSightExperimentSummary → readNanoSightExperimentSummary', () => {
  it.each(ucMscEvDemoBatches().map((r) => [r.sample.sampleDescription, r] as const))(
    'round-trips the neutral record of %s exactly',
    (_, record) => {
      const bytes = writeNanoSightExperimentSummary(record);
      const back = readNanoSightExperimentSummary(bytes, 'demo.csv');
      expect(back.instrument).toBe('NanoSight');
      expect(neutral(back)).toEqual(neutral(record));
      expect(back.notes).toEqual([]);
      expect(analyseNta(back, 'demo.csv')).toEqual(analyseNta(record, 'demo.csv'));
    },
  );

  it('writes every section in NTA 3.3 layout, with ISO-8859-1 ² and ³', () => {
    const record = syntheticNtaSample({
      medianDiameterNm: 130,
      geometricSd: 1.4,
      concentrationPerMl: 4e8,
      seed: 9,
    });
    const bytes = writeNanoSightExperimentSummary(record);
    const text = new TextDecoder('latin1').decode(bytes);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'NTA Experiment Summary File,',
      'Created with evlab synthetic NTA sample 1.0,',
      ',',
      '[Experiment Details],,',
    ]);
    expect(text).toContain('\nTime Captured,10:00:00  15/01/2025,\n');
    expect(text).toContain(
      '\nDilution factor (concentrations adjusted for this factor),Not recorded,Not recorded,Not recorded,Not recorded,Not recorded,,,\n',
    );
    const sections = lines.filter((l) => l.startsWith('['));
    expect(sections).toEqual([
      '[Experiment Details],,',
      '[Conditions],,,,,,',
      '[Settings],,,,,,',
      '[Exclusion Regions]',
      '[Results],,,,,,Average,Standard Error,',
      '[Concentration Warnings]',
      '[Information]',
      '[Data Included],',
      '[Size Data],,',
      '[Diffusion Coefficient Data],,',
    ]);
    expect(lines.filter((l) => l.startsWith('Weighting,'))).toEqual([
      'Weighting,Number,',
      'Weighting,Surface Area,',
      'Weighting,Volume,',
      'Weighting,Number,',
      'Weighting,Surface Area,',
      'Weighting,Volume,',
    ]);
    expect(lines.filter((l) => l.startsWith('Percentile,'))).toHaveLength(6);
    expect(bytes.includes(0xb2)).toBe(true); // ²
    expect(bytes.includes(0xb3)).toBe(true); // ³
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe(',,,,,,');

    const back = readNanoSightExperimentSummary(bytes, 'x.csv');
    for (const section of [back.sizeData, back.diffusionCoefficientData]) {
      for (const block of [section?.number, section?.surfaceArea, section?.volume]) {
        expect(block?.binCenters).toHaveLength(1000);
        expect(block?.percentiles?.percent).toHaveLength(101);
      }
    }
    // The computed percentile table agrees with the statistics rows (both from the bins).
    const number = back.sizeData.number;
    expect(number?.percentiles?.perVideo[0]?.[50]).toBe(number?.statistics.perVideo[0]?.d50);
    // Diffusion data are the size bins seen through Stokes–Einstein: D50 of diffusion ↔ D50 of size.
    const d50 = sizeDistributionStats(number?.binCenters ?? [], number?.perVideo[0] ?? []).d50Nm as number;
    const t = back.videos[0]?.conditions.temperatureC as number;
    const eta = back.videos[0]?.conditions.viscosityCP as number;
    const expected = (1.380649e-23 * (t + 273.15)) / (3 * Math.PI * eta * 1e-3 * d50 * 1e-9) / 1e-14;
    const diffusionD50 = back.diffusionCoefficientData?.number?.statistics.perVideo[0]?.d50 as number;
    expect(Math.abs(diffusionD50 / expected - 1)).toBeLessThan(0.01);
  });

  it('keeps an empty video empty and writes nulls as empty cells', () => {
    const record = syntheticNtaSample({
      medianDiameterNm: 100,
      geometricSd: 1.4,
      concentrationPerMl: 3e8,
      seed: 2,
      videos: 3,
    });
    record.sizeDistributions.number.perVideo[1] = new Array(1000).fill(0);
    record.sizeDistributions.number.reported.perVideo[1] = sizeDistributionStats([], []);
    const video = record.videos[1];
    if (video) video.results.concentrationPerMl = null;
    const back = readNanoSightExperimentSummary(writeNanoSightExperimentSummary(record), 'x.csv');
    expect(back.sizeDistributions.number.perVideo[1]?.every((x) => x === 0)).toBe(true);
    expect(back.sizeDistributions.number.reported.perVideo[1]?.meanNm).toBeNull();
    expect(back.videos[1]?.results.concentrationPerMl).toBeNull();
    expect(back.sizeData.number?.percentiles?.perVideo[1]?.[50]).toBeNull();
  });
});

describeWithReference('nanosight', 'writeNanoSightExperimentSummary on NTA 3.3 reference exports', () => {
  const dir = referencePath('nanosight', '20210401');
  // The body is collected even when skipped: list files only when the directory exists.
  const files = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('-ExperimentSummary.csv'));

  it.each(files)('reproduces %s byte for byte', (name) => {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    const written = writeNanoSightExperimentSummary(readNanoSightExperimentSummary(bytes, name));
    expect(written.length).toBe(bytes.length);
    expect(Buffer.from(written).equals(Buffer.from(bytes))).toBe(true);
  });
});
