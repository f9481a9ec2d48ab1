import type { EvidenceStore } from './evidence-store.ts';
import type { SubStoreContext } from './sub-store-context.ts';

/** Placeholder implementation; the evidence module replaces it. */
export class KyselyEvidenceStore implements EvidenceStore {
  constructor(readonly ctx: SubStoreContext) {}
}
