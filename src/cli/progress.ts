import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';
import type { CliStream } from './context.ts';

/**
 * cli-progress is loaded only when a bar is drawn (a terminal on stderr): loading it costs ~25 ms of CPU,
 * a tenth of what `evlab nta` on nine exports spends above `node -e 0`, and pipes or --json never show a
 * bar (issue 9 item 17).
 */
function loadCliProgress(): typeof cliProgressModule {
  return createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;
}

/** A progress indicator over a known number of items; a no-op when not shown. */
export interface Progress {
  readonly visible: boolean;
  /** One item done; `label` names the item that comes next or just finished. */
  tick(label?: string): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { visible: false, tick() {}, stop() {} };

/** Whether to draw a bar: only for people (a terminal on stderr), never with --json, only for several items. */
export function shouldShowProgress(options: { stream: CliStream; json: boolean; total: number }): boolean {
  return !options.json && options.stream.isTTY === true && options.total > 1;
}

/**
 * A cli-progress bar on stderr (stdout stays clean for results). The bar is cleared when stopped, so
 * results printed afterwards are not interleaved with it.
 */
export function startProgress(options: {
  stream: CliStream;
  json: boolean;
  total: number;
  title: string;
}): Progress {
  if (!shouldShowProgress(options)) return NO_PROGRESS;
  const cliProgress = loadCliProgress();
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream as unknown as NodeJS.WritableStream,
      format: `${options.title} [{bar}] {value}/{total} {item}`,
      barsize: 30,
      clearOnComplete: true,
      hideCursor: null,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  bar.start(options.total, 0, { item: '' });
  return {
    visible: true,
    tick(label = '') {
      done += 1;
      bar.update(done, { item: label });
    },
    stop() {
      bar.stop();
    },
  };
}
