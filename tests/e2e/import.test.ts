import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operatorColorRgb } from '../../src/core/model/operators';
import { launchBrowser } from './launchBrowser';
import { countPixelsNear } from './pixels';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
});
afterAll(async () => {
  await browser?.close();
});

const demoTowers = readFileSync('data/demo/towers.csv', 'utf8').trim().split(/\r?\n/);
const operatorColumn = demoTowers[0].split(',').indexOf('operator');
function demoCount(operator: string): number {
  return demoTowers.slice(1).filter((line) => line.split(',')[operatorColumn] === operator).length;
}

// An operator's list as Excel writes it in Vietnam: ";" between fields, decimal commas, Vietnamese headers, one
// operator given by its MCC-MNC code, a row with a broken longitude and a duplicated site name.
const CSV = [
  'Tên trạm;Nhà mạng;Kinh độ;Vĩ độ;Độ cao cột (m)',
  'DN-001;Viettel;108,2100;16,0600;30',
  'DN-002;VinaPhone;108,2200;16,0700;25',
  'DN-003;MobiFone;abc;16,0800;20',
  'DN-004;452-05;108,2300;16,0500;35',
  'DN-002;Viettel;108,2400;16,0400;20',
].join('\r\n');

describe('importing a tower list through the mapping dialog', () => {
  it('proposes the columns, names each bad row, and shows the imported towers on the map', async () => {
    await page.getByTestId('import-file').setInputFiles({
      name: 'tram-da-nang.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8'),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('map-id').inputValue()).resolves.toBe('Tên trạm');
    await expect(page.getByTestId('map-operator').inputValue()).resolves.toBe('Nhà mạng');
    await expect(page.getByTestId('map-lon').inputValue()).resolves.toBe('Kinh độ');
    await expect(page.getByTestId('map-lat').inputValue()).resolves.toBe('Vĩ độ');
    await expect(page.getByTestId('preview-rows').textContent()).resolves.toContain('DN-004');
    await expect(page.getByTestId('preview-format').textContent()).resolves.toBe(
      'CSV · utf-8 · dấu phân cách ";" · dấu phẩy thập phân',
    );
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('import-rejected').textContent()).resolves.toBe('2');
    const problems = await page.locator('[data-testid=import-problems] li').allTextContents();
    // Named by their lines in the file (the header is line 1): DN-003 on line 4, the second DN-002 on line 6, whose
    // first is on line 3.
    expect(problems.find((text) => text.startsWith('Dòng 4 '))).toMatch(/kinh độ/);
    expect(problems.find((text) => text.startsWith('Dòng 6 '))).toMatch(/DN-002.*dòng 3$/);
    // Three operators in the file: update by id is proposed (nothing removed), and the diff says so.
    await expect(page.getByTestId('merge-updateById').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('merge-diff').textContent()).resolves.toMatch(/thêm 3 .*xóa 0/);
    // Replacing the three operators' masts would remove theirs and keep MobiFone's.
    await page.getByTestId('merge-replaceOperator').check();
    // Thousands of masts removed for 3 rows: applying waits for the planner to confirm it.
    await expect(page.getByTestId('apply-import').isDisabled()).resolves.toBe(true);
    await page.getByTestId('confirm-removals').check();
    await page.getByTestId('apply-import').click();
    await page.getByTestId('import-applied').waitFor();
    await page.getByTestId('close-import').click();

    await page.waitForFunction(() => window.cosite?.state().dataset?.towersAreSynthetic === false);
    await expect(page.getByTestId('synthetic-banner').textContent()).resolves.toContain('tram-da-nang.csv');
    const mobifone = demoCount('MobiFone');
    for (const [name, count] of [
      ['Viettel', 1],
      ['VinaPhone', 1],
      ['Vietnamobile', 1],
      ['MobiFone', mobifone],
    ] as const) {
      await expect(page.getByTestId(`tower-count-${name}`).textContent()).resolves.toBe(
        new Intl.NumberFormat('vi-VN').format(count),
      );
    }
    await page.waitForFunction((n) => window.cosite?.state().dataset?.towers.length === n, 3 + mobifone);
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    await page.evaluate(() => window.cosite?.jumpTo(108.22, 16.06, 12));
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    const png = await page.locator('[data-testid=map]').screenshot();
    await page.screenshot({ path: 'tests/artifacts/app-imported.png' });
    for (const name of ['Viettel', 'VinaPhone', 'Vietnamobile']) {
      expect(countPixelsNear(png, operatorColorRgb(name))).toBeGreaterThan(10);
    }
    // MobiFone's demo masts stay (synthetic, and said so beside the file's).
    expect(countPixelsNear(png, operatorColorRgb('MobiFone'))).toBeGreaterThan(10);
    await expect(page.getByTestId('tower-sources').textContent()).resolves.toMatch(/giả lập/);
    // The inspect panel names each mast's source: the file for the imported one.
    const importedIndex = await page.evaluate(() =>
      window.cosite?.state().dataset?.towers.findIndex((tower) => tower.id === 'DN-001'),
    );
    await page.evaluate((index) => window.cosite?.select(index ?? null), importedIndex);
    await expect(page.getByTestId('inspect-source').textContent()).resolves.toContain('tram-da-nang.csv');

    // Not signed in: the browser keeps the import, and a reload brings it back.
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.waitForFunction((n) => window.cosite?.state().dataset?.towers.length === n, 3 + mobifone);
    // Back to the demo masts on request.
    await page.getByTestId('restore-demo-masts').click();
    await page.waitForFunction((n) => window.cosite?.state().dataset?.towers.length === n, demoTowers.length - 1);
    await page.waitForFunction(() => window.cosite?.state().dataset?.towersAreSynthetic === true);
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    expect(await page.evaluate(() => window.cosite?.state().dataset?.towers.length)).toBe(demoTowers.length - 1);
  });
});

describe("the import dialog's notes and refusals in Vietnamese", () => {
  it('words the encoding, unused columns, a misnamed workbook and a refused file in Vietnamese', async () => {
    // Windows-1258 bytes (not UTF-8): "Đà Nẵng" is D0 E0 20 4E E3 DE 6E 67; an extra column no field uses.
    const legacyName = [0xd0, 0xe0, 0x20, 0x4e, 0xe3, 0xde, 0x6e, 0x67];
    const bytes = Buffer.from([
      ...Buffer.from('id,operator,lon,lat,ghi_chu\r\nDN-1,Viettel,108.21,16.06,', 'latin1'),
      ...legacyName,
      ...Buffer.from('\r\n', 'latin1'),
    ]);
    await page.getByTestId('import-file').setInputFiles({ name: 'ansi.csv', mimeType: 'text/csv', buffer: bytes });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.textContent()).resolves.toContain('tệp không phải UTF-8: đọc theo Windows-1258');
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-file-notes').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-file-notes').textContent()).resolves.toContain('cột không dùng: ghi_chu');
    await page.screenshot({ path: 'tests/artifacts/import-notes-vi.png' });
    await page.getByTestId('close-import').click();

    // A workbook named .csv: read as a workbook, and the preview says so.
    await page.getByTestId('import-file').setInputFiles({
      name: 'towers.csv',
      mimeType: 'text/csv',
      buffer: readFileSync('tests/fixtures/import/towers.xlsx'),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    await expect(dialog.textContent()).resolves.toContain(
      'tệp mang đuôi .csv nhưng chứa một sổ tính Excel .xlsx: đọc theo đúng nội dung đó',
    );
    // Its coordinates are numbers: no decimal comma to speak of.
    await expect(page.getByTestId('preview-format').textContent()).resolves.toBe('XLSX');
    await page.getByTestId('close-import').click();

    // A TIFF named .csv is refused, in Vietnamese (the refusal crosses the worker with its code).
    await page.getByTestId('import-file').setInputFiles({
      name: 'towers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
    });
    await page.getByTestId('import-error').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-error').textContent()).resolves.toBe(
      'không phải danh sách trạm: tệp chứa một ảnh TIFF (tệp DEM .tif được thêm ở lớp địa hình)',
    );
    await page.screenshot({ path: 'tests/artifacts/import-refused-vi.png' });
    await page.getByTestId('close-import').click();

    // A GeoJSON export cut off by hand: the refusal says where the text breaks, in Vietnamese.
    await page.getByTestId('import-file').setInputFiles({
      name: 'tram.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(
        '{"type": "FeatureCollection", "features": [\n' +
          '  {"type": "Feature", "properties": {"id": "DN-1"}, "geometry": {"type": "Point", "coordinates": [108.2, 16.0]}},\n' +
          '  {"type": "Feature", "properties": {"id": "DN-2"}, "geometry": {"type": "Point", "coordinates": [108.3, }}\n' +
          ']}\n',
      ),
    });
    await page.getByTestId('import-error').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-error').textContent()).resolves.toBe(
      'tệp không phải JSON hợp lệ: lỗi cú pháp ở dòng 3, cột 106',
    );
    await page.screenshot({ path: 'tests/artifacts/import-broken-geojson-vi.png' });
    await page.getByTestId('close-import').click();
  });

  it("reads a KML whose attributes are in its placemarks' description tables (ArcGIS's Layer To KML)", async () => {
    const placemark = (id: string, operator: string, height: string, lon: number, lat: number) =>
      `<Placemark><name>${id}</name><description><![CDATA[<html><body><table>` +
      '<tr><td colspan="2">Trạm BTS</td></tr>' +
      `<tr><td>Mã trạm</td><td>${id}</td></tr><tr><td>Nhà mạng</td><td>${operator}</td></tr>` +
      `<tr><td>Độ cao (m)</td><td>${height}</td></tr></table></body></html>]]></description>` +
      `<Point><coordinates>${lon},${lat},0</coordinates></Point></Placemark>`;
    const kml =
      '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
      placemark('KML-1', 'Viettel', '42', 108.205, 16.055) +
      placemark('KML-2', 'MobiFone', '36,5', 108.215, 16.065) +
      '</Document></kml>';
    await page.getByTestId('import-file').setInputFiles({
      name: 'tram-arcgis.kml',
      mimeType: 'application/vnd.google-earth.kml+xml',
      buffer: Buffer.from(kml),
    });
    // A KML has its own columns: the preview shows the table's (no column choice), then the whole file is read.
    await page.getByTestId('confirm-import').waitFor({ timeout: 60_000 });
    const previewText = (await page.getByTestId('import-dialog').textContent()) ?? '';
    for (const header of ['Mã trạm', 'Nhà mạng', 'Độ cao (m)']) expect(previewText).toContain(header);
    await page.screenshot({ path: 'tests/artifacts/import-kml-description-vi.png' });
    await page.getByTestId('confirm-import').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('2');
    await page.getByTestId('apply-import').click();
    await page.getByTestId('close-import').click();
    const read = await page.evaluate(() =>
      window.cosite
        ?.state()
        .dataset?.towers.filter((tower) => tower.id.startsWith('KML-'))
        .map((tower) => [tower.id, tower.operator, tower.heightM]),
    );
    expect(read).toEqual([
      ['KML-1', 'Viettel', 42],
      ['KML-2', 'MobiFone', 36.5],
    ]);
  });

  it('reads a sheet whose header is written over two rows ("Tọa độ" over "Kinh độ | Vĩ độ") and says so', async () => {
    // As a Sở's sheet saved as CSV: a title, a blank line, "Tọa độ" merged over its two columns (lines 3 and 4),
    // decimal commas, a row without latitude (line 6) and a height that is a word (line 7).
    const csv =
      '\uFEFFDANH SÁCH TRẠM BTS VIETTEL - TP ĐÀ NẴNG;;;;;\r\n;;;;;\r\n' +
      'STT;Mã trạm;Nhà mạng;Tọa độ;;Độ cao cột (m)\r\n;;;Kinh độ;Vĩ độ;\r\n' +
      '1;DNG-001;Viettel;108,2102;16,0544;36\r\n2;DNG-002;Viettel;108,2231;;40\r\n' +
      '3;DNG-003;Viettel;108,1987;16,0712;cao\r\n4;DNG-004;Viettel;108,2400;16,0300;42\r\n';
    await page.getByTestId('import-file').setInputFiles({
      name: 'tram-viettel-2-dong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByTestId('column-mapping').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('map-id').inputValue()).resolves.toBe('Mã trạm');
    await expect(page.getByTestId('map-lon').inputValue()).resolves.toBe('Kinh độ');
    await expect(page.getByTestId('map-lat').inputValue()).resolves.toBe('Vĩ độ');
    await expect(page.getByTestId('import-dialog').textContent()).resolves.toContain(
      'dòng tên cột viết trên hai dòng (dòng 3 và dòng kế tiếp): đọc gộp thành một (STT, Mã trạm, Nhà mạng, Kinh độ, Vĩ độ, Độ cao cột (m))',
    );
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-accepted').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('import-rejected').textContent()).resolves.toBe('1');
    const dialogText = (await page.getByTestId('import-dialog').textContent()) ?? '';
    // The rejected row and the warned one by the file's own lines.
    expect(dialogText).toMatch(/[Dd]òng 6/);
    expect(dialogText).toMatch(/[Dd]òng 7/);
    await page.screenshot({ path: 'tests/artifacts/import-two-row-header-vi.png' });
    await page.getByTestId('close-import').click();
  });
});
