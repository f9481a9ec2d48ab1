/**
 * The one migration set, shared by SQLite and PostgreSQL. Static (an object, not a folder scan) so it
 * works the same under tsx, Vite and bundlers. Keys sort in application order; append, never rename.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-evidence.ts';
import * as m0003 from './0003-pk-studies.ts';
import * as m0004 from './0004-measurement-curation.ts';
import * as m0005 from './0005-accounts.ts';
import * as m0006 from './0006-integrity.ts';
import * as m0007 from './0007-nta-video-exclusions.ts';
import * as m0010 from './0010-qc.ts';
import * as m0011 from './0011-jobs.ts';
import * as m0012 from './0012-qc-signatures-shared.ts';
import * as m0013 from './0013-canonical-metric-names.ts';
import * as m0014 from './0014-job-cancellation-retention.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-evidence': m0002,
  '0003-pk-studies': m0003,
  '0004-measurement-curation': m0004,
  '0005-accounts': m0005,
  '0006-integrity': m0006,
  '0007-nta-video-exclusions': m0007,
  '0010-qc': m0010,
  '0011-jobs': m0011,
  '0012-qc-signatures-shared': m0012,
  '0013-canonical-metric-names': m0013,
  '0014-job-cancellation-retention': m0014,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
