/** Colour-blind-safe categorical palette (Okabe & Ito 2008, "Color Universal Design"), without black. */
export const SERIES_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#7f7f7f',
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}

/** A colour scale giving each series label its palette colour, in order. */
export function seriesColorScale(labels: string[]): { domain: string[]; range: string[] } {
  return { domain: labels, range: labels.map((_, i) => seriesColor(i)) };
}

/** The average line and its ±SE band. */
export const AVERAGE_COLOR = '#1b2a3a';
export const BAND_COLOR = '#5b8db8';
