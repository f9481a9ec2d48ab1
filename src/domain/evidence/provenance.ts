import { type Citation, LI_2025_REVIEW } from '../citation.ts';

/** Version of the curated evidence data set; bump when a record is added, removed or corrected. */
export const EVIDENCE_DATA_VERSION = '2025.1.0';

/** The date Table 5 was compiled from ClinicalTrials.gov (Li et al. 2025, section 5). */
export const TABLE_5_SEARCH_DATE = '2025-04-25';

/** The review (Li et al. 2025) pinned to a table or section, e.g. `review('Table 5')`. */
export function review(location: string): Citation {
  return { ...LI_2025_REVIEW, location };
}

/**
 * A primary reference as the review cites it: `ref('Fallahi et al.', 2024)`. The review's initials are kept
 * where it has several first authors of one surname and year ("Wang Z. et al.").
 */
export function ref(authors: string, year: number): Citation {
  return { authors, year };
}
