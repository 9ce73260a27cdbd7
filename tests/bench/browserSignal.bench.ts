/**
 * Propagation coverage of the demo province at 100 m in the browser (headless Chromium, the app's worker pool), beside
 * the same run in one Node thread through the command line. Serves the built app (builds it when dist/ is missing) with
 * the real server on 127.0.0.1, runs the analysis several times with a fresh preparation each time, and prints the time
 * from the click to the figures, the longest main-thread task before the result (the browser's long-task observer), and
 * whether the app's figure equals the command line's.
 */
import { existsSync } from 'node:fs';
import { build } from 'vite';
import { runCli } from '../../src/cli/runCli';
import { buildServer } from '../../src/server/buildServer';
import { openDatabase } from '../../src/server/db/openDatabase';
import { launchBrowser } from '../e2e/launchBrowser';
import { longTaskDurations, observeLongTasks } from '../e2e/longTasks';

const RUNS = 6;
const TARGET_MS = 3000;
const LONG_TASK_TARGET_MS = 50;

interface BrowserRun {
  durationMs: number;
  longestTaskMs: number;
  coveredAny: number;
}

async function cliCovered(shadowingMarginDb: number): Promise<{ covered: number; ms: number }> {
  let stdout = '';
  const start = performance.now();
  const status = await runCli(
    [
      'coverage',
      '--towers',
      'data/demo/towers.csv',
      '--population',
      'data/demo/population.tif',
      '--model',
      'uma-nlos',
      '--grid-m',
      '100',
      '--shadowing-margin-db',
      String(shadowingMarginDb),
      '--json',
    ],
    { stdout: (text) => (stdout += text), stderr: () => {} },
  );
  const ms = performance.now() - start;
  if (status !== 0) throw new Error('the command line failed');
  return { covered: (JSON.parse(stdout) as { population_covered: number }).population_covered, ms };
}

export async function run(): Promise<void> {
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  const db = await openDatabase(':memory:');
  const server = await buildServer({ db, staticDir: 'dist', sweepIntervalMs: 0 });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  const runs: BrowserRun[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${address}/`);
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('mode-signal').click();
    for (let i = 0; i < RUNS; i++) {
      // A different margin each run, so every run prepares its grid and radios afresh (nothing reused).
      await page.getByTestId('signal-shadowingMarginDb').fill(String(8.3 + i / 10));
      await page.waitForTimeout(300);
      await observeLongTasks(page);
      await page.getByTestId('run-signal').click();
      await page.waitForFunction(() => window.cosite?.state().signalRun.status === 'done', undefined, {
        timeout: 180_000,
        polling: 100,
      });
      const before = await longTaskDurations(page, 'cosite:signal:finished');
      runs.push({
        longestTaskMs: Math.max(0, ...before),
        ...(await page.evaluate(() => {
          const state = window.cosite?.state().signalRun;
          return {
            durationMs: state?.durationMs ?? Number.NaN,
            coveredAny: state?.result?.summary.populationCovered ?? Number.NaN,
          };
        })),
      });
    }
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
  const last = RUNS - 1;
  const cli = await cliCovered(8.3 + last / 10);
  const sorted = runs.map((entry) => entry.durationMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const longest = Math.max(...runs.map((entry) => entry.longestTaskMs));
  console.log('propagation coverage, demo province at 100 m, 4G UMa NLOS, in headless Chromium (SwiftShader)');
  runs.forEach((entry, i) => {
    console.log(
      `  run ${i + 1}: ${entry.durationMs.toFixed(0).padStart(5)} ms click to figures, page tasks over 50 ms before ` +
        `the result: ${entry.longestTaskMs > 0 ? `longest ${entry.longestTaskMs.toFixed(0)} ms` : 'none'}`,
    );
  });
  console.log(
    `  browser, worker pool (${RUNS} runs): median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ` +
      `${sorted[sorted.length - 1].toFixed(0)} ms (target < ${TARGET_MS} ms: ${sorted[sorted.length - 1] < TARGET_MS ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  peer: the command line, one Node thread, whole run with file reading: ${cli.ms.toFixed(0)} ms ` +
      `(browser median / Node: ${(median / cli.ms).toFixed(2)})`,
  );
  console.log(
    `  longest page task before a result: ${longest > 0 ? `${longest.toFixed(0)} ms` : 'none over 50 ms'} ` +
      `(target < ${LONG_TASK_TARGET_MS} ms: ${longest < LONG_TASK_TARGET_MS ? 'met' : 'NOT met'})`,
  );
  const agrees = Math.abs(runs[last].coveredAny - cli.covered) < 1e-6 * Math.max(1, cli.covered);
  console.log(
    `  agreement: last run's people covered ${runs[last].coveredAny.toFixed(1)} vs command line ` +
      `${cli.covered.toFixed(1)}: ${agrees ? 'equal' : 'DIFFERENT'}`,
  );
}
