import cliProgress from 'cli-progress';
import type { CliStream } from './context.ts';

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
