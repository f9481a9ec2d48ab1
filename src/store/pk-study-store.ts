/**
 * The PK-study store: which batch was dosed, by which route, at what dose, and the data the study produced.
 * Every write runs in the main store's transaction and appends an audit event with the batch id, so a study
 * shows up in its batch's audit trail.
 */
import type { AdministrationRoute } from '../domain/administration-route.ts';
import type {
  PkSpecies,
  PkStudy,
  PkStudyData,
  PkStudyPatch,
  PkStudySourceFile,
  PkStudySummary,
} from '../domain/pk-study.ts';
import type { Page, PageRequest, ProjectScope } from './evlab-store.ts';

export interface PkStudyFilter extends PageRequest, ProjectScope {
  batchId?: string;
  species?: PkSpecies;
  route?: AdministrationRoute;
}

export interface PkStudyStore {
  /**
   * Refuses (invalid-reference, path batchId) a batch that does not exist, and (path sourceFiles.i) a source
   * file that is not a raw file of that batch with that SHA-256.
   */
  create(data: PkStudyData, actor: string, sourceFiles?: readonly PkStudySourceFile[]): Promise<PkStudy>;
  get(id: string): Promise<PkStudy | null>;
  /** Newest first; summaries without the observation rows. */
  list(filter?: PkStudyFilter): Promise<Page<PkStudySummary>>;
  /**
   * Patches the given fields (the batch link is fixed); not-found for an unknown id. `appendSourceFiles` are
   * added after the stored ones (one already listed, by raw file id, is skipped); none is ever removed.
   */
  update(
    id: string,
    patch: PkStudyPatch,
    actor: string,
    appendSourceFiles?: readonly PkStudySourceFile[],
  ): Promise<PkStudy>;
  delete(id: string, actor: string): Promise<void>;
}
