import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { analyseProteomics } from '../../science/proteomics/analyse-proteomics.ts';
import { detectProteinTable, readProteinTable } from './read-protein-table.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describeWithReference('proteomics', 'real search-engine outputs', () => {
  it('MaxQuant proteinGroups.txt: 271 groups, 2 Reverse, 21 contaminants, MS/MS count = sum of samples', () => {
    const bytes = readFileSync(referencePath('proteomics', 'maxquant-proteinGroups.txt'));
    expect(detectProteinTable(bytes)).toBe('maxquant');
    const record = readProteinTable(bytes, 'proteinGroups.txt');
    expect(record.samples).toEqual(['sample1.thermo.raw', 'sample2.thermo.raw']);
    expect(record.rows).toHaveLength(271);
    expect(record.rows.filter((r) => r.reverse)).toHaveLength(2);
    expect(record.rows.filter((r) => r.contaminant)).toHaveLength(21);
    expect(record.checks).toEqual([expect.objectContaining({ name: 'msms-count-sum', passed: true })]);
    expect(record.quantityKinds).toEqual(['intensity', 'lfq', 'spectralCount']);
    const report = analyseProteomics(record);
    expect(report.rows.kept).toBe(271 - 2 - 21 - report.rows.onlyBySite);
    // Albumin is a MaxQuant contaminant (CON__P02768-1): counted in the serum share, not as a kept protein.
    expect(report.perSample[0]?.serumProteinSharePct).toBeGreaterThan(0);
    expect(report.volcano).toBeNull();
  });

  it('FragPipe combined_protein.tsv: 7,687 proteins, 6 experiments, combined total = sum on every row, read fast', () => {
    const bytes = readFileSync(referencePath('proteomics', 'fragpipe-combined_protein.tsv'));
    const t0 = performance.now();
    const record = readProteinTable(bytes, 'combined_protein.tsv');
    const ms = performance.now() - t0;
    expect(record.rows).toHaveLength(7687);
    expect(record.samples).toHaveLength(6);
    expect(record.checks).toEqual([
      expect.objectContaining({ name: 'combined-total-spectral-count-sum', passed: true }),
    ]);
    expect(ms).toBeLessThan(3000);
    // Treat the IDHwt experiments as "lysate" to exercise the ratio path on real numbers.
    const report = analyseProteomics(record, { lysateSamples: ['IDHwt_1', 'IDHwt_2', 'IDHwt_3'] });
    expect(report.quantity).toBe('lfq');
    expect(report.volcano?.points.length).toBeGreaterThan(1000);
    const withP = report.volcano?.points.filter((p) => p.pValue !== null) ?? [];
    expect(withP.every((p) => (p.pValue as number) >= 0 && (p.pValue as number) <= 1)).toBe(true);
    const cd9 = report.evCategories.find((c) => c.category === 'transmembrane');
    expect(cd9?.detected.length).toBeGreaterThan(0);
  });
});

describe('synthetic protein tables (written by this test)', () => {
  const header = [
    'Protein',
    'Protein ID',
    'Entry Name',
    'Gene',
    'Organism',
    'Description',
    'Combined Total Spectral Count',
  ];
  const samples = ['EV_1', 'EV_2', 'Lysate_1', 'Lysate_2'];
  const cols = [
    ...header,
    ...samples.map((s) => `${s} Total Spectral Count`),
    ...samples.map((s) => `${s} MaxLFQ Intensity`),
  ];
  const row = (protein: string, gene: string, sc: number[], lfq: number[], organism = 'Homo sapiens') =>
    [
      protein,
      protein.split('|')[1],
      '',
      gene,
      organism,
      '',
      String(sc.reduce((a, b) => a + b, 0)),
      ...sc.map(String),
      ...lfq.map(String),
    ].join('\t');
  const table = [
    cols.join('\t'),
    row('sp|P21926|CD9_HUMAN', 'CD9', [10, 12, 1, 2], [1e8, 1.2e8, 1e6, 1.1e6]),
    row('sp|P27824|CALX_HUMAN', 'CANX', [1, 1, 20, 22], [1e5, 1.2e5, 4e7, 4.4e7]),
    row('contam_sp|P02769|ALBU_BOVIN', 'ALB', [30, 30, 0, 0], [5e8, 5e8, 0, 0], 'Bos taurus'),
    row('rev_sp|Q99999|XX_HUMAN', 'XX', [1, 0, 0, 0], [1, 0, 0, 0]),
  ].join('\n');

  it('drops decoys and contaminants, calls lysate samples by name, and puts CD9 up and calnexin down', () => {
    const report = analyseProteomics(readProteinTable(enc(table), 'combined_protein.tsv'));
    expect(report.rows).toEqual({ total: 4, reverse: 1, contaminant: 1, onlyBySite: 0, kept: 2 });
    expect(report.volcano?.lysateSamples).toEqual(['Lysate_1', 'Lysate_2']);
    const cd9 = report.volcano?.points.find((p) => p.gene === 'CD9');
    const canx = report.volcano?.points.find((p) => p.gene === 'CANX');
    expect(cd9?.log2Ratio).toBeCloseTo(
      (Math.log2(1e8) + Math.log2(1.2e8)) / 2 - (Math.log2(1e6) + Math.log2(1.1e6)) / 2,
      10,
    );
    expect(canx?.log2Ratio).toBeLessThan(-8);
    expect(cd9?.category).toBe('transmembrane');
    expect(canx?.category).toBe('other-compartment');
  });

  it('rejects NaN and names the line', () => {
    const bad = table.replace('\t10\t12\t', '\tNaN\t12\t');
    expect(() => readProteinTable(enc(bad), 'c.tsv')).toThrow(/c\.tsv, line 2/);
  });
});

describe('Welch t-test', () => {
  it('matches SciPy ttest_ind(equal_var=False): t −1.71274, df 4.23631, p 0.157914', async () => {
    const { welchTTest } = await import('../../science/proteomics/analyse-proteomics.ts');
    const p = welchTTest([1, 2, 3, 4], [2, 4, 6, 8.5]) as number;
    expect(p).toBeCloseTo(0.1579142676824098, 6);
    expect(welchTTest([1], [2, 3])).toBeNull();
  });
});
