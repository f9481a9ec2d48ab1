import type { Workbench } from '../jobs/workbench.ts';
import type { CommandContext } from './context.ts';

/**
 * Opens the workbench (store + blob store) for the global --data-dir / --db, runs `body`, and always closes
 * it. The jobs layer is imported lazily so `evlab --help` and `evlab nta` never load a database driver.
 */
export async function withWorkbench<T>(ctx: CommandContext, body: (wb: Workbench) => Promise<T>): Promise<T> {
  const { openWorkbench } = await import('../jobs/workbench.ts');
  const wb = await openWorkbench({ dataDir: ctx.globals.dataDir, db: ctx.globals.db });
  try {
    return await body(wb);
  } finally {
    await wb.close();
  }
}
