import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../test/support/environment.ts';
import { MEASUREMENT_KINDS } from '../domain/measurement.ts';
import { detectKind, MEASUREMENT_READERS, readerFor } from './measurement-readers.ts';

describe('measurement reader registry', () => {
  it('has exactly one reader per measurement kind, each with a name and version', () => {
    expect(MEASUREMENT_READERS.map((r) => r.kind).sort()).toEqual([...MEASUREMENT_KINDS].sort());
    for (const reader of MEASUREMENT_READERS) {
      expect(reader.readerName).not.toBe('');
      expect(reader.readerVersion).toMatch(/\d/);
      expect(readerFor(reader.kind)).toBe(reader);
    }
    expect(readerFor('flow-cytometry')).toBeUndefined();
  });

  it('claims damaged exports by file name and leaves unrelated files alone', () => {
    expect(detectKind(new Uint8Array(0), 'x-ExperimentSummary.csv')).toBe('nta');
    expect(detectKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'gel.png')).toBeNull();
    expect(detectKind(new TextEncoder().encode('hello'), 'notes.docx')).toBeNull();
  });

  it('detects ImageJ Results tables by content; micrographs only by name (a blot is a PNG too)', () => {
    const table = new TextEncoder().encode(' ,Area,Perim.,Feret,MinFeret\n1,100,35,11,10\n');
    expect(detectKind(table, 'anything.csv')).toBe('tem');
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0, 0, 0, 1, 0,
    ]);
    expect(detectKind(png, 'gel.png')).toBeNull();
    expect(detectKind(png, 'TEM_grid3_30kx.png')).toBe('tem-image');
    const out = readerFor('tem-image')?.read(png, 'TEM_grid3_30kx.png') as { metrics: { widthPx: number } };
    expect(out.metrics.widthPx).toBe(256);
  });

  it('detects a ZetaView export by content (evlab synthetic fixture) and reads it into a ZetaViewReport', async () => {
    const { writeZetaViewTxt, syntheticZetaViewBins } = await import(
      '../formats/zetaview/write-zetaview-txt.ts'
    );
    const bytes = writeZetaViewTxt({
      linearBins: syntheticZetaViewBins({ medianNm: 100, geometricSd: 1.3, traces: 1500 }),
    });
    expect(detectKind(bytes, 'renamed.txt')).toBe('zetaview');
    const out = readerFor('zetaview')?.read(bytes, 'renamed.txt') as {
      metrics: { kind: string; number: { d50Nm: number } };
    };
    expect(out.metrics.kind).toBe('size');
    expect(out.metrics.number.d50Nm).toBeGreaterThan(90);
  });
});

describeWithReference('nanosight', 'measurement readers on real NanoSight exports', () => {
  const file = 'EMT1 d200 pre1 2021-04-01 15-42-48-ExperimentSummary.csv';
  const bytes = () => new Uint8Array(readFileSync(join(referencePath('nanosight', '20210401'), file)));

  it('detects a NanoSight export by content, whatever its name', () => {
    expect(detectKind(bytes(), 'renamed.bin')).toBe('nta');
  });

  it('reads it into parsed record + NtaReport metrics', () => {
    const reader = readerFor('nta');
    const out = reader?.read(bytes(), file) as {
      parsed: unknown;
      metrics: { videos: unknown[]; file: string };
    };
    expect(out.metrics.videos).toHaveLength(5);
    expect(out.metrics.file).toBe(file);
    expect(out.parsed).toMatchObject({ sample: { operator: 'MG' } });
  });
});
