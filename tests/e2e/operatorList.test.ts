import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTowerFile } from '../../src/core/io/readTowerFile';
import { readXlsxRows } from '../../src/core/io/readXlsxRows';
import { type Tower, towerTenantCount } from '../../src/core/model/tower';
import { haversineByDefinition } from '../unit/oracles/haversineByDefinition';
import { launchBrowser } from './launchBrowser';
import { openApp, signIn } from './signIn';

// A realistic operator list (tests/fixtures/towers/makeOperatorList.ts): Vietnamobile's 50 stations in Đà Nẵng, ';' and
// decimal commas, Vietnamese headers, mast types in words, a tenants count, 6 VN-2000 rows among GPS rows, a (0, 0)
// row, a broken longitude, a swapped pair, a duplicated id; a height, a mast type and a count that do not parse.
const FIXTURE = 'tests/fixtures/towers/operator_list_vnm.csv';
const expectedRows = readFileSync('tests/fixtures/towers/operator_list_vnm.expected.txt', 'utf8').trim().split('\n');
const demoTowers = readFileSync('data/demo/towers.csv', 'utf8').trim().split(/\r?\n/);
const operatorColumn = demoTowers[0].split(',').indexOf('operator');
const demoCount = (operator: string) =>
  demoTowers.slice(1).filter((line) => line.split(',')[operatorColumn] === operator).length;

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

/** Signs in and comes back to the overview tab, where the import is. */
async function signInToOverview(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.getByTestId('tab-overview').click();
}

const towerIds = (page: Page) =>
  page.evaluate(() => window.cosite?.state().dataset?.towers.map((tower) => tower.id) ?? []);

describe("an operator's own station list", () => {
  it('keeps every good row, warns about unclear values, keeps the other operators’ masts, and is there after a reload and elsewhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await openApp(context);
    await signInToOverview(page, 'vietnamobile');

    await page.getByTestId('import-file').setInputFiles(FIXTURE);
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    for (const [field, column] of [
      ['id', 'Mã trạm'],
      ['operator', 'Nhà mạng'],
      ['lon', 'Kinh độ'],
      ['lat', 'Vĩ độ'],
      ['mast_type', 'Loại cột'],
      ['tenants', 'Số nhà mạng dùng chung'],
    ]) {
      await expect(page.getByTestId(`map-${field}`).inputValue()).resolves.toBe(column);
    }
    // Some rows are VN-2000 metres: the planner names the zone (Đà Nẵng, central meridian 107°45′).
    await page.getByTestId('import-crs').selectOption('vn2000:107.75');
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('46');
    await expect(page.getByTestId('import-rejected').textContent()).resolves.toBe('4');
    await expect(page.getByTestId('import-warned').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('import-crs-counts').textContent()).resolves.toMatch(
      /40 dòng WGS 84.*6 dòng tọa độ phẳng/,
    );
    // Every problem row, in Vietnamese, with its line in the file (as a spreadsheet numbers it: the header is line 1).
    const problems = await page.locator('[data-testid=import-problems] li').allTextContents();
    expect(problems.find((text) => text.startsWith('Dòng 14'))).toContain('(0, 0)');
    expect(problems.find((text) => text.startsWith('Dòng 22'))).toContain('không phải là số');
    expect(problems.find((text) => text.startsWith('Dòng 30'))).toContain('bị đảo');
    expect(problems.find((text) => text.startsWith('Dòng 38'))).toContain('trùng');
    expect(problems.find((text) => text.startsWith('Dòng 6 '))).toContain('khoảng 30');
    expect(problems.find((text) => text.startsWith('Dòng 12'))).toContain('Khác');
    // The same rows in English, with nothing left in Vietnamese (the reasons are worded from codes, not copied). The
    // dialog is modal, so the switch behind it is clicked by script.
    await page.getByTestId('language-switch').dispatchEvent('click');
    const english = await page.locator('[data-testid=import-problems] li').allTextContents();
    expect(english).toHaveLength(problems.length);
    expect(english.find((text) => text.startsWith('Row 14'))).toContain('(0, 0)');
    // Values quoted from the file ('khoảng 30') stay as they were written.
    for (const text of english) expect(text.replace(/'[^']*'/g, "''")).not.toMatch(/Dòng|không|trùng|đảo|khoảng|Khác/);
    await page.getByTestId('language-switch').dispatchEvent('click');
    await expect(page.getByTestId('import-problems').textContent()).resolves.toContain('Dòng 14');
    // The file mixes GPS and VN-2000 rows: nothing is applied until the planner confirms the split.
    await expect(page.getByTestId('apply-import').isDisabled()).resolves.toBe(true);
    await page.getByTestId('confirm-mixed-crs').check();
    await page.screenshot({ path: 'tests/artifacts/import-operator-list-review.png', fullPage: true });

    // The rows to fix, as a CSV with the file's own columns and the reasons.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-problems').click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const csvLines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csvLines[0]).toBe(
      'Mã trạm;Tên trạm;Nhà mạng;Kinh độ;Vĩ độ;Độ cao cột (m);Loại cột;Số nhà mạng dùng chung;Địa chỉ;Tình trạng;Dòng;Vấn đề',
    );
    expect(csvLines).toHaveLength(1 + 4 + 3);
    expect(csvLines.find((line) => line.startsWith('VNM-DNG-013;'))).toMatch(/;bị loại;14;/);

    // "Khác" means nothing to the word list: the planner says it is a rooftop tower, and the counts update in place.
    await page.getByTestId('value-mast_type-khac').selectOption('A2a');
    await expect.poll(() => page.getByTestId('import-warned').textContent(), { timeout: 30_000 }).toBe('2');

    // One operator in the file: replacing Vietnamobile's masts is proposed; the others' are untouched.
    await expect(page.getByTestId('merge-replaceOperator').isChecked()).resolves.toBe(true);
    const vietnamobile = demoCount('Vietnamobile');
    await expect(page.getByTestId('merge-diff').textContent()).resolves.toContain(
      `thêm 46 · thay đổi 0 · xóa ${vietnamobile}`,
    );
    // It removes more masts than the file brings: applying waits for the planner to confirm the removals.
    expect(vietnamobile).toBeGreaterThan(46);
    await expect(page.getByTestId('apply-import').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('removals-warning').textContent()).resolves.toContain(
      `${vietnamobile} cột của Vietnamobile không có trong tệp sẽ bị xóa`,
    );
    await page.getByTestId('confirm-removals').check();
    await page.getByTestId('apply-import').click();
    await page.getByTestId('import-server-saved').waitFor({ timeout: 60_000 });
    await page.getByTestId('close-import').click();

    // The map shows the server's masts: Vietnamobile's demo masts are gone but for any another operator has requested
    // (the server keeps those), every other operator's are all there.
    await page.waitForFunction(
      (n) => window.cosite?.state().dataset?.towers.filter((tower) => tower.id.startsWith('VNM-DNG-')).length === n,
      46,
    );
    for (const name of ['Viettel', 'VinaPhone', 'MobiFone']) {
      await expect(page.getByTestId(`tower-count-${name}`).textContent()).resolves.toBe(
        new Intl.NumberFormat('vi-VN').format(demoCount(name)),
      );
    }
    const counts = await page.evaluate(() => {
      const towers = window.cosite?.state().dataset?.towers ?? [];
      return { total: towers.length, vietnamobile: towers.filter((tower) => tower.operator === 'Vietnamobile').length };
    });
    const keptWithRequests = counts.vietnamobile - 46;
    expect(keptWithRequests).toBeGreaterThanOrEqual(0);
    expect(keptWithRequests).toBeLessThan(5);
    const total = counts.total;
    expect(total).toBe(demoTowers.length - 1 - vietnamobile + 46 + keptWithRequests);
    const imported = await page.evaluate(() =>
      window.cosite?.state().dataset?.towers.filter((tower) => tower.id.startsWith('VNM-DNG-')),
    );
    // The VN-2000 rows land where the generator put them (within 1 m), read in the same file as the GPS rows.
    for (const line of expectedRows.filter((row) => row.includes('vn2000'))) {
      const [, id, , lon, lat] = line.split(' ');
      const tower = imported?.find((candidate) => candidate.id === id);
      if (!tower) throw new Error(`${id} was not imported`);
      expect(haversineByDefinition(tower.lon, tower.lat, Number(lon), Number(lat))).toBeLessThan(1);
    }
    // Mast types from words ("Cột dây co", 46 m: a ground mast up to 50 m, A2b). The tenants column is a count (2):
    // on the server an operator's file claims no more sharing than the register records, as for names.
    const first = imported?.find((tower) => tower.id === 'VNM-DNG-001');
    expect(first).toMatchObject({ operator: 'Vietnamobile', mastType: 'A2b', tenants: ['Vietnamobile'] });
    expect(first?.tenantCount ?? null).toBeNull();
    expect(imported?.find((tower) => tower.id === 'VNM-DNG-011')?.mastType).toBe('A2a');
    expect(imported?.every((tower) => tower.source?.name === 'operator_list_vnm.csv')).toBe(true);
    await expect(page.getByTestId('tower-sources').textContent()).resolves.toContain('operator_list_vnm.csv');

    // A reload brings it back (signed in: from the server; the browser keeps a copy too).
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.waitForFunction((n) => window.cosite?.state().dataset?.towers.length === n, total, { timeout: 60_000 });
    expect(await towerIds(page)).toContain('VNM-DNG-048');

    // The whole list as Excel: every operator's masts, which read back as the same masts, each with its source.
    await page.getByTestId('mast-export-format').selectOption('xlsx');
    await page.screenshot({ path: 'tests/artifacts/mast-list-export.png' });
    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mast-export-button').click()]);
    expect(excel.suggestedFilename()).toBe('cosite-VN25-masts.xlsx');
    const workbook = readFileSync((await excel.path()) ?? '');
    const back = await readTowerFile(workbook, 'cosite-VN25-masts.xlsx');
    expect(back.rejected).toEqual([]);
    const onMap = (await page.evaluate(() => window.cosite?.state().dataset?.towers)) ?? [];
    expect(back.towers.map((tower) => tower.id)).toEqual(onMap.map((tower) => tower.id));
    // A count of operators equal to the named ones says nothing more: compared as the operators on the mast.
    const strip = ({ source: _source, tenantCount: _count, ...tower }: Tower) => tower;
    expect(back.towers.map(strip)).toEqual(onMap.map(strip));
    expect(back.towers.map(towerTenantCount)).toEqual(onMap.map(towerTenantCount));
    const rows = await readXlsxRows(workbook);
    const header = rows.rows[0].values.map(String);
    const sourceOf = (id: string) =>
      rows.rows.find((row) => row.values[header.indexOf('id')] === id)?.values[header.indexOf('source')];
    expect(sourceOf('VNM-DNG-001')).toBe('operator_list_vnm.csv');
    const viettelId = onMap.find((tower) => tower.operator === 'Viettel')?.id ?? '';
    expect(String(sourceOf(viettelId))).toMatch(/^synthetic: /);
    // Numbers are numbers in the workbook (Excel in Vietnamese then shows decimal commas itself).
    expect(typeof rows.rows[1].values[header.indexOf('lon')]).toBe('number');

    // The report prints where the masts come from: the imported file beside the demo's synthetic masts.
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-report').click()]);
    await report.waitForFunction(() => window.cositeReportReady === true, undefined, { timeout: 120_000 });
    const reportText = (await report.getByTestId('report').textContent()) ?? '';
    expect(reportText).toContain('operator_list_vnm.csv');
    expect(reportText).toMatch(/giả lập|synthetic/i);
    await report.close();

    // Signing in elsewhere (another browser profile, the province's planner) shows the operator's masts too.
    const elsewhere = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(elsewhere);
    const planner = await openApp(elsewhere);
    await signInToOverview(planner, 'vn25-planner');
    await planner.waitForFunction((n) => window.cosite?.state().dataset?.towers.length === n, total, {
      timeout: 60_000,
    });
    const plannerIds = await towerIds(planner);
    expect(plannerIds).toContain('VNM-DNG-001');
    expect(plannerIds.filter((id) => id.startsWith('VNM-DNG-'))).toHaveLength(46);
  });

  it("keeps an operator's own masts from an export that lists the neighbours' too, and says which rows it left out", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await openApp(context);
    await signInToOverview(page, 'viettel');
    const before = await towerIds(page);
    // Viettel's export: two of its stations and, between them, a VinaPhone mast nearby (as an export lists them).
    const csv = [
      'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ',
      'VTL-EXP-1;Viettel;108,2011;16,0511',
      'VNP-EXP-9;VinaPhone;108,2022;16,0522',
      'VTL-EXP-2;Viettel;108,2033;16,0533',
    ].join('\r\n');
    await page.getByTestId('import-file').setInputFiles({
      name: 'tram-viettel.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('import-rejected').textContent()).resolves.toBe('1');
    const problems = await page.locator('[data-testid=import-problems] li').allTextContents();
    expect(problems).toEqual([
      expect.stringMatching(
        /^Dòng 3 .*cột của VinaPhone \(mã 'VNP-EXP-9'\): tài khoản nhà mạng Viettel chỉ nhập cột của mình/,
      ),
    ]);
    await page.getByTestId('merge-add').check();
    await page.getByTestId('apply-import').click();
    await page.getByTestId('import-server-saved').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-applied').textContent()).resolves.not.toContain('trình duyệt');
    await page.screenshot({ path: 'tests/artifacts/import-operator-own-masts.png' });
    await page.getByTestId('close-import').click();
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.waitForFunction(
      () => window.cosite?.state().dataset?.towers.some((tower) => tower.id === 'VTL-EXP-2'),
      undefined,
      { timeout: 60_000 },
    );
    const after = await towerIds(page);
    expect(after).toContain('VTL-EXP-1');
    expect(after).not.toContain('VNP-EXP-9');
    // Adding: every mast there before is still there.
    expect(before.filter((id) => !after.includes(id))).toEqual([]);
  });

  it("reads an operator's own list that names no operator as the account's, and saves it on the server", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await openApp(context);
    await signInToOverview(page, 'mobifone');
    // MobiFone's own export: station codes, names and positions in degrees, minutes and seconds; no operator column.
    const csv = [
      'Mã trạm;Tên trạm;Kinh độ;Vĩ độ;Công nghệ',
      `MBF-OWN-1;Hải Châu;108°12'36"E;16°03'18"B;4G/5G`,
      `MBF-OWN-2;Ngũ Hành Sơn;108°14'24"E;16°00'36"B;2G/3G/4G`,
      // Another station (its own code) at MBF-OWN-1's site: the same mast.
      `MBF-OWN-1-NR;Hải Châu 5G;108°12'36"E;16°03'18"B;5G`,
    ].join('\r\n');
    await page.getByTestId('import-file').setInputFiles({
      name: 'tram-mobifone.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    // No operator column is needed; the technology column is recognised.
    await expect(page.getByTestId('map-technology').inputValue()).resolves.toBe('Công nghệ');
    await expect(page.getByTestId('confirm-import').isDisabled()).resolves.toBe(false);
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('import-dialog').textContent()).resolves.toContain(
      'mọi dòng được coi là trạm của MobiFone',
    );
    await expect(page.getByTestId('import-dialog').textContent()).resolves.toContain(
      '1 dòng là các trạm khác (mã khác, cùng nhà mạng) của một cột đã có ở trên, cách không quá 5 m: đã gộp vào cột ' +
        'đó thành một vị trí (thêm công nghệ, sector và băng tần): MBF-OWN-1-NR (dòng 4) → MBF-OWN-1',
    );
    // A register with approximate positions keeps its rows apart: the choice reads the file again, and back.
    await page.getByTestId('keep-station-rows').check();
    await page.waitForFunction(() => document.querySelector('[data-testid=import-accepted]')?.textContent === '3');
    await page.getByTestId('keep-station-rows').uncheck();
    await page.waitForFunction(() => document.querySelector('[data-testid=import-accepted]')?.textContent === '2');
    await page.getByTestId('merge-add').check();
    await page.getByTestId('apply-import').click();
    await page.getByTestId('import-server-saved').waitFor({ timeout: 60_000 });
    await page.getByTestId('close-import').click();
    const own = await page.evaluate(() =>
      window.cosite?.state().dataset?.towers.filter((tower) => tower.id.startsWith('MBF-OWN-')),
    );
    // 108°12'36" = 108.21, 16°03'18" = 16.055 (by hand).
    expect(own?.map((tower) => [tower.id, tower.operator])).toEqual([
      ['MBF-OWN-1', 'MobiFone'],
      ['MBF-OWN-2', 'MobiFone'],
    ]);
    const expected = [
      [108.21, 16.055],
      [108.24, 16.01],
    ];
    own?.forEach((tower, i) => {
      expect(tower.lon).toBeCloseTo(expected[i][0], 9);
      expect(tower.lat).toBeCloseTo(expected[i][1], 9);
    });
    // The technology column on the server's register: 5G on the first mast, 4G without 5G on the second.
    const onServer = await page.evaluate(async () => {
      const answer = await fetch('/api/provinces/VN25/masts?operator=MobiFone&limit=10000');
      const { masts } = (await answer.json()) as { masts: { id: string; has4g: unknown; tenants5g: unknown }[] };
      return masts
        .filter((mast) => mast.id.startsWith('MBF-OWN-'))
        .map((mast) => [mast.id, mast.has4g, mast.tenants5g]);
    });
    expect(onServer).toEqual([
      ['MBF-OWN-1', true, ['MobiFone']],
      ['MBF-OWN-2', true, []],
    ]);
    // And back on the map from the server after a reload.
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.waitForFunction(
      () => window.cosite?.state().dataset?.towers.some((tower) => tower.id === 'MBF-OWN-1'),
      undefined,
      { timeout: 60_000 },
    );
    const reloaded = await page.evaluate(() =>
      window.cosite
        ?.state()
        .dataset?.towers.filter((tower) => tower.id.startsWith('MBF-OWN-'))
        .map((tower) => [tower.id, tower.source?.kind, tower.has4g, tower.tenants5g]),
    );
    expect(reloaded).toEqual([
      ['MBF-OWN-1', 'server', true, ['MobiFone']],
      ['MBF-OWN-2', 'server', true, []],
    ]);
  });

  it('says before sending that a list longer than the server takes must be split, and sends nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await openApp(context);
    await signInToOverview(page, 'mobifone');
    // 200,001 of MobiFone's masts, 100 m apart (no two at one site): one more than the server takes per import.
    const rows = ['ma_tram,kinh_do,vi_do'];
    for (let i = 0; i < 200_001; i++) {
      rows.push(
        `BIG-${i},${(107.9 + (i % 500) * 0.001).toFixed(3)},${(15.9 + Math.floor(i / 500) * 0.001).toFixed(3)}`,
      );
    }
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/masts/import')) sent.push(request.url());
    });
    await page.getByTestId('import-file').setInputFiles({
      name: 'mobifone-200001.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('200.001');
    await expect(page.getByTestId('import-over-server-limit').textContent()).resolves.toBe(
      'Tệp có 200.001 cột. Máy chủ nhận tối đa 200.000 cột mỗi lần nhập: hãy chia tệp (theo nhà mạng hoặc theo ' +
        'khu vực) rồi nhập từng phần, ở chế độ thay cột của nhà mạng cho trọn danh sách một nhà mạng, ở chế độ thêm ' +
        'cho từng phần của một danh sách.',
    );
    await expect(page.getByTestId('apply-import').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: 'tests/artifacts/import-over-server-limit-vi.png' });
    // Pressed anyway (a disabled button takes no click): nothing goes to the server.
    await page.getByTestId('apply-import').click({ force: true });
    await page.waitForTimeout(1_000);
    expect(sent).toEqual([]);
  });
});
