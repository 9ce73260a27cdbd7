/**
 * The page at national scale, in headless Chromium (SwiftShader): ~100,000 masts (the 87,632 national synthetic masts
 * plus seeded copies, 300-900 m away, under new ids) imported through the import dialog, then drawn, panned and zoomed,
 * filtered in the attribute table, hovered, and run through fixed-radius coverage, propagation coverage, co-location
 * and the shared-site plan; then a 1,000,000-row cell list (one row per sector, ~11 per national mast, the site id
 * repeated). For each step: the time it takes on the page and the longest main-thread task that began in it (the
 * browser's long-task observer: tasks over 50 ms). The peer is the same step on the demo province's 2,318 masts, run
 * first in the same page. The files are generated under /tmp (seeded: identical on every run), never committed.
 *
 * Under SwiftShader every WebGL frame is itself a long task (0.2-5 s with a small page, see STACK.md): steps that
 * redraw the map show that cost beside the demo's, which is the figure to compare.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { seededRandom } from '../../src/core/util/seededRandom';
import { buildServer } from '../../src/server/buildServer';
import { openDatabase } from '../../src/server/db/openDatabase';
import { launchBrowser } from '../e2e/launchBrowser';

const OUT_DIR = '/tmp/cosite-bench';
const MASTS_100K = 100_000;
const SECTOR_ROWS = 1_000_000;
const LONG_TASK_TARGET_MS = 50;

function splitCsvLine(line: string): string[] {
  return line.split(',');
}

/** The national masts plus seeded copies near them (new ids), 100,000 rows in the national file's columns. */
function write100kMasts(): string {
  const file = `${OUT_DIR}/towers-100k.csv`;
  if (existsSync(file)) return file;
  const [header, ...rows] = readFileSync('data/national/towers.csv', 'utf8').trim().split('\n');
  const next = seededRandom(100_000);
  const lines = [header, ...rows];
  for (let copy = 0; lines.length - 1 < MASTS_100K; copy++) {
    const fields = splitCsvLine(rows[Math.floor(next() * rows.length)]);
    const distanceDeg = (300 + next() * 600) / 111_000;
    const bearing = next() * 2 * Math.PI;
    fields[0] = `${fields[0]}-C${copy}`;
    fields[3] = (Number(fields[3]) + distanceDeg * Math.sin(bearing)).toFixed(6);
    fields[4] = (Number(fields[4]) + distanceDeg * Math.cos(bearing)).toFixed(6);
    lines.push(fields.join(','));
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** One row per sector (cell) of each national mast, ~11 a mast (3 sectors x 3-4 bands), site id repeated. */
function writeSectorRows(): string {
  const file = `${OUT_DIR}/cells-1m.csv`;
  if (existsSync(file)) return file;
  const [header, ...rows] = readFileSync('data/national/towers.csv', 'utf8').trim().split('\n');
  const bands = ['900', '1800', '2100', '2600'];
  const next = seededRandom(1_000_000);
  const out: string[] = [`${header},cell_id,azimuth_deg,band`];
  let emitted = 0;
  for (let r = 0; emitted < SECTOR_ROWS; r = (r + 1) % rows.length) {
    const remainingMasts = rows.length - r;
    // 11.41 rows a mast on average, so the file ends at 1,000,000 rows on the last mast.
    const perMast = Math.max(1, Math.min(12, Math.round((SECTOR_ROWS - emitted) / remainingMasts + (next() - 0.5))));
    const firstAzimuthDeg = Math.floor(next() * 120);
    for (let k = 0; k < perMast && emitted < SECTOR_ROWS; k++, emitted++) {
      const sector = k % 3;
      out.push(
        `${rows[r]},${rows[r].slice(0, rows[r].indexOf(','))}-${k + 1},${firstAzimuthDeg + 120 * sector},${bands[Math.floor(k / 3) % 4]}`,
      );
    }
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

interface LongTaskWindow {
  cositeScaleTasks: Array<{ start: number; duration: number }>;
}

async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const holder = window as unknown as LongTaskWindow;
    holder.cositeScaleTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        holder.cositeScaleTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
  });
}

interface StepResult {
  ms: number;
  /** Page JavaScript and garbage collection in the step (see scriptMsOfProfile). */
  scriptMs: number;
  /** The most of it in one stretch of work without an idle sample (an upper bound of one task's script). */
  taskScriptMs: number;
  longestTaskMs: number;
  tasksOver50: number;
}

/**
 * A CPU profile of each step gives its script time: self time in the page's JavaScript, its garbage collection and
 * named natives (postMessage's cloning), leaving out WebGL calls and unnamed native time ("(program)"), which under
 * SwiftShader are mostly waiting for software rendering. No task of the step can hold more script than the whole
 * step, so a step's script time under 50 ms means no page task over 50 ms on a machine that draws with a GPU. With
 * COSITE_PROFILE=1 the hottest functions print too.
 */
let profiler: CDPSession | null = null;
const printProfiles = process.env.COSITE_PROFILE === '1';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * WebGL calls (the page waits there for software rendering in the GPU process) and "(program)" (native time the
 * profiler cannot name) are not the page's own work; everything else is: JavaScript, garbage collection and named
 * natives such as postMessage (structured cloning).
 */
const WEBGL_CALL =
  /^(readPixels|get\w*|tex\w*|buffer\w*|draw\w*|finish|flush|compileShader|linkProgram|clientWaitSync|create\w*|delete\w*|bind\w*|uniform\w*|vertexAttrib\w*|enable\w*|disable\w*|clear\w*|blend\w*|depth\w*|stencil\w*|viewport|scissor|pixelStorei|useProgram|attachShader|shaderSource|loseContext|framebuffer\w*|renderbuffer\w*|colorMask|cullFace|frontFace|polygonOffset|lineWidth|activeTexture|generateMipmap|invalidate\w*|readBuffer|drawBuffers|sampler\w*|isContextLost)$/;

function isPageWork(frame: ProfileNode['callFrame']): boolean {
  if (frame.url !== '') return true;
  const name = frame.functionName;
  return name !== '(program)' && name !== '(idle)' && name !== '(root)' && !WEBGL_CALL.test(name);
}

/**
 * Script milliseconds of the profile since Profiler.start, in all and in the busiest stretch between two idle samples
 * (at least one task, so an upper bound of any one task's script); with COSITE_PROFILE=1 its hottest functions too.
 */
async function scriptMsOfProfile(
  session: CDPSession,
  stepName: string,
): Promise<{ scriptMs: number; taskScriptMs: number }> {
  const { profile } = (await session.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  let scriptMs = 0;
  let stretchScriptMs = 0;
  let taskScriptMs = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    // A sample's time delta is the time since the previous sample: charge it to this sample's frame.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (frame?.functionName === '(idle)') stretchScriptMs = 0;
    else if (frame && isPageWork(frame)) {
      scriptMs += ms;
      stretchScriptMs += ms;
      taskScriptMs = Math.max(taskScriptMs, stretchScriptMs);
    }
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`
      : '?';
    selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
  });
  if (printProfiles) {
    console.log(
      `    profile: ${stepName} (script ${scriptMs.toFixed(0)} ms, in one task ${taskScriptMs.toFixed(0)} ms)`,
    );
    const top = [...selfMs].filter(([name]) => !name.startsWith('(idle)')).sort((x, y) => y[1] - x[1]);
    for (const [name, ms] of top.slice(0, 10)) console.log(`      ${ms.toFixed(0).padStart(6)} ms  ${name}`);
  }
  return { scriptMs, taskScriptMs };
}

async function record(
  page: Page,
  results: Map<string, StepResult>,
  name: string,
  work: () => Promise<void>,
): Promise<void> {
  results.set(name, await step(page, work, name));
}

/** Runs `work` and reports its page time and the long tasks that began while it ran. */
async function step(page: Page, work: () => Promise<void>, name = ''): Promise<StepResult> {
  if (profiler) await profiler.send('Profiler.start');
  const start = await page.evaluate(() => performance.now());
  await work();
  const end = await page.evaluate(() => performance.now());
  const { scriptMs, taskScriptMs } = profiler
    ? await scriptMsOfProfile(profiler, name)
    : { scriptMs: Number.NaN, taskScriptMs: Number.NaN };
  // Long-task entries arrive after the task ends: let the observer deliver them.
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(
    ([from, to]) =>
      (window as unknown as LongTaskWindow).cositeScaleTasks.filter((task) => task.start >= from && task.start < to),
    [start, end],
  );
  return {
    ms: end - start,
    scriptMs,
    taskScriptMs,
    longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
    tasksOver50: tasks.length,
  };
}

const waitState = (page: Page, predicate: string) =>
  page.waitForFunction(predicate, undefined, { timeout: 600_000, polling: 100 });

async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(() => window.cosite?.waitForMapIdle());
}

/** Imports a file through the dialog (its proposed mapping); returns what the dialog reports. */
async function importFile(page: Page, path: string, results: Map<string, StepResult>, label: string): Promise<string> {
  await page.getByTestId('tab-overview').click();
  await page.evaluate(() => {
    (window as unknown as { cositeDatasetBefore: unknown }).cositeDatasetBefore = window.cosite?.state().dataset;
  });
  await page.getByTestId('import-file').setInputFiles(path);
  await page.getByTestId('column-mapping').waitFor({ timeout: 600_000 });
  await record(page, results, `${label}: import (read, review, apply: to masts in the page)`, async () => {
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 600_000 });
    // The dialog's proposal: replace the operator's masts for a one-operator file, else update by id.
    await page.getByTestId('apply-import').click();
    await waitState(
      page,
      '(window.cosite?.state().dataset ?? null) !== window.cositeDatasetBefore || document.querySelector("[data-testid=import-error]")',
    );
  });
  const accepted = await page.getByTestId('import-accepted').textContent();
  const rejected = await page.getByTestId('import-rejected').textContent();
  await record(page, results, `${label}: first draw (map idle)`, async () => {
    await page.getByTestId('close-import').click();
    await mapIdle(page);
  });
  return `${accepted} accepted, ${rejected} rejected`;
}

/** Every step on the dataset loaded now, keyed by step name. */
async function runSteps(page: Page, results: Map<string, StepResult>, label: string): Promise<void> {
  // The map opens on the towers' extent: the whole country for national masts. First a redraw there, then every step
  // on the province (Đà Nẵng, zoom 9), where a planner works.
  await record(page, results, `${label}: redraw, whole country in view`, async () => {
    await page.evaluate(() => window.cosite?.fitCountry());
    await mapIdle(page);
  });
  await page.evaluate(() => {
    window.cosite?.jumpTo(108.2, 16.05, 9);
  });
  await mapIdle(page);
  const view = await page.evaluate(() => window.cosite?.view());
  if (!view) throw new Error('no map view');
  await record(page, results, `${label}: pan and zoom on the province (3 views)`, async () => {
    for (const [dLon, dLat, dZoom] of [
      [0.05, 0.02, 1],
      [-0.08, -0.03, 0],
      [0, 0, -1],
    ]) {
      await page.evaluate(
        ([lon, lat, zoom]) => {
          window.cosite?.jumpTo(lon, lat, zoom);
        },
        [view.lon + dLon, view.lat + dLat, view.zoom + dZoom],
      );
      await mapIdle(page);
    }
  });
  await page.getByTestId('toggle-table').click();
  await page.getByTestId('attribute-table').waitFor();
  await record(page, results, `${label}: table filter (type "viettel a2")`, async () => {
    const before = await page.getByTestId('table-row-count').textContent();
    await page.getByTestId('table-filter').pressSequentially('viettel a2', { delay: 30 });
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid=table-row-count]')?.textContent !== text,
      before,
      { timeout: 600_000, polling: 100 },
    );
  });
  await page.getByTestId('table-filter').fill('');
  await page.getByTestId('toggle-table').click();
  await mapIdle(page);
  await record(page, results, `${label}: hover a mast (tooltip shown)`, async () => {
    const box = await page.getByTestId('map').boundingBox();
    const point = await page.evaluate(() => {
      const state = window.cosite?.state();
      const arrays = state?.dataset?.towerArrays;
      if (!arrays) return null;
      const centre = window.cosite?.view();
      // The mast nearest the centre of the view.
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let i = 0; i < arrays.count; i++) {
        const d = (arrays.lon[i] - (centre?.lon ?? 0)) ** 2 + (arrays.lat[i] - (centre?.lat ?? 0)) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      return window.cosite?.project(arrays.lon[best], arrays.lat[best]) ?? null;
    });
    if (!box || !point) throw new Error('no mast to hover');
    await page.mouse.move(box.x + point.x + 40, box.y + point.y + 40);
    await page.mouse.move(box.x + point.x, box.y + point.y, { steps: 4 });
    await page.locator('.deck-tooltip').filter({ hasText: /\S/ }).waitFor({ state: 'visible', timeout: 60_000 });
  });
  await page.mouse.move(5, 5);
  await page.getByTestId('tab-coverage').click();
  await page.getByTestId('mode-fixed').click();
  await record(page, results, `${label}: fixed-radius coverage (click to figures)`, async () => {
    await page.getByTestId('run-coverage').click();
    await waitState(page, 'window.cosite?.state().coverage.status === "done"');
  });
  await mapIdle(page);
  await page.getByTestId('mode-signal').click();
  await record(page, results, `${label}: propagation coverage (click to figures)`, async () => {
    await page.getByTestId('run-signal').click();
    await waitState(page, '["done", "error"].includes(window.cosite?.state().signalRun.status)');
  });
  await mapIdle(page);
  await page.getByTestId('mode-fixed').click();
  await page.getByTestId('tab-sharing').click();
  await record(page, results, `${label}: co-location (click to figures)`, async () => {
    await page.getByTestId('run-colocation').click();
    await waitState(page, '["done", "error"].includes(window.cosite?.sharingStatus().colocation)');
  });
  await mapIdle(page);
  await record(page, results, `${label}: shared-site plan (click to figures)`, async () => {
    await page.getByTestId('run-plan').click();
    await waitState(page, '["done", "error"].includes(window.cosite?.sharingStatus().plan)');
  });
  await mapIdle(page);
  await page.getByTestId('tab-overview').click();
  await page.getByTestId('mast-export-format').selectOption('xlsx');
  await record(page, results, `${label}: export the mast list as Excel (click to download)`, async () => {
    await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      page.getByTestId('mast-export-button').click(),
    ]);
  });
}

/** A Markdown table: each step's time, longest page task and script time, beside the demo's. */
function printTable(title: string, results: Map<string, StepResult>, peers: Map<string, StepResult>): void {
  const ms = (value: number) => (Number.isNaN(value) ? '—' : `${Math.round(value).toLocaleString('en-US')} ms`);
  const longest = (value: number) => (value > 0 ? ms(value) : 'none over 50 ms');
  console.log(`\n${title}\n`);
  console.log(
    '| step | time | longest page task | script in one task / in all | demo peer (2,318 masts): time, longest task, script in one task |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, result] of results) {
    const peer = peers.get(name.replace(/^[^:]+:/, 'demo:'));
    const peerText = peer ? `${ms(peer.ms)}, ${longest(peer.longestTaskMs)}, ${ms(peer.taskScriptMs)}` : '';
    console.log(
      `| ${name.replace(/^[^:]+: /, '')} | ${ms(result.ms)} | ${longest(result.longestTaskMs)} | ${ms(result.taskScriptMs)} / ${ms(result.scriptMs)} | ${peerText} |`,
    );
  }
}

export async function run(): Promise<void> {
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  const masts100k = write100kMasts();
  const sectors1m = writeSectorRows();
  const db = await openDatabase(':memory:');
  const server = await buildServer({ db, staticDir: 'dist', sweepIntervalMs: 0 });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  const demo = new Map<string, StepResult>();
  const large = new Map<string, StepResult>();
  const cells = new Map<string, StepResult>();
  let accepted100k = '';
  let accepted1m = '';
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      bypassCSP: true,
      acceptDownloads: true,
    });
    await page.goto(`${address}/`);
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await mapIdle(page);
    await recordLongTasks(page);
    profiler = await page.context().newCDPSession(page);
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
    // The peer: the demo's own tower file through the same dialog, then the same steps.
    await importFile(page, 'data/demo/towers.csv', demo, 'demo');
    await runSteps(page, demo, 'demo');
    accepted100k = await importFile(page, masts100k, large, '100k');
    await runSteps(page, large, '100k');
    accepted1m = await importFile(page, sectors1m, cells, '1M rows');
    await page.evaluate(() => {
      window.cosite?.jumpTo(108.2, 16.05, 9);
    });
    await mapIdle(page);
    const view = await page.evaluate(() => window.cosite?.view());
    if (view) {
      await record(page, cells, '1M rows: pan and zoom on the province (1 view)', async () => {
        await page.evaluate(
          ([lon, lat, zoom]) => {
            window.cosite?.jumpTo(lon, lat, zoom);
          },
          [view.lon + 0.05, view.lat, view.zoom + 1],
        );
        await mapIdle(page);
      });
    }
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
  console.log(
    `headless Chromium (SwiftShader), ${new Date().toISOString().slice(0, 10)}; long-task target ${LONG_TASK_TARGET_MS} ms`,
  );
  printTable(`~100k masts (${masts100k}: ${accepted100k})`, large, demo);
  printTable(`1,000,000-row cell list (${sectors1m}: ${accepted1m})`, cells, demo);
}
