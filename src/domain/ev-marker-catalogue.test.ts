/**
 * The EV protein list proteomics scores coverage on: MISEV2018 Table 3 categories 1 and 2 (Théry et al.
 * 2018, J Extracell Vesicles 7:1535750). Membership checked against the table's named examples: tetraspanins
 * CD9/CD63/CD81 (1a), ESCRT TSG101 and ALIX (PDCD6IP), syntenin, flotillins (2a); and its non-EV categories
 * kept out: lipoproteins APOA1/APOB and albumin (category 3), calnexin, GM130, histones (category 4).
 */
import { describe, expect, it } from 'vitest';
import { EV_MARKERS, findMarker, TOP_EV_PROTEINS, TOP_EV_PROTEINS_SOURCE } from './ev-marker-catalogue.ts';

describe('TOP_EV_PROTEINS (MISEV2018 Table 3 categories 1–2)', () => {
  it('names its source', () => {
    expect(TOP_EV_PROTEINS_SOURCE).toMatch(/MISEV2018 Table 3/);
    expect(TOP_EV_PROTEINS_SOURCE).toMatch(/1535750/);
  });

  it('holds the category 1 and 2 markers, once each, and nothing else', () => {
    const expected = EV_MARKERS.filter((m) => m.category === 'transmembrane' || m.category === 'cytosolic');
    expect(TOP_EV_PROTEINS).toHaveLength(expected.length);
    expect(TOP_EV_PROTEINS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(TOP_EV_PROTEINS).size).toBe(TOP_EV_PROTEINS.length);
    for (const gene of TOP_EV_PROTEINS) expect(findMarker(gene)?.expectation, gene).toBe('present');
  });

  it('contains the well-known EV proteins MISEV2018 names in categories 1 and 2', () => {
    for (const gene of ['CD9', 'CD63', 'CD81', 'TSG101', 'PDCD6IP', 'SDCBP', 'FLOT1', 'ITGB1', 'HSPA8'])
      expect(TOP_EV_PROTEINS, gene).toContain(gene);
  });

  it('leaves out co-isolates (category 3), other compartments (category 4) and MSC identity markers', () => {
    for (const gene of ['APOA1', 'APOB', 'ALB', 'CANX', 'GOLGA2', 'HSPA5', 'LMNA', 'NT5E', 'PTPRC'])
      expect(TOP_EV_PROTEINS, gene).not.toContain(gene);
  });
});
