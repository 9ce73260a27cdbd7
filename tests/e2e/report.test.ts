import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { computeFixedRadiusCoverage, summarizeCoverage } from '../../src/core/coverage/computeFixedRadiusCoverage';
import { SIGNAL_GAP_RGB, SIGNAL_PALETTES } from '../../src/core/coverage/signalImagePixels';
import { parseTowersCsv } from '../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { packTowers } from '../../src/core/model/towerArrays';
import { launchBrowser } from './launchBrowser';
import { countPixelsWhere } from './pixels';

/** The report legend's name for a covered cell, in Vietnamese. */
const COVERED_LEGEND_VI = 'Ô được phủ sóng';

const ARTIFACTS = 'tests/artifacts';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The text of every page and the number of images drawn, read back with PDF.js. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string; images: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  let images = 0;
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    text += `${content.items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
    const operators = await page.getOperatorList();
    images += operators.fnArray.filter((fn) => fn === pdfjs.OPS.paintImageXObject).length;
  }
  return { pages: document.numPages, text: text.replace(/\s+/g, ' '), images };
}

async function expectedCoverage() {
  const grid = await readPopulationGeoTiff(new Uint8Array(readFileSync('data/demo/population.tif')).buffer);
  const towers = packTowers(parseTowersCsv(readFileSync('data/demo/towers.csv', 'utf8')).towers);
  const bits = await computeFixedRadiusCoverage({
    grid,
    towers,
    defaultRadiusM: 2000,
    rowStart: 0,
    rowEnd: grid.height,
  });
  return summarizeCoverage(grid, bits, towers.operatorNames);
}

describe('the printable province report', () => {
  for (const [language, paper, orientation, phrases] of [
    [
      'vi',
      'A4',
      'landscape',
      [
        'Báo cáo quy hoạch hạ tầng viễn thông dùng chung',
        'TP Đà Nẵng',
        'Giả định và nguồn dữ liệu',
        'Phủ sóng theo nhà mạng',
        'Vị trí 5G dùng chung đề xuất',
        'Cơ hội dùng chung cột hiện có',
        'Hoàng Sa',
        // Opened by its address alone: the analyses are the province's defaults, and the report says so.
        'Báo cáo mở bằng địa chỉ, không từ ứng dụng',
      ],
    ],
    [
      'en',
      'A3',
      'portrait',
      [
        'Shared telecom infrastructure plan report',
        'TP Đà Nẵng',
        'Assumptions and data sources',
        'Coverage by operator',
        'Proposed shared 5G sites',
        'Co-location opportunities on existing masts',
        'Hoàng Sa',
        'A report opened by its address, not from the app',
      ],
    ],
  ] as const) {
    it(`makes a ${paper} ${orientation} PDF in ${language === 'vi' ? 'Vietnamese' : 'English'} with the map, tables and assumptions`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${inject('baseUrl')}?report=1&paper=${paper}&orientation=${orientation}&lang=${language}`);
      await page.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 120_000 });
      await page.screenshot({ path: `${ARTIFACTS}/report-${language}-${paper}-${orientation}.png`, fullPage: true });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(`${ARTIFACTS}/report-${language}-${paper}-${orientation}.pdf`, pdf);
      await page.close();

      const { pages, text, images } = await readPdf(new Uint8Array(pdf));
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(images).toBeGreaterThanOrEqual(1); // the 300 dpi map
      for (const phrase of phrases) expect(text).toContain(phrase);
      const summary = await expectedCoverage();
      const formatted = Math.round(summary.populationCovered).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB');
      expect(text).toContain(formatted);
      for (const operator of ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile']) expect(text).toContain(operator);
    });
  }

  it('opened from the app with no plan nor co-location on screen, prints neither of its own accord', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(inject('baseUrl'));
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-report').click()]);
    await report.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 120_000 });
    await expect(report.getByTestId('report-no-plan').textContent()).resolves.toContain('Chưa có quy hoạch');
    await expect(report.getByTestId('report-no-colocation').textContent()).resolves.toContain('Chưa phân tích');
    await expect(report.getByTestId('report-sites').count()).resolves.toBe(0);
    await expect(report.getByTestId('report-opportunities').count()).resolves.toBe(0);
    // The coverage is printed as always: the figures the overview shows.
    const summary = await expectedCoverage();
    const text = (await report.getByTestId('report').textContent()) ?? '';
    expect(text).toContain(Math.round(summary.populationCovered).toLocaleString('vi-VN'));
    // The coverage layer is drawn, so the legend names its colours.
    await expect(report.locator('.report-legend').textContent()).resolves.toContain(COVERED_LEGEND_VI);
    await report.close();
    // With the layer off the map draws no coverage, and the legend no longer names its colours.
    await page.getByTestId('toggle-coverage').uncheck();
    const [bare] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-report').click()]);
    await bare.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 120_000 });
    await expect(bare.locator('.report-legend').textContent()).resolves.not.toContain(COVERED_LEGEND_VI);
    await bare.close();
    await page.close();
  });

  it('prints the plan and the co-location as the screen computed them: its bound, method and sharing distance', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(inject('baseUrl'));
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('sharing-preset').selectOption('ha_noi');
    await page.getByTestId('run-colocation').click();
    await page.getByTestId('colocation-figures').waitFor({ timeout: 60_000 });
    const pairs = ((await page.getByTestId('pair-count').textContent()) ?? '').trim();
    await page.getByTestId('plan-sites').fill('6');
    await page.getByTestId('run-plan').click();
    await page.getByTestId('plan-figures').waitFor({ timeout: 120_000 });
    const gap = ((await page.getByTestId('plan-gap').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const newlyCovered = ((await page.getByTestId('plan-newly-covered').textContent()) ?? '').trim();
    // The panel changed after the run: the results say they are from before, and the report prints them as computed.
    await page.getByTestId('plan-sites').fill('2');
    await page.getByTestId('plan-stale').waitFor();
    await page.getByTestId('sharing-preset').selectOption('hai_duong');
    await page.getByTestId('colocation-stale').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/sharing-stale-vi.png` });
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-report').click()]);
    await report.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 180_000 });
    await report.screenshot({ path: `${ARTIFACTS}/report-plan-as-computed.png`, fullPage: true });
    const { text } = await readPdf(
      new Uint8Array(await report.pdf({ preferCSSPageSize: true, printBackground: true })),
    );
    expect(text).toContain(`Dân có thêm ít nhất một nhà mạng phủ sóng: ${newlyCovered}`);
    expect(text).toContain(`Cách tối ưu ${gap.replace('≤ ', '≤ ').split(' (')[0]}`);
    expect(text).toContain('tham lam + tìm kiếm cục bộ, cận Lagrange');
    expect(text).not.toContain('Vị trí do người lập quy hoạch đặt');
    expect(text).toContain(`(Hà Nội 100/500 m): ${pairs}`);
    await report.close();
    await page.close();
  });

  it('prints the coverage and the plan on the radius the screen computed them with, and the screen says when it moved', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(inject('baseUrl'));
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    // The demo's masts without their radius column, as operators' lists come: the coverage tab's radius then decides
    // what they cover, for the coverage, the opportunities and the plan alike.
    const lines = readFileSync('data/demo/towers.csv', 'utf8').trim().split(/\r?\n/);
    const radiusColumn = lines[0].split(',').indexOf('radius_m');
    const csv = lines
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== radiusColumn)
          .join(','),
      )
      .join('\n');
    await page.getByTestId('import-file').setInputFiles({
      name: 'cot-khong-ban-kinh.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await page.getByTestId('merge-replaceOperator').check();
    await page.getByTestId('apply-import').click();
    await page.getByTestId('import-applied').waitFor({ timeout: 60_000 });
    await page.getByTestId('close-import').click();
    await page.waitForFunction(() => window.cosite?.state().dataset?.towers.every((tower) => tower.radiusM === null));

    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('coverage-defaultRadiusM').fill('3000');
    await page.getByTestId('run-coverage').click();
    await page.getByTestId('covered-any').waitFor({ timeout: 60_000 });
    const covered = ((await page.getByTestId('covered-any').textContent()) ?? '').trim();
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('plan-sites').fill('6');
    await page.getByTestId('run-plan').click();
    await page.getByTestId('plan-figures').waitFor({ timeout: 120_000 });
    const newlyCovered = ((await page.getByTestId('plan-newly-covered').textContent()) ?? '').trim();
    const gap = ((await page.getByTestId('plan-gap').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    // Back to 2,000 m: the coverage and the plan say they were computed on another radius.
    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('coverage-defaultRadiusM').fill('2000');
    await expect(page.getByTestId('coverage-stale').textContent()).resolves.toContain('3.000 m');
    await page.screenshot({ path: `${ARTIFACTS}/coverage-radius-stale-vi.png` });
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('plan-stale').waitFor();
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-report').click()]);
    await report.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 180_000 });
    const { text } = await readPdf(
      new Uint8Array(await report.pdf({ preferCSSPageSize: true, printBackground: true })),
    );
    expect(text).toContain(covered);
    expect(text).toContain('3.000 m');
    expect(text).toContain(`Dân có thêm ít nhất một nhà mạng phủ sóng: ${newlyCovered}`);
    expect(text).toContain(`Cách tối ưu ${gap.split(' (')[0]}`);
    expect(text).not.toContain('Vị trí do người lập quy hoạch đặt');
    await report.close();
    await page.close();
  });

  it('prints the propagation coverage computed in the app, with its settings, and the proposed sites on the map', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(inject('baseUrl'));
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('mode-signal').click();
    await page.getByTestId('signal-terrain').check();
    // Viettel's EIRP set by the planner: the report names it, and the operators left at the presets.
    await page.getByTestId('link-budget').locator('xpath=ancestor::details').locator('summary').click();
    await page.getByTestId('eirp-Viettel').fill('64,5');
    await page.getByTestId('run-signal').click();
    await page.waitForFunction(() => window.cosite?.state().signalRun.status === 'done', undefined, {
      timeout: 180_000,
      polling: 200,
    });
    const covered = (await page.getByTestId('covered-any').textContent()) ?? '';
    // The terrain turned off after the run: the panel says its figures are from before, and the report prints the
    // run as computed (over the terrain), not the panel's new settings.
    await page.getByTestId('signal-terrain').uncheck();
    await page.getByTestId('signal-stale').waitFor();
    await expect(page.getByTestId('covered-any').textContent()).resolves.toBe(covered);
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-report').click()]);
    await report.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 180_000 });
    await report.screenshot({ path: `${ARTIFACTS}/report-signal-terrain.png`, fullPage: true });
    const pdf = await report.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(`${ARTIFACTS}/report-signal-terrain.pdf`, pdf);
    const { text } = await readPdf(new Uint8Array(pdf));
    // The figure the panel showed, the mode, model, threshold and terrain of that run; not the fixed-radius figure.
    expect(text).toContain(covered.trim());
    expect(text).toContain('Phủ sóng theo nhà mạng (mô hình truyền sóng, RSRP)');
    expect(text).toContain('UMa NLOS (38.901, đô thị vĩ mô)');
    expect(text).toContain('nhiễu xạ Bullington (ITU-R P.526-15)');
    expect(text).toContain('-110');
    expect(text).toContain(
      'EIRP do người lập quy hoạch đặt: Viettel 64,5 dBm; các nhà mạng khác theo cấu hình băng tần mặc định',
    );
    expect(text).not.toContain('Báo cáo mở bằng địa chỉ');
    const fixed = Math.round((await expectedCoverage()).populationCovered).toLocaleString('vi-VN');
    expect(text).not.toContain(fixed);
    // The map and its legend are the screen's: the RSRP bins in the project's palette and the gap colour, not the
    // fixed-radius covered/gap pair.
    expect(text).toContain('≥ -60 dBm');
    expect(text).toContain('-110 … -100 dBm');
    const mapPng = await report.locator('.report-map img').screenshot();
    // Cells are drawn at alpha 190/255 over the province's fill (#fbfaf6).
    const blend = (rgb: readonly number[]) => rgb.map((c, i) => c * (190 / 255) + [251, 250, 246][i] * (1 - 190 / 255));
    const near = (r: number, g: number, b: number, want: number[]) =>
      Math.abs(r - want[0]) < 12 && Math.abs(g - want[1]) < 12 && Math.abs(b - want[2]) < 12;
    const binColours = SIGNAL_PALETTES.spectral.map(blend);
    const inBins = countPixelsWhere(mapPng, (r, g, b) => binColours.some((want) => near(r, g, b, want)));
    const inGap = countPixelsWhere(mapPng, (r, g, b) => near(r, g, b, blend(SIGNAL_GAP_RGB)));
    const fixedGreen = countPixelsWhere(mapPng, (r, g, b) =>
      near(
        r,
        g,
        b,
        [0, 140, 70].map((c, i) => c * 0.45 + [251, 250, 246][i] * 0.55),
      ),
    );
    console.log(
      `report map in signal mode: ${inBins} px in the signal bins, ${inGap} px of gap, ${fixedGreen} px of fixed green`,
    );
    // (The masts are drawn over the cells; at the report's scale they hide most of the served halos around them.)
    expect(inBins).toBeGreaterThan(200);
    expect(inGap).toBeGreaterThan(500);
    expect(fixedGreen).toBeLessThan(inBins / 10);
    await report.close();
    await page.close();
  });
});
