import type { PkStudyStore } from './pk-study-store.ts';
import type { SubStoreContext } from './sub-store-context.ts';

/** Placeholder implementation; the PK module replaces it. */
export class KyselyPkStudyStore implements PkStudyStore {
  constructor(readonly ctx: SubStoreContext) {}
}
