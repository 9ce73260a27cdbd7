import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readLayerFile } from '../../../src/core/io/readLayerFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { csvCrlfHeaderLfBody, csvStrayLf } from '../../fixtures/hostile/makeHostileFiles';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Issue 17, items 3 and 6: line endings, encodings and single bad values cost their own row at most. */
describe('line endings never cost rows', () => {
  it('crlf_header_lf_body.csv: a header ending in CRLF and 200 rows ending in LF give 200 towers (was 0)', async () => {
    const result = await readTowerFile(csvCrlfHeaderLfBody(), 'crlf_header_lf_body.csv');
    expect(result.towers).toHaveLength(200);
    expect(result.rejected).toEqual([]);
    expect(result.towers[199]).toMatchObject({ id: 'T200', heightM: 30 });
  });

  it('stray_lf.csv: one LF row in a CRLF file stays its own row (was merged with the next)', async () => {
    const result = await readTowerFile(csvStrayLf(), 'stray_lf.csv');
    expect(result.towers.map((tower) => tower.id)).toEqual(Array.from({ length: 10 }, (_, i) => `T${i + 1}`));
    expect(result.rejected).toEqual([]);
  });

  it('reads CR, LF and CRLF mixed in one file and numbers lines by any of them', () => {
    const result = parseTowersCsv('id,operator,lon,lat\rA,Viettel,108,16\nB,Viettel,x,16\r\nC,Viettel,108.1,16\r');
    expect(result.towers.map((tower) => tower.id)).toEqual(['A', 'C']);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 2, line: 3, field: 'lon' })]);
  });

  it("honours Excel's sep=; first line (was refused)", () => {
    const result = parseTowersCsv('sep=;\r\nid;operator;lon;lat\r\nA;Viettel;108,2;16,05\r\n');
    expect(result.towers).toEqual([expect.objectContaining({ id: 'A', lon: 108.2, lat: 16.05 })]);
    expect(result.warnings).toEqual([]);
  });

  it('rejects only the row holding a NUL byte, even in the first 4 KB (was the whole file)', async () => {
    const bytes = utf8('id,operator,lon,lat\nA,Viettel,108,16\nB,Vie\u0000ttel,108.1,16\nC,Viettel,108.2,16\n');
    const result = await readTowerFile(bytes, 'nul.csv');
    expect(result.towers.map((tower) => tower.id)).toEqual(['A', 'C']);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 2, line: 3, reason: 'the row holds a NUL character (binary data?)' }),
    ]);
  });
});

describe('encodings never swap or lose columns', () => {
  it.each(['towers_windows1258.csv', 'towers_tcvn3.csv'])(
    '%s with a UTF-8 byte-order mark in front reads the same ids as without it',
    async (name) => {
      const plain = await readTowerFile(fixture(name), name);
      const withBom = await readTowerFile(new Uint8Array([0xef, 0xbb, 0xbf, ...fixture(name)]), name);
      expect(withBom.towers).toEqual(plain.towers);
      expect(withBom.towers.map((tower) => tower.id)).toEqual(['DNG-001', 'DNG-002', 'DNG-003']);
      expect(withBom.warnings[0].reason).toMatch(/starts with a UTF-8 byte-order mark, but the rest is not UTF-8/);
    },
  );

  it('reads UTF-16 KML with a byte-order mark (was "not KML")', async () => {
    const kml =
      '<?xml version="1.0" encoding="UTF-16"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>' +
      '<name>DNG-001</name><ExtendedData><Data name="operator"><value>Viettel</value></Data></ExtendedData>' +
      '<Point><coordinates>108.2208,16.0678</coordinates></Point></Placemark></Document></kml>';
    const utf16 = new Uint8Array(2 + kml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < kml.length; i++) utf16[2 + i * 2] = kml.charCodeAt(i);
    const towers = await readTowerFile(utf16, 'utf16.kml');
    expect(towers.towers).toEqual([expect.objectContaining({ id: 'DNG-001', operator: 'Viettel', lon: 108.2208 })]);
    const layer = await readLayerFile(utf16, 'utf16.kml');
    expect(layer.features).toHaveLength(1);
  });
});

describe('one bad coordinate costs its feature, not the file', () => {
  const feature = (id: string, coordinates: string) =>
    `{"type":"Feature","properties":{"id":"${id}","operator":"Viettel"},"geometry":{"type":"Point","coordinates":${coordinates}}}`;
  const collection = `{"type":"FeatureCollection","features":[${[
    feature('A', '[NaN,16]'),
    feature('B', '[1e308,16]'),
    feature('C', '[108.2,16.05]'),
    feature('D', '[-Infinity,16]'),
    feature('E', '[108.3,Infinity]'),
  ].join(',')}]}`;

  it('towers: NaN, Infinity and 1e308 reject their features; the good one is read (was "invalid JSON")', async () => {
    const result = await readTowerFile(utf8(collection), 'nan.geojson');
    expect(result.towers.map((tower) => tower.id)).toEqual(['C']);
    expect(result.rejected.map((problem) => problem.row)).toEqual([1, 2, 4, 5]);
    expect(result.warnings[0].reason).toMatch(/^the file holds 3 NaN or Infinity value\(s\)/);
  });

  it('layers: the same', async () => {
    const result = await readLayerFile(utf8(collection), 'nan.geojson');
    expect(result.features).toHaveLength(1);
    expect(result.rejected.map((problem) => problem.row)).toEqual([1, 2, 4, 5]);
  });

  it('a NaN inside a string is text, not a number', async () => {
    const text = collection.replace('"id":"C"', '"id":"C","note":"NaN Infinity"');
    const result = await readLayerFile(utf8(text), 'nan.geojson');
    expect(result.features[0].properties?.note).toBe('NaN Infinity');
  });
});
