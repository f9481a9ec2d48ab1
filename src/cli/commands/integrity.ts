import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatCount } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

/** evlab verify, evlab backup FILE, evlab restore FILE (src/jobs/data-integrity.ts). */
export function registerIntegrityCommands(program: Command, app: CliApp): void {
  program
    .command('verify')
    .summary('re-hash every stored raw file')
    .description(
      'Re-computes the SHA-256 of every stored raw file and reports missing or altered ones.\n' +
        'JSON: {valid, files, blobs, missing: [{rawFileId, sha256, originalName}], altered: [...]}. Exit 1 when any is missing or altered.',
    )
    .action(app.action(verifyCommand));
  program
    .command('backup')
    .summary('write a backup archive (database + raw files)')
    .argument('<file>', 'archive to create (a tar file; never overwritten)')
    .description(
      'SQLite: an online backup of the database (consistent while the server runs) plus every raw file, in one tar.\n' +
        'PostgreSQL: pg_dump --format=custom plus the raw files (needs pg_dump on the PATH).',
    )
    .action(app.action(backupCommand));
  program
    .command('restore')
    .summary('restore a backup archive into an empty data directory / database')
    .argument('<file>', 'archive written by evlab backup')
    .description(
      'Refuses a target that already holds data. Checks every raw file against its SHA-256, migrates the restored\n' +
        'database forward, then verifies the audit chain and the raw files. PostgreSQL needs pg_restore.',
    )
    .action(app.action(restoreCommand));
}

function absolute(ctx: CommandContext, file: string): string {
  return isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
}

async function verifyCommand(ctx: CommandContext): Promise<number> {
  const { verifyRawFiles } = await import('../../jobs/data-integrity.ts');
  const report = await withWorkbench(ctx, (wb) => verifyRawFiles(wb));
  if (ctx.globals.json) ctx.out.result(report);
  else {
    ctx.out.print(
      `${formatCount(report.files)} raw file(s), ${formatCount(report.blobs)} stored blob(s) re-hashed: ` +
        (report.valid ? 'all intact' : `${report.missing.length} missing, ${report.altered.length} altered`),
    );
    for (const p of [...report.missing, ...report.altered]) {
      ctx.out.print(
        `  ${p.problem.padEnd(8)} ${p.originalName} (raw file ${p.rawFileId}, sha256 ${p.sha256})`,
      );
    }
  }
  return report.valid ? EXIT_OK : EXIT_FAILURE;
}

async function backupCommand(ctx: CommandContext, file: string): Promise<number> {
  const { backupWorkbench, BackupError } = await import('../../jobs/data-integrity.ts');
  const target = absolute(ctx, file);
  try {
    const manifest = await withWorkbench(ctx, (wb) => backupWorkbench(wb, ctx.globals.db, target));
    if (ctx.globals.json) ctx.out.result({ file: target, ...manifest });
    else
      ctx.out.print(
        `backup written to ${target}: ${manifest.dialect} database + ${formatCount(manifest.blobs)} raw file(s)`,
      );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message, error.code, EXIT_FAILURE);
    throw error;
  }
}

async function restoreCommand(ctx: CommandContext, file: string): Promise<number> {
  const { restoreWorkbench, verifyRawFiles, BackupError } = await import('../../jobs/data-integrity.ts');
  const source = absolute(ctx, file);
  try {
    const restored = await restoreWorkbench(ctx.globals.dataDir, ctx.globals.db, source);
    const [audit, files] = await withWorkbench(
      ctx,
      async (wb) => [await wb.store.verifyAuditTrail(), await verifyRawFiles(wb)] as const,
    );
    const valid = audit.valid && files.valid;
    if (ctx.globals.json) {
      ctx.out.result({ file: source, ...restored, audit, rawFiles: files, valid });
    } else {
      ctx.out.print(
        `restored ${restored.manifest.dialect} backup of ${restored.manifest.createdAt}: ${formatCount(restored.blobs)} raw file(s); ` +
          `audit chain ${audit.valid ? 'intact' : 'BROKEN'} (${formatCount(audit.events)} events), raw files ${files.valid ? 'intact' : 'NOT intact'}`,
      );
    }
    return valid ? EXIT_OK : EXIT_FAILURE;
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message, error.code, EXIT_FAILURE);
    throw error;
  }
}
