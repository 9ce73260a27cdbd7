import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCleanTowersCsv } from '../../../src/core/io/readCleanTowersCsv';
import { readCleanTowersCsvAsArrays } from '../../../src/core/io/readCleanTowersCsvAsArrays';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { readTowersCsvChunked } from '../../../src/core/io/readTowersCsvChunked';
import { packTowers } from '../../../src/core/model/towerArrays';
import { seededRandom } from '../../../src/core/util/seededRandom';

const dataFile = (path: string) => new Uint8Array(readFileSync(new URL(`../../../data/${path}`, import.meta.url)));
const bytesOf = (text: string) => new TextEncoder().encode(text);

/** The fast path's result, which must be the full reader's, field for field. */
async function expectSameAsFullReader(bytes: Uint8Array): Promise<void> {
  const fast = await readCleanTowersCsv(bytes);
  expect(fast).not.toBeNull();
  const full = await readTowersCsvChunked(bytes);
  expect(fast).toEqual(full);
  // Same key order too (the command line prints the towers as JSON).
  expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
  // The arrays form: what packTowers makes of the full reader's towers, every row accepted.
  expect(full.rejected).toEqual([]);
  expect(await readCleanTowersCsvAsArrays(bytes)).toEqual(packTowers(full.towers));
}

const HEADER =
  'id,operator,mcc_mnc,lon,lat,height_m,radius_m,mast_type,tenants,province,has_4g,has_5g,radius_5g_m,tenants_5g';

/** A seeded clean file in the national layout, with every value form the fast path reads. */
function craftedCleanFile(rows: number, seed: number, lineEnd = '\n'): string {
  const next = seededRandom(seed);
  const operators = [
    ['Viettel', '452-04'],
    ['VinaPhone', '452-02'],
    ['MobiFone', '452-01'],
    ['Vietnamobile', '452-05'],
    ['viettel', ''],
    ['VNPT', '45202'],
  ];
  const mastTypes = ['A1', 'A2a', 'A2b', 'A2c', '', 'a2b', 'rooftop'];
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const [operator, code] = operators[Math.floor(next() * operators.length)];
    const others = ['MobiFone', 'Viettel', 'VinaPhone', 'Vietnamobile', 'mobi'].filter(() => next() < 0.3);
    const tenants = next() < 0.2 ? '' : [operator, ...others].join(next() < 0.5 ? ';' : '|');
    const has5g = ['', '0', '1'][Math.floor(next() * 3)];
    const lon = (102.5 + next() * 6).toFixed(Math.floor(next() * 7));
    const lat = (8.5 + next() * 14).toFixed(6);
    const height = next() < 0.1 ? '' : (next() * 80).toFixed(next() < 0.5 ? 0 : 1);
    const radius = next() < 0.1 ? '' : String(Math.round(500 + next() * 3000));
    const listed5g = has5g === '1' && next() < 0.5 ? operator : '';
    const radius5g = has5g === '1' ? String(Math.round(300 + next() * 900)) : '';
    lines.push(
      [
        `T-${i}`,
        operator,
        code,
        lon,
        lat,
        height,
        radius,
        mastTypes[Math.floor(next() * mastTypes.length)],
        tenants,
        `VN${String(i % 34).padStart(2, '0')}`,
        next() < 0.9 ? '1' : '0',
        has5g,
        radius5g,
        listed5g,
      ].join(','),
    );
  }
  return lines.join(lineEnd) + lineEnd;
}

describe('readCleanTowersCsv: the fast path gives the full reader’s result', () => {
  it('on the national synthetic masts', async () => {
    await expectSameAsFullReader(dataFile('national/towers.csv'));
  });

  it('on the demo province’s masts (other columns)', async () => {
    await expectSameAsFullReader(dataFile('demo/towers.csv'));
  });

  it('on seeded crafted files: aliases, empty optional fields, | and ; lists, 5G lists, CRLF', async () => {
    await expectSameAsFullReader(bytesOf(craftedCleanFile(3000, 11)));
    await expectSameAsFullReader(bytesOf(craftedCleanFile(500, 12, '\r\n')));
    // No line break after the last row, and the minimal header in another order.
    await expectSameAsFullReader(bytesOf('lat,lon,operator,id\n16.05,108.2,Viettel,A\n16.06,108.21,MobiFone,B'));
  });

  it('is what readTowerFile returns for a clean file', async () => {
    const bytes = bytesOf(craftedCleanFile(200, 13));
    expect(await readTowerFile(bytes, 'towers.csv')).toEqual(await readTowersCsvChunked(bytes));
  });
});

describe('readCleanTowersCsv: any quirk falls back to the full reader', () => {
  const clean = craftedCleanFile(50, 21);
  const lines = clean.split('\n');
  const withRow = (row: string) => [...lines.slice(0, 10), row, ...lines.slice(10)].join('\n');
  const good = 'Q1,Viettel,452-04,108.2,16.05,30,1500,A2b,Viettel,VN25,1,0,,';
  const quirks: Record<string, string> = {
    'a quoted value': withRow('"Q1",Viettel,452-04,108.2,16.05,30,1500,A2b,Viettel,VN25,1,0,,'),
    'a decimal in exponent form': withRow(good.replace('108.2', '1.082e2')),
    'a number with 16 digits': withRow(good.replace('108.2', '108.2000000000001')),
    'a trailing dot': withRow(good.replace('108.2', '108.')),
    'a position outside Việt Nam': withRow(good.replace('108.2', '100.2')),
    'swapped coordinates': withRow(good.replace('108.2,16.05', '16.05,108.2')),
    'a negative height': withRow(good.replace(',30,', ',-30,')),
    'a height past 300 m (a typing error)': withRow(good.replace(',30,', ',99999999,')),
    'a reach past 100 km': withRow(good.replace(',1500,', ',250000,')),
    'an unknown operator': withRow(good.replace('Viettel,452-04', 'Acme,452-04')),
    'mcc_mnc naming another operator': withRow(good.replace('452-04', '452-01')),
    'an unknown mast type word': withRow(good.replace('A2b', 'tripod')),
    'a ground mast of unknown height': withRow(good.replace(',30,', ',,').replace('A2b', 'cot tu dung')),
    'a tenant count': withRow(good.replace('A2b,Viettel', 'A2b,2')),
    'a 5G operator not on the mast': withRow(good.replace(',1,0,,', ',1,1,,MobiFone')),
    'has_5g 0 beside a 5G list': withRow(good.replace(',1,0,,', ',1,0,,Viettel')),
    'a yes/no word': withRow(good.replace(',1,0,,', ',yes,0,,')),
    'a repeated id': withRow(lines[1]),
    'a space': withRow(good.replace('A2b', 'A2b ')),
    'a missing field': withRow(good.slice(0, good.lastIndexOf(','))),
    'an extra field': withRow(`${good},x`),
    'an empty line': withRow(''),
    'a lone CR': withRow(`${good}\rQ2,Viettel,452-04,108.3,16.1,,,,,VN25,1,0,,`),
    'non-ASCII text': withRow(good.replace('Q1', 'Trạm1')),
    'a semicolon header': clean.replace(/,/g, ';'),
    'a sep= line': `sep=,\n${clean}`,
    'a byte-order mark': `\uFEFF${clean}`,
    'cell-list columns': clean.replace('tenants_5g', 'azimuth_deg'),
    // Found by the fuzzer: a word too long to spread into String.fromCharCode.
    'a 300,000-character word': withRow(good.replace('A2b', 'x'.repeat(300_000))),
  };

  for (const [quirk, text] of Object.entries(quirks)) {
    it(`${quirk}: null, and readTowerFile gives the full reader's result`, async () => {
      const bytes = bytesOf(text);
      expect(await readCleanTowersCsv(bytes)).toBeNull();
      // The arrays read checks fewer fields: null, or the arrays of the full reader's towers with nothing rejected.
      const arrays = await readCleanTowersCsvAsArrays(bytes);
      if (arrays !== null) {
        const full = await readTowersCsvChunked(bytes);
        expect(full.rejected).toEqual([]);
        expect(arrays).toEqual(packTowers(full.towers));
      }
      expect(await readTowerFile(bytes, 'towers.csv')).toEqual(await readTowersCsvChunked(bytes));
    });
  }

  it('the arrays read takes a file whose quirk is in a field the arrays do not hold (mast type, 5G, mcc_mnc)', async () => {
    for (const quirk of [
      'an unknown mast type word',
      'a 5G operator not on the mast',
      'mcc_mnc naming another operator',
    ]) {
      const bytes = bytesOf(quirks[quirk]);
      const full = await readTowersCsvChunked(bytes);
      expect(full.warnings.length).toBeGreaterThan(1);
      expect(await readCleanTowersCsvAsArrays(bytes)).toEqual(packTowers(full.towers));
    }
  });

  it('options that change the reading (column mapping, CRS, areas, value mapping)', async () => {
    const bytes = bytesOf(clean);
    expect(await readCleanTowersCsv(bytes, { columns: { id: 'id' } })).toBeNull();
    expect(await readCleanTowersCsv(bytes, { crs: 'EPSG:4326' })).toBeNull();
    expect(await readCleanTowersCsv(bytes, { areaPolygons: [] })).toBeNull();
    expect(await readCleanTowersCsv(bytes, { valueMapping: {} })).toBeNull();
  });

  it('the crafted clean file itself is read by the fast path (the quirks above are what makes it fall back)', async () => {
    expect(await readCleanTowersCsv(bytesOf(clean))).not.toBeNull();
    await expectSameAsFullReader(bytesOf(withRow(good)));
  });
});
