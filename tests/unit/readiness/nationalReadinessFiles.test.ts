import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegionsGeoJson } from '../../../src/core/geo/parseRegionsGeoJson';
import { pointInLonLatPolygon } from '../../../src/core/geo/pointInLonLatPolygon';
import { decodeColumnFile } from '../../../src/core/io/decodeColumnFile';
import { encodeColumnFile } from '../../../src/core/io/encodeColumnFile';
import { InputFileError } from '../../../src/core/io/inputFileError';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { decodeProvinceLabels } from '../../../src/core/readiness/decodeProvinceLabels';
import { decodeReadinessMasts } from '../../../src/core/readiness/decodeReadinessMasts';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { readNationalReadinessInputs } from '../../../src/core/readiness/readNationalReadinessInputs';
import { seededRandom } from '../../../src/core/util/seededRandom';

const national = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../../../data/national/${name}`, import.meta.url))),
});

describe('column files', () => {
  it('give back every column, of every type and any length, and the header', () => {
    const next = seededRandom(3);
    const columns = {
      a: Float64Array.from({ length: 7 }, () => next() * 1e6 - 5e5),
      b: Uint8Array.from({ length: 5 }, () => Math.floor(next() * 256)),
      c: Int16Array.from({ length: 3 }, () => Math.floor(next() * 60000) - 30000),
      d: Float32Array.from({ length: 1 }, () => next()),
      e: Int32Array.from({ length: 0 }),
      f: Uint32Array.from({ length: 9 }, () => Math.floor(next() * 2 ** 32)),
      g: Int8Array.from({ length: 2 }, () => -3),
      h: Uint16Array.from({ length: 4 }, () => 65535),
      nan: Float64Array.of(Number.NaN, -0, Number.POSITIVE_INFINITY),
    };
    const bytes = encodeColumnFile('test', { names: ['Viettel', 'Đà Nẵng'], n: 3 }, columns);
    const decoded = decodeColumnFile(bytes);
    expect(decoded.kind).toBe('test');
    expect(decoded.meta).toEqual({ names: ['Viettel', 'Đà Nẵng'], n: 3 });
    expect(decoded.columns).toEqual(columns);
    for (const array of Object.values(decoded.columns)) expect(array.byteOffset % 8).toBe(0);
    // The same inputs, the same bytes (npm run data stays deterministic).
    expect(encodeColumnFile('test', { names: ['Viettel', 'Đà Nẵng'], n: 3 }, columns)).toEqual(bytes);
  });

  it('refuses bytes that are not one, or cut short, naming the file', () => {
    expect(() => decodeColumnFile(new TextEncoder().encode('id,operator\n'), 'x.bin')).toThrow(InputFileError);
    const bytes = encodeColumnFile('test', {}, { a: new Float64Array(100) });
    expect(() => decodeColumnFile(bytes.subarray(0, bytes.length - 8), 'x.bin')).toThrow(/runs past the end/);
  });

  it('refuses a header whose lengths, offsets or lists are not what they say, naming the column (no internal error)', () => {
    const withHeader = (header: unknown) => {
      const json = new TextEncoder().encode(JSON.stringify(header));
      const bytes = new Uint8Array(8 + json.length + 64);
      bytes.set(new TextEncoder().encode('CSCF'));
      new DataView(bytes.buffer).setUint32(4, json.length, true);
      bytes.set(json, 8);
      return bytes;
    };
    const base = { format: 'cosite-columns', version: 1, kind: 'readiness-masts', meta: { count: 1 } };
    // A crafted masts.bin with a negative length ended in "Invalid typed array length: -5".
    for (const [columns, message] of [
      [[{ name: 'lon', type: 'float64', length: -5, offset: 0 }], /column lon: length -5 is not a count/],
      [[{ name: 'lon', type: 'float64', length: 1.5, offset: 0 }], /column lon: length 1.5 is not a count/],
      [[{ name: 'lon', type: 'float64', length: 1, offset: 3 }], /column lon: offset 3 is not past the header/],
      [[{ name: 'lon', type: 'toString', length: 1, offset: 0 }], /column lon: unknown type toString/],
      ['lon', /lists no columns/],
    ] as const) {
      expect(() => decodeColumnFile(withHeader({ ...base, columns }), 'x.bin')).toThrow(InputFileError);
      expect(() => decodeColumnFile(withHeader({ ...base, columns }), 'x.bin')).toThrow(message);
    }
    // Masts with a column of the wrong type, or names that are not a list, are refused by the masts' reader.
    const lon = encodeColumnFile('readiness-masts', { count: 1, operator_names: 'Viettel', province_codes: [] }, {});
    expect(() => decodeReadinessMasts(lon, 'x.bin')).toThrow(/meta.operator_names is not a list of names/);
    const wrongType = encodeColumnFile(
      'readiness-masts',
      { count: 1, operator_names: ['Viettel'], province_codes: ['VN25'] },
      { lon: new Uint8Array(1) },
    );
    expect(() => decodeReadinessMasts(wrongType, 'x.bin')).toThrow(/column lon is not of type Float64Array/);
  });

  it('is refused as a tower file by the tower readers, saying what it is', async () => {
    const bytes = encodeColumnFile('readiness-masts', { count: 0 }, {});
    await expect(readTowerFile(bytes, 'masts.bin')).rejects.toThrow(/not a tower file: it holds a CoSite column file/);
  });
});

describe('the national files the app reads (npm run data)', () => {
  it('masts.bin holds what reading towers.csv gives, each mast in the province that contains it', async () => {
    const parsed = await readTowerFile(national('towers.csv').bytes, 'towers.csv');
    const masts = decodeReadinessMasts(national('masts.bin').bytes);
    expect(masts.towers).toEqual(packReadinessTowers(parsed.towers));
    const provinces = parseRegionsGeoJson(readFileSync('data/national/provinces.geojson', 'utf8'));
    expect(masts.provinceCodes).toEqual(provinces.map((province) => province.code));
    // Point in polygon by hand on a seeded sample of masts: the first province whose polygon holds the mast.
    const next = seededRandom(7);
    for (let k = 0; k < 300; k++) {
      const t = Math.floor(next() * masts.towers.count);
      const [lon, lat] = [masts.towers.lon[t], masts.towers.lat[t]];
      const expected = provinces.findIndex((province) =>
        province.polygons.some((polygon) => pointInLonLatPolygon(lon, lat, polygon)),
      );
      expect(masts.towerProvince[t]).toBe(expected);
    }
  });

  it('province-labels.bin labels each cell with the province holding its centre, on the population grid', async () => {
    const grid = await readPopulationGeoTiff(national('population.tif').bytes.buffer as ArrayBuffer);
    const raster = decodeProvinceLabels(national('province-labels.bin').bytes);
    expect(raster.grid).toEqual({
      width: grid.width,
      height: grid.height,
      originLon: grid.originLon,
      originLat: grid.originLat,
      cellSizeLonDeg: grid.cellSizeLonDeg,
      cellSizeLatDeg: grid.cellSizeLatDeg,
    });
    const provinces = parseRegionsGeoJson(readFileSync('data/national/provinces.geojson', 'utf8'));
    const next = seededRandom(8);
    let labelled = 0;
    for (let k = 0; k < 400; k++) {
      const i = Math.floor(next() * grid.width * grid.height);
      const lon = grid.originLon + ((i % grid.width) + 0.5) * grid.cellSizeLonDeg;
      const lat = grid.originLat - (Math.floor(i / grid.width) + 0.5) * grid.cellSizeLatDeg;
      const province = provinces.findIndex((candidate) =>
        candidate.polygons.some((polygon) => pointInLonLatPolygon(lon, lat, polygon)),
      );
      expect(raster.labels[i]).toBe(province + 1);
      if (province >= 0) labelled++;
    }
    expect(labelled).toBeGreaterThan(50);
  });

  it('give the same readiness as the CSV and the boundaries read and computed from scratch', async () => {
    const common = {
      population: national('population.tif'),
      provinces: national('provinces.geojson'),
      backbone: national('backbone.geojson'),
    };
    const fromText = await readNationalReadinessInputs({ ...common, towers: national('towers.csv') }, {});
    const fromBinary = await readNationalReadinessInputs(
      { ...common, towers: national('masts.bin'), provinceLabels: national('province-labels.bin') },
      {},
    );
    expect(fromText.input.precomputed).toBeUndefined();
    expect(fromBinary.input.precomputed).toBeDefined();
    expect(fromBinary.towerCounts).toMatchObject({ accepted: fromText.towerCounts.accepted, rejected: 0 });
    expect(fromText.towerCounts.rejected).toBe(0);
    const [text, binary] = [
      await computeNationalReadiness(fromText.input),
      await computeNationalReadiness(fromBinary.input),
    ];
    expect(binary).toEqual(text);
  });

  it('labels that do not fit the grid or the provinces are not used (the raster is built)', async () => {
    const inputs = await readNationalReadinessInputs(
      {
        population: national('population.tif'),
        provinces: { name: 'one.geojson', bytes: onlyFirstProvince() },
        towers: national('masts.bin'),
        provinceLabels: national('province-labels.bin'),
      },
      {},
    );
    expect(inputs.input.precomputed).toBeUndefined();
  });
});

function onlyFirstProvince(): Uint8Array {
  const collection = JSON.parse(readFileSync('data/national/provinces.geojson', 'utf8'));
  collection.features = collection.features.slice(0, 1);
  return new TextEncoder().encode(JSON.stringify(collection));
}
