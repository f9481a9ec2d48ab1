/**
 * Curated evidence sync: puts the curated Table 5 trials and section 6 findings of Li et al. 2025
 * (src/domain/evidence) into the store. The store also does this by itself on first use after opening
 * whenever the curated data or the merge rules changed; this job forces it and reports what changed.
 * Idempotent: a second run reports everything unchanged.
 */
import type { CuratedSyncResult } from '../store/evidence-store.ts';
import type { Workbench } from './workbench.ts';

export async function syncCuratedEvidence(wb: Workbench): Promise<CuratedSyncResult> {
  return wb.store.evidence.syncCurated();
}
