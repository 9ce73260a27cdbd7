import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHOROPLETH_RAMP } from '../../src/app/ministry/choroplethColours';
import { parseLinesGeoJson } from '../../src/core/geo/parseLinesGeoJson';
import { parseRegionsGeoJson } from '../../src/core/geo/parseRegionsGeoJson';
import { parseTowers } from '../../src/core/io/parseTowers';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { readXlsxRows } from '../../src/core/io/readXlsxRows';
import { computeNationalReadiness } from '../../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../src/core/readiness/packReadinessTowers';
import { DEFAULT_READINESS_TARGETS, type NationalReadiness } from '../../src/core/readiness/readinessTypes';
import { launchBrowser } from './launchBrowser';
import { longTaskDurations, observeLongTasks } from './longTasks';
import { countPixelsWhere } from './pixels';
import { openApp } from './signIn';

let browser: Browser;
let page: Page;
let expected: NationalReadiness;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  // The same computation in Node, straight from the files, as the command line does.
  expected = await computeNationalReadiness({
    grid: await readPopulationGeoTiff(new Uint8Array(readFileSync('data/national/population.tif')).buffer),
    provinces: parseRegionsGeoJson(readFileSync('data/national/provinces.geojson', 'utf8')),
    towers: packReadinessTowers(parseTowers(readFileSync('data/national/towers.csv', 'utf8'), 'towers.csv').towers),
    backbone: parseLinesGeoJson(readFileSync('data/national/backbone.geojson', 'utf8')),
    targets: DEFAULT_READINESS_TARGETS,
  });
});
afterAll(async () => {
  await browser?.close();
});

const percentText = (value: number | null) =>
  value === null
    ? '—'
    : `${(value * 100).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

describe('the ministry’s national readiness view', () => {
  it('computes all 34 provinces as the view opens, with the same figures as Node, and draws the choropleth', async () => {
    // No click on "compute": opening the view starts it (the masts come as typed columns, the label raster
    // precomputed). The time from the click to the frame showing the table (the page's own marks) is printed for the
    // README, not asserted; the map's first choropleth draw comes after it.
    // The click's time and the table's mark kept on the window (observeLongTasks clears the page's marks).
    await page.evaluate(() => {
      const times = window as unknown as { cositeClickedAt?: number; cositeTableAt?: number };
      document.addEventListener('click', () => Object.assign(times, { cositeClickedAt: performance.now() }), {
        capture: true,
        once: true,
      });
      new PerformanceObserver((list) => {
        const mark = list.getEntries().find((entry) => entry.name === 'cosite:readiness:table');
        if (mark && times.cositeTableAt === undefined) times.cositeTableAt = mark.startTime;
      }).observe({ type: 'mark' });
    });
    await page.getByTestId('tab-ministry').click();
    await page.getByTestId('readiness-table').waitFor({ timeout: 120_000 });
    const fromClickMs = (await (
      await page.waitForFunction(() => {
        const times = window as unknown as { cositeClickedAt?: number; cositeTableAt?: number };
        return times.cositeTableAt !== undefined && times.cositeClickedAt !== undefined
          ? times.cositeTableAt - times.cositeClickedAt
          : null;
      })
    ).jsonValue()) as number;
    console.log(`national view: the table shows ${Math.round(fromClickMs)} ms after the click`);
    mkdirSync('tests/artifacts', { recursive: true });
    writeFileSync('tests/artifacts/ministry-timing.json', `${JSON.stringify({ fromClickMs })}\n`);
    // Computed again with the button, the view already drawn: the worker fetches and reads the national files and
    // the page only waits. Measured: no task over 50 ms
    // (before: decoding the 7 MB CSV on the page, 70-120 ms, and a map redraw per progress tick, 400 ms each under
    // SwiftShader). The bound leaves room for one slow frame on a busy machine and catches any of those.
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    await observeLongTasks(page);
    await page.getByTestId('run-readiness').click();
    await page.waitForFunction(() => performance.getEntriesByName('cosite:readiness:result').length > 0);
    expect(Math.max(0, ...(await longTaskDurations(page, 'cosite:readiness:result')))).toBeLessThan(100);
    const rows = page.getByTestId('readiness-row');
    await expect(rows.count()).resolves.toBe(34);
    expect(expected.provinces.length).toBe(34);
    for (const province of expected.provinces) {
      const cell = page.locator(`[data-testid=readiness-row][data-code="${province.code}"] [data-testid=row-5g]`);
      await expect(cell.textContent()).resolves.toBe(percentText(province.coverage_5g_share));
    }
    // The synthetic masts share by province and zone (data/README.md): provinces can be compared on sharing, not all
    // at one rate as before (15.0% everywhere).
    const sharedShown = await page.getByTestId('row-shared').allTextContents();
    expect(sharedShown).toHaveLength(34);
    expect(new Set(sharedShown).size).toBeGreaterThan(20);
    for (const province of expected.provinces) {
      const cell = page.locator(`[data-testid=readiness-row][data-code="${province.code}"] [data-testid=row-shared]`);
      await expect(cell.textContent()).resolves.toBe(percentText(province.shared_share));
    }
    // The table downloads as CSV with the figures as computed (fractions, not rounded), Node's figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-readiness').click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const table = Papa.parse<Record<string, string>>(csv.slice(1).trim(), { header: true }).data;
    expect(table.map((row) => row.code)).toEqual([...expected.provinces.map((province) => province.code), 'VN']);
    for (const province of expected.provinces) {
      const row = table.find((candidate) => candidate.code === province.code);
      expect(row?.name).toBe(province.name);
      expect(Number(row?.population_covered_5g)).toBeCloseTo(province.population_covered_5g, 0);
      expect(Number(row?.shared_masts)).toBe(province.shared_masts);
      expect(Number(row?.targets_met)).toBe(province.targets_met);
    }
    // The same table as Excel: the same rows, numbers stored as numbers.
    const [excel] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-readiness-xlsx').click(),
    ]);
    const sheet = await readXlsxRows(readFileSync((await excel.path()) ?? ''));
    const excelHeader = sheet.rows[0].values.map(String);
    expect(excelHeader).toEqual(Object.keys(table[0]));
    expect(sheet.rows).toHaveLength(1 + table.length);
    for (const [index, row] of table.entries()) {
      const values = sheet.rows[index + 1].values;
      for (const [column, text] of Object.entries(row)) {
        const value = values[excelHeader.indexOf(column)];
        if (text === '') expect(value ?? null).toBeNull();
        else if (column === 'code' || column === 'name') expect(value).toBe(text);
        else expect(String(value)).toBe(text);
      }
    }
    expect(typeof sheet.rows[1].values[excelHeader.indexOf('population_covered_5g')]).toBe('number');
    await page.evaluate(() => window.cosite?.fitCountry());
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    const png = await page.locator('[data-testid=map]').screenshot();
    writeFileSync('tests/artifacts/ministry-choropleth.png', png);
    await page.screenshot({ path: 'tests/artifacts/ministry.png' });
    // Choropleth colours (blended at 210/255 over the basemap) cover a large part of the country.
    const nearRamp = (r: number, g: number, b: number) =>
      CHOROPLETH_RAMP.some(([cr, cg, cb]) => Math.abs(r - cr) < 40 && Math.abs(g - cg) < 40 && Math.abs(b - cb) < 40);
    expect(countPixelsWhere(png, nearRamp)).toBeGreaterThan(5000);
  });

  it('drills into a province and re-judges it when a target changes', async () => {
    const code = expected.provinces.find((province) => province.name.includes('Đà Nẵng'))?.code ?? 'VN25';
    await page.locator(`[data-testid=readiness-row][data-code="${code}"]`).click();
    await expect(page.getByTestId('province-detail').textContent()).resolves.toContain('Đà Nẵng');
    const province = expected.provinces.find((candidate) => candidate.code === code);
    if (!province) throw new Error('no province');
    const metCell = page.locator(`[data-testid=readiness-row][data-code="${code}"] td`).last();
    await expect(metCell.textContent()).resolves.toBe(`${province.targets_met}/${province.targets_judged}`);
    // A 5G target just below the province's value is met; just above, it is not.
    const value5g = province.coverage_5g_share ?? 0;
    await page.getByTestId('target-coverage_5g_share').fill(String(Math.floor(value5g * 100 - 1)));
    const metBelow = await metCell.textContent();
    await page.getByTestId('target-coverage_5g_share').fill(String(Math.ceil(value5g * 100 + 1)));
    const metAbove = await metCell.textContent();
    expect(Number(metBelow?.split('/')[0])).toBe(Number(metAbove?.split('/')[0]) + 1);
  });

  it("draws the drilled-into province's own masts of the national set and its coverage, not the demo province's", async () => {
    const manifest = JSON.parse(readFileSync('data/national/manifest.json', 'utf8')) as {
      provinces: { code: string; name: string; masts: number; shared_masts: number }[];
    };
    const hanoi = manifest.provinces.find((province) => province.name.includes('Hà Nội'));
    if (!hanoi) throw new Error('no Hà Nội in the manifest');
    // A planner clicking on through the list: the province clicked last is the one drawn (the one before is dropped,
    // even while a worker is still preparing the national files for it).
    await page.locator('[data-testid=readiness-row][data-code="VN09"]').click();
    const clickedAt = Date.now();
    await page.locator(`[data-testid=readiness-row][data-code="${hanoi.code}"]`).click();
    await expect
      .poll(() => page.evaluate(() => window.cositeMinistry?.().provinceMasts), { timeout: 30_000 })
      .toEqual({ code: hanoi.code, count: hanoi.masts, shared: hanoi.shared_masts });
    // Its coverage cell by cell (computed in a worker from masts.bin), summing to the figures Node computed from the
    // masts' CSV for the table.
    await expect
      .poll(() => page.evaluate(() => window.cositeMinistry?.().provinceCoverage?.code), { timeout: 60_000 })
      .toBe(hanoi.code);
    console.log(`drill-down: Hà Nội's coverage cell by cell ${Date.now() - clickedAt} ms after the click`);
    const coverage = await page.evaluate(() => window.cositeMinistry?.().provinceCoverage);
    const figures = expected.provinces.find((province) => province.code === hanoi.code);
    if (!coverage || !figures) throw new Error('no coverage or figures');
    expect(coverage.populationTotal).toBeCloseTo(figures.population_total, 0);
    expect(coverage.populationCovered4g).toBeCloseTo(figures.population_covered_4g, 0);
    expect(coverage.populationCovered5g).toBeCloseTo(figures.population_covered_5g, 0);
    // 5G, 4G only and people without signal (dense or scattered) all occur in Hà Nội (58.6% 5G).
    const [, dense, only4g, with5g, , scattered] = coverage.cellsByClass;
    expect(
      [only4g, with5g, dense + scattered].every((cells) => cells > 0),
      coverage.cellsByClass.join(),
    ).toBe(true);
    await expect(page.getByTestId('province-coverage-figures').textContent()).resolves.toContain('5G');
    // The legend's people with 5G are the table's 5G figure (every cell reached by 5G is in that class).
    await expect(page.getByTestId('province-coverage-people-with5g').textContent()).resolves.toContain(
      Math.round(figures.population_covered_5g).toLocaleString('vi-VN'),
    );
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    const png = await page.locator('[data-testid=map]').screenshot();
    // The 5G class's dark green and the gaps' reds are on the map (over the province's fill, at their alpha).
    const near = (r: number, g: number, b: number, [wr, wg, wb]: number[], tolerance: number) =>
      Math.abs(r - wr) < tolerance && Math.abs(g - wg) < tolerance && Math.abs(b - wb) < tolerance;
    expect(countPixelsWhere(png, (r, g, b) => near(r, g, b, [0, 104, 55], 30))).toBeGreaterThan(2000);
    const gapPixels = countPixelsWhere(
      png,
      (r, g, b) => near(r, g, b, [200, 0, 0], 40) || near(r, g, b, [244, 178, 160], 30),
    );
    expect(gapPixels).toBeGreaterThan(100);
    await page.screenshot({ path: 'tests/artifacts/ministry-drill-down.png' });
    await page.getByTestId('province-detail').screenshot({ path: 'tests/artifacts/ministry-drill-down-detail.png' });
  });
});

describe('the ministry signing in', () => {
  it('lands on the national view, which computes by itself, with the country in view', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const ministry = await openApp(context);
    await ministry.getByTestId('tab-requests').click();
    await ministry.getByTestId('sign-in-username').fill('ministry');
    await ministry.getByTestId('sign-in-password').fill(inject('demoPassword'));
    await ministry.getByTestId('sign-in').click();
    // No click on "compute": the table of the 34 provinces arrives on its own, on the ministry's tab.
    await ministry.getByTestId('readiness-table').waitFor({ timeout: 120_000 });
    await expect(ministry.getByTestId('readiness-row').count()).resolves.toBe(34);
    await expect(ministry.getByTestId('tab-ministry').getAttribute('aria-selected')).resolves.toBe('true');
    await ministry.evaluate(() => window.cosite?.waitForMapIdle());
    const view = await ministry.evaluate(() => window.cosite?.view());
    expect(view?.zoom).toBeLessThan(7);
    // A target left empty is no target, not an error; a typed one with a decimal comma is taken.
    await expect(ministry.locator('[data-testid$=-error][role=alert]').count()).resolves.toBe(0);
    // The targets are the server's: each change is saved as a new version (after a short pause in typing).
    const savedVersion = async () =>
      Number(await ministry.getByTestId('targets-on-server').getAttribute('data-version', { timeout: 30_000 }));
    const first = await savedVersion();
    await ministry.getByTestId('target-tenancy_ratio').fill('1,5');
    await expect(ministry.getByTestId('target-tenancy_ratio-error').count()).resolves.toBe(0);
    await expect
      .poll(() => ministry.evaluate(() => window.cositeMinistry?.().targets))
      .toMatchObject({ tenancy_ratio: 1.5 });
    await expect.poll(savedVersion, { timeout: 15_000 }).toBe(first + 1);
    await ministry.getByTestId('target-tenancy_ratio').fill('');
    await expect.poll(savedVersion, { timeout: 15_000 }).toBe(first + 2);
    await ministry.getByTestId('target-coverage_4g_share').fill('97');
    await expect.poll(savedVersion, { timeout: 15_000 }).toBe(first + 3);
    await ministry.screenshot({ path: 'tests/artifacts/ministry-signed-in.png' });
    // A reload (the session goes on) brings the saved targets back from the server, not the defaults.
    await ministry.reload();
    await expect.poll(savedVersion, { timeout: 30_000 }).toBe(first + 3);
    const targets = await ministry.evaluate(() => window.cositeMinistry?.().targets);
    expect(targets).toMatchObject({ coverage_4g_share: 0.97 });
    expect(targets).not.toHaveProperty('tenancy_ratio');
    await expect(ministry.getByTestId('target-coverage_4g_share').inputValue()).resolves.toBe('97');
    await context.close();
  });
});
