/**
 * In a real Chromium: a density plot of 1,000,000 events (binned raster on a canvas) must render in < 500 ms.
 * The plot code (web/src/plots/flow/density-raster.ts) is bundled with esbuild and run in the page; the
 * events are made in the page first (deterministic, two log-normal populations, like EVs and beads on
 * SSC × FL), then performance.now() times binning + painting + the next animation frame.
 */
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, repoRoot } from '../test/support/environment.ts';
import { launchChromium } from './support/browser.ts';

const EVENTS = 1_000_000;
const BUDGET_MS = 500;

describeWithChromium('flow density plot in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`renders ${EVENTS.toLocaleString('en')} events in < ${BUDGET_MS} ms`, async () => {
    const bundle = await build({
      stdin: {
        contents: `import { drawDensity } from './web/src/plots/flow/density-raster.ts'; window.drawDensity = drawDensity;`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
    });
    const page = await browser.newPage();
    await page.setContent(
      '<canvas id="plot" width="512" height="512" aria-label="SSC × FL density"></canvas>',
    );
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    const result = await page.evaluate(async (n) => {
      let seed = 42;
      const rnd = () => {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        return (seed + 0.5) / 4294967296;
      };
      const normal = () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
      const xs = new Float32Array(n);
      const ys = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const bead = i % 10 === 0;
        xs[i] = 10 ** ((bead ? 3.5 : 2) + 0.3 * normal());
        ys[i] = 10 ** ((bead ? 3 : 1.8) + 0.4 * normal());
      }
      const canvas = document.getElementById('plot') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      const draw = (window as unknown as { drawDensity: (...a: unknown[]) => { inside: number } })
        .drawDensity;
      const t0 = performance.now();
      const r = draw(ctx, xs, ys, {
        x: { domain: [1, 1e6], scale: 'log' },
        y: { domain: [1, 1e6], scale: 'log' },
      });
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      const ms = performance.now() - t0;
      const painted = ctx.getImageData(0, 0, 512, 512).data.filter((_, i) => i % 4 === 3 && _ > 0).length;
      return { ms, inside: r.inside, painted };
    }, EVENTS);
    process.stderr.write(`[flow density] ${EVENTS} events: ${result.ms.toFixed(1)} ms\n`);
    expect(result.inside).toBeGreaterThan(0.99 * EVENTS);
    expect(result.painted).toBeGreaterThan(1000);
    expect(result.ms).toBeLessThan(BUDGET_MS);
    await page.close();
  });
});
