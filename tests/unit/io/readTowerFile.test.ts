import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../../src/core/export/exportCsv';
import { parseTowers } from '../../../src/core/io/parseTowers';
import { previewCoordinates, previewTableFile } from '../../../src/core/io/previewTableFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { TowerFileError } from '../../../src/core/io/towerFileError';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const towersFixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/towers/${name}`, import.meta.url)));

describe('readTowerFile: a CSV saved from a sheet with a title above the header', () => {
  // As Excel saves an operator's sheet: a title line, a blank line (both padded with ';'), then the header.
  const csv =
    '\uFEFFDANH SÁCH TRẠM BTS - SỞ KH&CN;;;;\r\n;;;;\r\nMã trạm;Nhà mạng;Kinh độ;Vĩ độ;Ghi chú\r\n' +
    'T1;Viettel;108,2;16,05;a\r\nT2;Viettel;108,3;;b\r\nT3;VinaPhone;108,25;16,06;c\r\n';

  it('reads from the header on, numbers records from it and lines as the file has them, and names the title', async () => {
    const result = await readTowerFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(result.towers.map((tower) => [tower.id, tower.lon, tower.lat])).toEqual([
      ['T1', 108.2, 16.05],
      ['T3', 108.25, 16.06],
    ]);
    expect(result.towerRows).toEqual([1, 3]);
    // T2 is record 2, on the file's line 5 (title 1, blank 2, header 3, T1 4).
    expect(result.rejected).toEqual([expect.objectContaining({ row: 2, line: 5, field: 'lat', code: 'empty' })]);
    expect(result.warnings[0]).toMatchObject({
      row: 0,
      code: 'titleLinesSkipped',
      params: { count: 1, first: 'DANH SÁCH TRẠM BTS - SỞ KH&CN' },
    });
    expect(result.warnings).toContainEqual(expect.objectContaining({ line: 3, code: 'unusedColumns' }));
  });

  it('previews the same header and rows, with the same note', async () => {
    const preview = await previewTableFile(new TextEncoder().encode(csv), 'tram.csv');
    expect(preview.headers).toEqual(['Mã trạm', 'Nhà mạng', 'Kinh độ', 'Vĩ độ', 'Ghi chú']);
    expect(preview.rows.map((row) => row[0])).toEqual(['T1', 'T2', 'T3']);
    // Rows by the file's lines, as the reader's problems name them (title 1, blank 2, header 3).
    expect(preview.rowLines).toEqual([4, 5, 6]);
    expect(previewCoordinates(preview, { lon: 'Kinh độ', lat: 'Vĩ độ' }).map((pair) => pair.row)).toEqual([4, 6]);
    expect(preview.warnings.map((warning) => warning.code)).toContain('titleLinesSkipped');
  });

  it('names every line by the file under a title: a duplicate’s first line, kept masts, coordinate examples', async () => {
    // Title 1, blank 2, header 3; T1 4, a swapped pair 5, T1 again 6, T4 7.
    const titled =
      'DANH SÁCH TRẠM;;;;\r\n;;;;\r\nMã trạm;Nhà mạng;Kinh độ;Vĩ độ;Ghi chú\r\n' +
      'T1;Viettel;108,2;16,05;a\r\nT2;Viettel;16,06;108,21;b\r\nT1;Viettel;108,3;16,07;c\r\nT4;Viettel;108,25;16,08;d\r\n';
    const result = await readTowerFile(new TextEncoder().encode(titled), 'tram.csv');
    expect(result.towerLines).toEqual([4, 7]);
    const duplicate = result.rejected.find((problem) => problem.code === 'duplicateId');
    expect(duplicate).toMatchObject({ line: 6, params: { id: 'T1', line: 4 } });
    expect(result.coordinateReport?.swapped.examples.map((example) => example.row)).toEqual([5]);
  });

  it('leaves a file whose first line is the header as it was (no note)', async () => {
    const plain = csv.slice(csv.indexOf('Mã trạm'));
    const result = await readTowerFile(new TextEncoder().encode(plain), 'tram.csv');
    expect(result.towers).toHaveLength(2);
    expect(result.rejected[0]).toMatchObject({ row: 2, line: 3 });
    expect(result.warnings.map((warning) => warning.code)).not.toContain('titleLinesSkipped');
  });
});

describe('readTowerFile: Excel workbooks', () => {
  it('reads the first sheet with data, finds the header under a title row, and numbers rows by Excel row', async () => {
    const result = await readTowerFile(fixture('towers.xlsx'), 'towers.xlsx');
    expect(result.towers).toEqual([
      {
        id: 'XL-001',
        operator: 'Viettel',
        lon: 108.2208,
        lat: 16.0678,
        heightM: 42,
        radiusM: null,
        mastType: 'A2a',
        tenants: ['Viettel'],
        azimuthsDeg: [0, 120, 240],
        bands: ['1800', '2100'],
      },
      expect.objectContaining({ id: 'XL-002', operator: 'VinaPhone', azimuthsDeg: [90], bands: ['n78'] }),
    ]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 3, line: 6, field: 'lon', reason: "lon is not a number: 'abc'" }),
      expect.objectContaining({ row: 4, line: 7, field: 'lat', reason: 'lat is empty' }),
      expect.objectContaining({
        row: 5,
        line: 8,
        field: 'id',
        reason: "id 'XL-001' duplicates the tower accepted at row 1",
      }),
    ]);
    expect(result.warnings).toEqual([
      {
        row: 0,
        reason: expect.stringMatching(/^read sheet 'Danh sách trạm' \(1 of 2\)/),
        code: 'otherSheets',
        params: { sheet: 'Danh sách trạm', position: 1, total: 2 },
      },
    ]);
  });

  it('says when a workbook is named .csv, and reads it all the same', async () => {
    const result = await readTowerFile(fixture('towers.xlsx'), 'towers.csv');
    expect(result.towers).toHaveLength(2);
    expect(result.warnings[0].reason).toBe('the file is named .csv but holds an Excel .xlsx workbook; read as such');
    expect(result.warnings[0]).toMatchObject({ code: 'formatMismatch', params: { extension: 'csv', format: 'xlsx' } });
  });

  it('tells the synchronous reader is not the one for workbooks', () => {
    expect(() => parseTowers(fixture('towers.xlsx'), 'towers.xlsx')).toThrow(
      /Excel .xlsx workbook \(read it with readTowerFile/,
    );
  });
});

describe('readTowerFile: KML and KMZ', () => {
  it('keeps ExtendedData as attributes, reports the placemark without geometry and the line', async () => {
    for (const name of ['towers_extended_data.kml', 'towers_extended_data.kmz']) {
      const result = await readTowerFile(fixture(name), name);
      expect(result.towers.map((t) => [t.id, t.operator, t.heightM, t.mastType, t.tenants])).toEqual([
        ['KML-001', 'Viettel', 42, 'A2a', ['Viettel', 'MobiFone']],
        ['KML-002', 'VinaPhone', 30, null, ['VinaPhone']],
        ['KML-005', 'Vietnamobile', null, null, ['Vietnamobile']],
      ]);
      expect(result.rejected).toEqual([
        { row: 3, field: 'geometry', reason: 'feature has no geometry (null)', code: 'noGeometry' },
        {
          row: 4,
          reason: 'feature geometry is a LineString, not a Point',
          code: 'notPoint',
          params: { found: 'a LineString', type: 'LineString' },
        },
      ]);
    }
  });

  it('refuses a truncated KMZ and a zip whose entry claims 4 GiB, before inflating', async () => {
    await expect(readTowerFile(fixture('truncated.kmz'), 'truncated.kmz')).rejects.toThrow(
      new TowerFileError('the zip archive is truncated or damaged (its table of contents is missing)', {
        code: 'fileRefused',
        params: {
          kind: 'archive',
          detail: 'the zip archive is truncated or damaged (its table of contents is missing)',
        },
      }),
    );
    await expect(readTowerFile(fixture('bomb_declared_4gib.kmz'), 'bomb.kmz')).rejects.toThrow(
      /^zip entry 'doc.kml' would inflate to 4\.0 GiB, over the limit of 64\.0 MiB; not opened$/,
    );
    // A tighter limit applies to the whole archive too.
    const kmz = fixture('towers_extended_data.kmz');
    await expect(readTowerFile(kmz, 'a.kmz', { zipLimits: { maxTotalBytes: 100 } })).rejects.toThrow(
      /more than 100 bytes/,
    );
  });
});

describe('readTowerFile: GeoJSON and broken tables', () => {
  it('reports null geometries as such, keeping the good features', async () => {
    const result = await readTowerFile(fixture('null_geometries.geojson'), 'null_geometries.geojson');
    expect(result.towers.map((t) => t.id)).toEqual(['G-1', 'G-3', 'G-6']);
    expect(result.rejected).toEqual([
      { row: 2, reason: 'feature has no geometry (null)', code: 'noGeometry' },
      { row: 4, reason: 'feature has no geometry (null)', code: 'noGeometry' },
      { row: 5, field: 'lon', reason: 'Point has no [lon, lat] coordinates', code: 'noCoordinates' },
    ]);
  });

  it('names each broken row (missing, non-numeric, swapped coordinates, duplicate id) and summarises the file', async () => {
    const result = await readTowerFile(fixture('towers_problems.csv'), 'towers_problems.csv');
    expect(result.towers.map((t) => t.id)).toEqual(['P-01', 'P-07']);
    expect(result.rejected.map((p) => [p.row, p.line, p.field, p.code])).toEqual([
      [2, 3, 'lat', 'swapped'],
      [3, 4, 'lon', 'empty'],
      [4, 5, 'lat', 'empty'],
      [5, 6, 'lon', 'notNumber'],
      [6, 7, 'id', 'duplicateId'],
      [8, 9, 'lon', 'outsideVietnam'],
      [9, 10, 'lat', 'swapped'],
    ]);
    expect(result.rejected[0].reason).toContain('swapped');
    expect(result.rejected[3].reason).toBe("lon is not a number: '108.2x'");
    expect(result.rejected[5].reason).toBe('lon 2.3522, lat 48.8566 is outside Việt Nam');
    expect(result.coordinateReport?.swapped.count).toBe(2);
    // Named by its line in the file (the header is line 1), as the rejected rows are.
    expect(result.coordinateReport?.outsideVietnam.examples).toEqual([{ row: 9, x: 2.3522, y: 48.8566 }]);
    // Kept on purpose: accepted with a warning.
    const kept = await readTowerFile(fixture('towers_problems.csv'), 'towers_problems.csv', {
      keepOutsideVietnam: true,
    });
    expect(kept.towers.map((t) => t.id)).toEqual(['P-01', 'P-07', 'P-08']);
    expect(kept.warnings.find((warning) => warning.row === 8)).toMatchObject({ code: 'outsideVietnam' });
  });

  it('refuses an empty file and content that holds no towers, in one line', async () => {
    await expect(readTowerFile(fixture('empty.csv'), 'empty.csv')).rejects.toThrow(
      new TowerFileError('the file is empty', { code: 'emptyFile' }),
    );
    const tiff = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
    await expect(readTowerFile(tiff, 'towers.csv')).rejects.toThrow(/^not a tower file: it holds a TIFF image/);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readTowerFile(xls, 'towers.xls')).rejects.toThrow(/old Excel .xls workbook/);
    const otherZip = zipSync({ 'readme.txt': strToU8('hello') });
    await expect(readTowerFile(otherZip, 'x.zip')).rejects.toThrow(/no shapefile, KML or Excel workbook/);
    await expect(readTowerFile(towersFixture('binary_garbage.dat'), 'x.dat')).rejects.toThrow(/binary data/);
  });

  it('reads a VN-2000 survey table (X = northing, Y = easting) given its zone', async () => {
    const plain = await readTowerFile(fixture('towers_vn2000_survey.csv'), 'survey.csv');
    expect(plain.towers).toEqual([]);
    expect(plain.rejected[0].reason).toMatch(/metres of a projected CRS such as VN-2000\? give the CRS/);
    expect(plain.coordinateReport?.northingFirst).toBe(true);
    const result = await readTowerFile(fixture('towers_vn2000_survey.csv'), 'survey.csv', { crs: 'vn2000:Đà Nẵng' });
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((t) => [t.id, Number(t.lon.toFixed(6)), Number(t.lat.toFixed(6))])).toEqual([
      ['VN-01', 108.2208, 16.0678],
      ['VN-02', 108.2022, 16.0544],
      ['VN-03', 108.245, 16.0471],
    ]);
    expect(result.warnings[0].reason).toMatch(/VN-2000 survey order: X = northing, Y = easting/);
  });

  it('reads the same towers from a CSV export of them (BOM, every column)', async () => {
    const original = parseTowers(towersFixture('good.csv'), 'good.csv');
    const { towersToFeatures } = await import('../../../src/core/export/towersToFeatures');
    const again = await readTowerFile(exportCsv(towersToFeatures(original.towers)), 'export.csv');
    expect(again.towers).toEqual(original.towers);
  });

  it('reports progress and stops when cancelled', async () => {
    // Each at its own place (at least 0.001° apart: no row is another's further station).
    const decimals = (value: number) => String(value).padStart(3, '0');
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `T${i},Viettel,108.${decimals(i % 1000)},16.${decimals(i % 997)}`,
    );
    const bytes = new TextEncoder().encode(`id,operator,lon,lat\n${rows.join('\n')}\n`);
    const fractions: number[] = [];
    const result = await readTowerFile(bytes, 'big.csv', { onProgress: (f) => fractions.push(f) });
    expect(result.towers).toHaveLength(200_000);
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(readTowerFile(bytes, 'big.csv', { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});
