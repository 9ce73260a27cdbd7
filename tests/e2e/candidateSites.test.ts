import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseLinesGeoJson } from '../../src/core/geo/parseLinesGeoJson';
import { parseCandidatesCsv } from '../../src/core/io/parseCandidatesCsv';
import { parseTowersCsv } from '../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { packMastAttributes } from '../../src/core/model/mastAttributes';
import { packTowers } from '../../src/core/model/towerArrays';
import { buildSitePlanRequest, type SitePlanSettings } from '../../src/core/siting/buildSitePlanRequest';
import { planSharedSites } from '../../src/core/siting/planSharedSites';
import { launchBrowser } from './launchBrowser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  await page.getByTestId('tab-sharing').click();
});
afterAll(async () => {
  await browser?.close();
});

/** The app's plan settings (sharingStore's defaults) with 4 sites by plain greedy. */
const SETTINGS: SitePlanSettings = {
  operators: ['Viettel', 'VinaPhone', 'MobiFone'],
  weighting: 'people_x_operators',
  siteRadiusM: 1500,
  sites: 4,
  solver: 'greedy',
  defaultRadiusM: 2000,
  maxBackboneDistanceM: null,
  useSpacingRule: true,
  exclusionZones: [],
};

async function demoData() {
  const population = await readPopulationGeoTiff(new Uint8Array(readFileSync('data/demo/population.tif')).buffer);
  const parsed = parseTowersCsv(readFileSync('data/demo/towers.csv', 'utf8'));
  return {
    population,
    towers: packTowers(parsed.towers),
    masts: packMastAttributes(parsed.towers),
    backbone: parseLinesGeoJson(readFileSync('data/demo/backbone.geojson', 'utf8')),
  };
}

describe("the province's own candidate sites", () => {
  it('reads a messy list (Vietnamese headers, ; and decimal commas, a broken row) and plans on it alone', async () => {
    // The list: where the default plan would build new masts (so they matter), and a few places with no one around,
    // written as a Vietnamese office's Excel exports them.
    const data = await demoData();
    const lattice = await planSharedSites(buildSitePlanRequest({ ...SETTINGS, sites: 6 }, data));
    const newSites = lattice.sites.filter((site) => site.kind !== 'existing_mast');
    expect(newSites.length).toBeGreaterThanOrEqual(4);
    const comma = (value: number) => value.toFixed(5).replace('.', ',');
    const rows = [
      ...newSites.map((site, i) => `UV-${i + 1};${comma(site.lon)};${comma(site.lat)};${i === 0 ? '45' : ''}`),
      'UV-X1;107,90000;15,60000;30',
      'UV-X2;107,95000;abc;',
      'UV-X3;108,00000;15,65000;cao',
    ];
    const csv = `\uFEFFMã trạm;Kinh độ;Vĩ độ;Chiều cao (m)\r\n${rows.join('\r\n')}\r\n`;
    const folder = mkdtempSync(path.join(tmpdir(), 'cosite-candidates-'));
    const file = path.join(folder, 'ung-vien-tinh.csv');
    writeFileSync(file, csv);

    await page.getByTestId('plan-sites').fill('4');
    await page.getByTestId('plan-solver').selectOption('greedy');
    await page.getByTestId('candidate-file').setInputFiles(file);
    const summary = page.getByTestId('candidate-file-summary');
    await expect(summary.textContent()).resolves.toBe(
      `ung-vien-tinh.csv: ${newSites.length + 2} vị trí ứng viên · 1 dòng bị loại`,
    );
    const problems = await page.locator('[data-testid=candidate-problems] li').allTextContents();
    // Named by the file's line (as a spreadsheet numbers it: the header is line 1), UV-X2 after the sites and UV-X1.
    const brokenRow = newSites.length + 3;
    expect(problems).toEqual([
      `Dòng ${brokenRow} (vĩ độ): vĩ độ không phải là số: 'abc'`,
      `Dòng ${brokenRow + 1} (độ cao cột): độ cao cột có giá trị không đọc được (cao): để trống`,
    ]);
    await page.getByTestId('lattice-candidates').uncheck();
    await page.getByTestId('run-plan').click();
    await page.getByTestId('plan-figures').waitFor({ timeout: 120_000 });
    const plan = (await page.evaluate(() => window.cositeSharing?.())) as {
      sites: Array<{ id: string; kind: string }>;
      populationNewlyCovered: number;
    } | null;
    // Only the list's sites and existing masts; the same plan as the core's on the same list in Node.
    const expected = await planSharedSites(
      buildSitePlanRequest(
        { ...SETTINGS, candidateSites: parseCandidatesCsv(csv).sites, latticeCandidates: false },
        data,
      ),
    );
    expect(plan?.sites.map((site) => site.id)).toEqual(expected.sites.map((site) => site.id));
    expect(plan?.populationNewlyCovered).toBeCloseTo(expected.populationNewlyCovered, 6);
    expect(plan?.sites.every((site) => site.kind === 'existing_mast' || site.id.startsWith('UV-'))).toBe(true);
    expect(plan?.sites.some((site) => site.id.startsWith('UV-'))).toBe(true);
    await page.getByTestId('candidate-sites').screenshot({ path: 'tests/artifacts/candidate-sites.png' });
  });
});
