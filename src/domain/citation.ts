import { z } from 'zod';

/**
 * A literature reference attached to a fact or a number. `authors` is the short form used in text
 * ("Livshits et al."), `year` the publication year; DOI without the https://doi.org/ prefix.
 */
export const citationSchema = z.object({
  authors: z.string().min(1),
  year: z.number().int().min(1900).max(2100),
  title: z.string().optional(),
  journal: z.string().optional(),
  doi: z.string().optional(),
  url: z.string().optional(),
  /** Where in the source: "Table 2", "section 6.1", "Fig. 3B". */
  location: z.string().optional(),
});
export type Citation = z.output<typeof citationSchema>;

/** The review evlab's evidence base is built around (../shared/literature). */
export const LI_2025_REVIEW: Citation = {
  authors: 'Li et al.',
  year: 2025,
  title:
    'Mesenchymal stem cell-derived extracellular vesicles: current advances in preparation and therapeutic applications for neurological disorders',
  journal: 'Front. Cell Dev. Biol. 13:1626996',
  doi: '10.3389/fcell.2025.1626996',
};

/** "Livshits et al. 2015" — the short form shown next to a number. */
export function citationLabel(c: Citation): string {
  return `${c.authors} ${c.year}`;
}
