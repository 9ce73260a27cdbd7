import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeDemFile } from '../../../src/app/terrain/describeDemFile';
import { describeTerrainToolError } from '../../../src/app/terrain/describeTerrainMessage';
import { type WordedMessage, wordedOf } from '../../../src/core/model/wordedMessage';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import { computeLinkProfile } from '../../../src/core/terrain/computeLinkProfile';
import { computeViewshed } from '../../../src/core/terrain/computeViewshed';
import { readElevationFile } from '../../../src/core/terrain/readElevationFile';
import { readHgt } from '../../../src/core/terrain/readHgt';
import { summarizeElevationRaster } from '../../../src/core/terrain/summarizeElevationRaster';
import { smallElevationTiff } from '../../fixtures/tiff/smallElevationTiff';
import '../../../workers/keepWordedErrors';

/** A letter only Vietnamese uses among the UI's two languages: the text was worded in Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

const HGT_PATH = '/work/shared/data/elevation/N21E105.hgt';

/** A 3″ SRTM tile (1201 x 1201 big-endian Int16) whose every sample is `heightM`. */
function hgtBytes(heightM: number): Uint8Array {
  const bytes = new Uint8Array(1201 * 1201 * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 1201 * 1201; i++) view.setInt16(i * 2, heightM, false);
  return bytes;
}

/** `bytes` with the first IFD's tags set to `values` (SHORT or LONG tags written in place). */
function patchTags(bytes: Uint8Array, values: Record<number, number>): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = view.getUint16(0) === 0x4949;
  const ifd = view.getUint32(4, littleEndian);
  const count = view.getUint16(ifd, littleEndian);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    const value = values[view.getUint16(entry, littleEndian)];
    if (value === undefined) continue;
    if (view.getUint16(entry + 2, littleEndian) === 3) view.setUint16(entry + 8, value, littleEndian);
    else view.setUint32(entry + 8, value, littleEndian);
  }
  return bytes;
}

/** The first IFD's value of a tag (its first value, SHORT or LONG). */
function tagValue(bytes: Uint8Array, tag: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = view.getUint16(0) === 0x4949;
  const ifd = view.getUint32(4, littleEndian);
  for (let i = 0; i < view.getUint16(ifd, littleEndian); i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, littleEndian) !== tag) continue;
    return view.getUint16(entry + 2, littleEndian) === 3
      ? view.getUint16(entry + 8, littleEndian)
      : view.getUint32(entry + 8, littleEndian);
  }
  throw new Error(`no tag ${tag}`);
}

/** Why a DEM file is refused, as the import keeps it (the reader's reason, code and values). */
async function demRefusal(bytes: Uint8Array, name: string): Promise<WordedMessage> {
  const read = await readElevationFile(bytes, name);
  if (!('error' in read)) {
    const worded = summarizeElevationRaster(read.raster).notElevationWorded;
    if (worded) return worded;
    throw new Error(`${name} was read`);
  }
  const { error, ...coded } = read;
  return { reason: error, ...coded };
}

const refusedLine = (fileName: string, refusal: WordedMessage, language: 'vi' | 'en') =>
  describeDemFile({ fileName, status: 'refused', summary: null, ...refusal }, language);

const tiff = smallElevationTiff(new Float32Array(16).fill(10), 4);

describe('the DEM import refusals in Vietnamese and English', () => {
  it.each<[string, () => Uint8Array, string, string, RegExp]>([
    ['a wrong size', () => new Uint8Array(10), 'N15E107.hgt', 'hgtSize', /tệp này có 10 byte$/],
    ['a name without a corner', () => hgtBytes(10), 'tile.hgt', 'hgtName', /không cho biết góc của ô/],
    ['an empty zip', () => zipSync({ 'readme.txt': strToU8('hi') }), 'N21E105.hgt.zip', 'zipNoHgt', /không chứa/],
    [
      'a zip of two tiles',
      () => zipSync({ 'N21E105.hgt': new Uint8Array(4), 'N21E106.hgt': new Uint8Array(4) }),
      'x.hgt.zip',
      'zipManyHgt',
      /chứa 2 tệp \.hgt/,
    ],
    ['a damaged zip', () => new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'N21E105.hgt.zip', 'zipRefused', /hỏng/],
    ['text named .tif', () => strToU8('hello'), 'x.tif', 'notGeoTiff', /^không phải tệp GeoTIFF/],
    [
      'a raster too large',
      () => patchTags(smallElevationTiff(new Float32Array(4), 2), { 256: 60000, 257: 60000 }),
      'big.tif',
      'rasterSize',
      /^ảnh có 60\.000 x 60\.000 điểm ảnh/,
    ],
    ['JPEG compression', () => patchTags(tiff.slice(), { 259: 7 }), 'jpeg.tif', 'refusedCompression', /nén JPEG/],
    ['WebP compression', () => patchTags(tiff.slice(), { 259: 50001 }), 'webp.tif', 'refusedCompression', /nén WebP/],
    ['LERC compression', () => patchTags(tiff.slice(), { 259: 34887 }), 'lerc.tif', 'refusedCompression', /nén LERC/],
    [
      'a truncated strip',
      () => tiff.slice(0, tagValue(tiff, 273) + 8),
      'cut.tif',
      'damagedRaster',
      /bị cắt cụt hoặc hỏng/,
    ],
    [
      'a projected CRS it does not know',
      () => smallElevationTiff(new Float32Array(4), 2, { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2000 }),
      'x.tif',
      'unsupportedCrs',
      /^DEM dùng EPSG:2000, hệ này không được hỗ trợ/,
    ],
    [
      'a geographic CRS it does not know',
      () => smallElevationTiff(new Float32Array(4), 2, { GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4269 }),
      'x.tif',
      'unsupportedCrs',
      /^DEM dùng hệ tọa độ địa lý EPSG:4269/,
    ],
    [
      'a projected CRS its keys leave unnamed',
      () => smallElevationTiff(new Float32Array(4), 2, { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767 }),
      'x.tif',
      'unsupportedCrs',
      /không ghi tên/,
    ],
    [
      'metres in a geographic file',
      () =>
        smallElevationTiff(new Float32Array(4), 2, {
          ModelPixelScale: [30, 30, 0],
          ModelTiepoint: [0, 0, 0, 5e5, 2e6, 0],
        }),
      'x.tif',
      'extentNotDegrees',
      /không phải độ/,
    ],
    [
      'a TIFF without georeference',
      () => smallElevationTiff(new Float32Array(4), 2, {}, false),
      'x.tif',
      'notGeoreferenced',
      /^tệp TIFF không có tham chiếu địa lý/,
    ],
    [
      'a rotated raster',
      () =>
        smallElevationTiff(new Float32Array(4), 2, {
          ModelTransformation: [0.001, 0.0005, 0, 105, 0.0005, -0.001, 0, 21, 0, 0, 0, 0, 0, 0, 0, 1],
        }),
      'x.tif',
      'rotated',
      /^ảnh bị xoay/,
    ],
    [
      'a raster upside down',
      () => smallElevationTiff(new Float32Array(4), 2, { ModelPixelScale: [0.5, -0.25, 0] }),
      'x.tif',
      'notNorthUp',
      /^kích thước điểm ảnh 0,5 x 0,25/,
    ],
    [
      'a model type of neither kind',
      () => smallElevationTiff(new Float32Array(4), 2, { GTModelTypeGeoKey: 3 }),
      'x.tif',
      'modelType',
      /kiểu mô hình GeoTIFF 3/,
    ],
    ['all voids', () => hgtBytes(-32768), 'N15E107.hgt', 'allVoid', /^mọi điểm đều trống/],
    [
      'an SRTM tile of heights no ground has',
      () => hgtBytes(12000),
      'N15E107.hgt',
      'notHeights',
      /^giá trị từ 12\.000 đến 12\.000, ngoài mọi độ cao mặt đất/,
    ],
    [
      'a GeoTIFF of voids only',
      () => smallElevationTiff(new Float32Array(4).fill(Number.NaN), 2),
      'void.tif',
      'allVoid',
      /^mọi điểm đều trống/,
    ],
    [
      'a population grid',
      () => smallElevationTiff(new Float32Array([12000, 5, 0, 30000]), 2),
      'people.tif',
      'heightsOutOfRange',
      /^2 trên 4 điểm nằm ngoài mọi độ cao mặt đất \(-500 đến 9\.000 m; giá trị từ 0 đến 30\.000\): đây không phải ảnh độ cao \(lưới dân số\?\)/,
    ],
  ])('words %s', async (_what, bytes, name, code, vietnamese) => {
    const refusal = await demRefusal(bytes(), name);
    expect(refusal.code, refusal.reason).toBe(code);
    const vi = refusedLine(name, refusal, 'vi');
    expect(vi).toMatch(new RegExp(`^${name.replace('.', '\\.')}: Không dùng được — `));
    expect(vi.slice(`${name}: Không dùng được — `.length)).toMatch(vietnamese);
    // A refused zip is worded in general, with the archive reader's words (English) as its detail.
    if (code !== 'zipRefused') expect(vi).not.toContain(refusal.reason);
    expect(vi).not.toContain('tiếng Anh');
    expect(refusedLine(name, refusal, 'en')).toBe(`${name}: Refused — reason: ${refusal.reason}`);
  });
});

/** What the page gets of an error thrown in the analysis worker: Comlink's 'throw' handler, with the codes kept. */
function acrossTheWorker(error: unknown): WordedMessage {
  const handler = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<unknown, unknown>;
  const [wire] = handler.serialize({ value: error });
  try {
    handler.deserialize(structuredClone(wire));
  } catch (thrown) {
    return wordedOf(thrown);
  }
  throw new Error('nothing thrown');
}

async function toolError(run: () => unknown): Promise<WordedMessage> {
  try {
    await run();
  } catch (error) {
    return acrossTheWorker(error);
  }
  throw new Error('no error');
}

describe('the viewshed and link profile errors in Vietnamese and English', () => {
  const mosaic = buildElevationMosaic([readHgt(readFileSync(HGT_PATH), HGT_PATH)]);
  const link = { txHeightM: 30, rxHeightM: 30, frequencyMHz: 15000 };

  it.each<[string, () => unknown, string, RegExp]>([
    [
      'a viewshed of a site outside the DEMs',
      () => computeViewshed(mosaic, { siteLonDeg: 108.2, siteLatDeg: 16.05, heightM: 30, radiusM: 1000 }),
      'the site (108.200000, 16.050000) is outside every DEM given',
      /^vị trí trạm \(108\.200000, 16\.050000\) nằm ngoài mọi DEM đang có/,
    ],
    [
      'a link from outside the DEMs',
      () =>
        computeLinkProfile(mosaic, { fromLonDeg: 104.5, fromLatDeg: 21.5, toLonDeg: 105.5, toLatDeg: 21.5, ...link }),
      'the start point (104.500000, 21.500000) is outside every DEM given',
      /^điểm đầu \(104\.500000, 21\.500000\) nằm ngoài/,
    ],
    [
      'a link to outside the DEMs',
      () =>
        computeLinkProfile(mosaic, { fromLonDeg: 105.5, fromLatDeg: 21.5, toLonDeg: 106.5, toLatDeg: 21.5, ...link }),
      'the end point (106.500000, 21.500000) is outside every DEM given',
      /^điểm cuối \(106\.500000, 21\.500000\) nằm ngoài/,
    ],
    [
      'a link between two masts at one place',
      () =>
        computeLinkProfile(mosaic, { fromLonDeg: 105.5, fromLatDeg: 21.5, toLonDeg: 105.5, toLatDeg: 21.5, ...link }),
      'the two points coincide: there is no path',
      /^hai điểm trùng nhau/,
    ],
  ])('words %s, also after the worker', async (_what, run, reason, vietnamese) => {
    const error = await toolError(run);
    expect(error.reason).toBe(reason);
    expect(error.code).toBeDefined();
    const vi = describeTerrainToolError(error, 'vi');
    expect(vi).toMatch(VIETNAMESE);
    expect(vi).toMatch(vietnamese);
    expect(vi).not.toContain(reason);
    expect(describeTerrainToolError(error, 'en')).toBe(reason);
  });

  it('gives any other error a Vietnamese lead before its English words', () => {
    const error = acrossTheWorker(new Error('dataset 7 has no terrain'));
    expect(describeTerrainToolError(error, 'en')).toBe('dataset 7 has no terrain');
    expect(describeTerrainToolError(error, 'vi')).toBe(
      'không tính được (chi tiết bằng tiếng Anh): dataset 7 has no terrain',
    );
  });
});
