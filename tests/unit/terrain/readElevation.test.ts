import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ElevationFileError } from '../../../src/core/terrain/elevationFileError';
import type { ElevationRaster } from '../../../src/core/terrain/elevationRaster';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { parseHgtCorner, readHgt } from '../../../src/core/terrain/readHgt';
import { smallElevationTiff } from '../../fixtures/tiff/smallElevationTiff';

const ELEVATION = '/work/shared/data/elevation';
const hgtBytes = readFileSync(`${ELEVATION}/N21E105.hgt`);

/** The highest sample within `radiusDeg` of a point, and where it is. */
function highestNear(raster: ElevationRaster, lonDeg: number, latDeg: number, radiusDeg: number) {
  let best = { heightM: Number.NEGATIVE_INFINITY, lonDeg: 0, latDeg: 0 };
  for (let row = 0; row < raster.height; row++) {
    const lat = raster.firstSampleY - row * raster.spacingY;
    if (Math.abs(lat - latDeg) > radiusDeg) continue;
    for (let column = 0; column < raster.width; column++) {
      const lon = raster.firstSampleX + column * raster.spacingX;
      const height = raster.heightsM[row * raster.width + column];
      if (Math.abs(lon - lonDeg) <= radiusDeg && height > best.heightM)
        best = { heightM: height, lonDeg: lon, latDeg: lat };
    }
  }
  return best;
}

describe('readHgt', () => {
  const tile = readHgt(hgtBytes, `${ELEVATION}/N21E105.hgt`);

  it('reads the 3″ tile: values on grid points, the first at 22°N 105°E exactly', () => {
    expect(tile).toMatchObject({
      name: 'N21E105.hgt',
      width: 1201,
      height: 1201,
      firstSampleX: 105,
      firstSampleY: 22,
      spacingX: 1 / 1200,
      spacingY: 1 / 1200,
      samplesAt: 'grid-point',
    });
    expect(tile.crs.code).toBe('EPSG:4326');
    // Sample (row, column) is the big-endian int16 at byte 2·(row·1201 + column).
    for (const [row, column] of [
      [0, 0],
      [1130, 441],
      [600, 1200],
      [1200, 17],
    ]) {
      expect(tile.heightsM[row * 1201 + column]).toBe(hgtBytes.readInt16BE((row * 1201 + column) * 2));
    }
  });

  it('keeps voids as NaN (1,539 in this tile, PROVENANCE.md)', () => {
    expect(tile.heightsM.filter((value) => Number.isNaN(value)).length).toBe(1539);
  });

  it('has Ba Vì at 1,258 m near 21.07N 105.37E (PROVENANCE.md)', () => {
    const peak = highestNear(tile, 105.37, 21.07, 0.02);
    expect(peak.heightM).toBe(1258);
    expect(peak.latDeg).toBeCloseTo(21.0583, 3);
    expect(peak.lonDeg).toBeCloseTo(105.3675, 3);
  });

  it('reads a .hgt.zip holding one tile, by the entry name', () => {
    const zipped = zipSync({ 'N21E105.hgt': new Uint8Array(hgtBytes) }, { level: 1 });
    const fromZip = readHgt(zipped, 'download.zip');
    expect(fromZip.name).toBe('N21E105.hgt');
    expect(fromZip.firstSampleY).toBe(22);
    expect(fromZip.heightsM).toEqual(tile.heightsM);
  });

  it('takes the corner from SRTM names, also with suffixes and in the south and west', () => {
    expect(parseHgtCorner('N21E105.hgt')).toEqual({ lonDeg: 105, latDeg: 21 });
    expect(parseHgtCorner('/x/S05W070.hgt')).toEqual({ lonDeg: -70, latDeg: -5 });
    expect(parseHgtCorner('n10e106.SRTMGL1.hgt.zip')).toEqual({ lonDeg: 106, latDeg: 10 });
    expect(parseHgtCorner('tile.hgt')).toBeNull();
    expect(parseHgtCorner('N95E105.hgt')).toBeNull();
  });

  it.each([
    ['a wrong size', new Uint8Array(1000), 'N21E105.hgt', /this one is 1000 bytes/],
    ['a name without a corner', new Uint8Array(1201 * 1201 * 2), 'tile.hgt', /gives no tile corner/],
    ['a zip without a .hgt', zipSync({ 'readme.txt': strToU8('hi') }), 'N21E105.hgt.zip', /holds no \.hgt/],
    [
      'a zip with two tiles',
      zipSync({ 'N21E105.hgt': new Uint8Array(4), 'N21E106.hgt': new Uint8Array(4) }),
      'x.hgt.zip',
      /holds 2 \.hgt files/,
    ],
    ['a damaged zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'N21E105.hgt.zip', /zip archive/],
  ])('refuses %s with an ElevationFileError', (_what, bytes, name, message) => {
    expect(() => readHgt(bytes, name)).toThrow(ElevationFileError);
    expect(() => readHgt(bytes, name)).toThrow(message);
  });
});

describe('readElevationGeoTiff', () => {
  it('reads the Đà Nẵng 1″ file: values at pixel centres, Sơn Trà 591-686 m, the airport about 7 m', async () => {
    const raster = await readElevationGeoTiff(readFileSync(`${ELEVATION}/danang-srtm-1arcsec.tif`), 'danang.tif');
    expect(raster).toMatchObject({ width: 864, height: 900, samplesAt: 'pixel-centre' });
    // The image's corner is 108.07986111°E 16.12013889°N; the first centre half a pixel in.
    expect(raster.firstSampleX).toBeCloseTo(108.07986111114928 + 0.5 / 3600, 10);
    expect(raster.firstSampleY).toBeCloseTo(16.120138888883076 - 0.5 / 3600, 10);
    const sonTra = highestNear(raster, 108.275, 16.119, 0.01);
    expect(sonTra.heightM).toBeGreaterThanOrEqual(591);
    expect(sonTra.heightM).toBeLessThanOrEqual(686);
    const column = Math.round((108.199 - raster.firstSampleX) / raster.spacingX);
    const row = Math.round((raster.firstSampleY - 16.044) / raster.spacingY);
    const airport = raster.heightsM[row * raster.width + column];
    expect(airport).toBeGreaterThanOrEqual(0);
    expect(airport).toBeLessThanOrEqual(15);
  });

  it('reads the national 0.02° grid: Fansipan 2,477 m, Lang Biang 1,841 m (PROVENANCE.md)', async () => {
    const raster = await readElevationGeoTiff(readFileSync(`${ELEVATION}/vn-srtm30plus-0.02deg.tif`), 'vn.tif');
    expect(raster).toMatchObject({ width: 438, height: 785, firstSampleX: 101.26, spacingX: 0.02 });
    expect(raster.firstSampleY).toBeCloseTo(23.59, 12);
    expect(highestNear(raster, 103.775, 22.303, 0.03).heightM).toBe(2477);
    expect(highestNear(raster, 108.44, 12.047, 0.03).heightM).toBe(1841);
  });

  it('reads Float32 with a nodata value as NaN, PixelIsPoint tie points at the sample', async () => {
    const values = new Float32Array([1.5, 2.5, -9999, 4, 0, 6]);
    const area = await readElevationGeoTiff(
      smallElevationTiff(values, 3, {
        ModelPixelScale: [0.5, 0.25, 0],
        ModelTiepoint: [0, 0, 0, 105, 21, 0],
        GDAL_NODATA: '-9999',
      }),
      'a.tif',
    );
    expect(Array.from(area.heightsM)).toEqual([1.5, 2.5, Number.NaN, 4, 0, 6]);
    expect([area.firstSampleX, area.firstSampleY]).toEqual([105.25, 20.875]);
    const point = await readElevationGeoTiff(
      smallElevationTiff(values, 3, {
        ModelPixelScale: [0.5, 0.25, 0],
        ModelTiepoint: [0, 0, 0, 105, 21, 0],
        GDAL_NODATA: '-9999',
        GTRasterTypeGeoKey: 2,
      }),
      'p.tif',
    );
    expect([point.firstSampleX, point.firstSampleY]).toEqual([105, 21]);
  });

  it('keeps a UTM DEM on its own grid with its CRS', async () => {
    const raster = await readElevationGeoTiff(
      smallElevationTiff(new Float32Array(4).fill(10), 2, {
        ModelPixelScale: [30, 30, 0],
        ModelTiepoint: [0, 0, 0, 500000, 2330000, 0],
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 32648,
      }),
      'utm.tif',
    );
    expect(raster.crs.code).toBe('EPSG:32648');
    expect([raster.firstSampleX, raster.firstSampleY, raster.spacingX]).toEqual([500015, 2329985, 30]);
  });

  it.each([
    [{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2000 }, /EPSG:2000, which is not supported/],
    [{ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4269 }, /geographic CRS EPSG:4269/],
    [{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767 }, /projected CRS that its keys do not name/],
  ])('refuses an unknown CRS %j', async (keys, message) => {
    const bytes = smallElevationTiff(new Float32Array(4), 2, {
      ModelPixelScale: [30, 30, 0],
      ModelTiepoint: [0, 0, 0, 500000, 2330000, 0],
      ...keys,
    });
    await expect(readElevationGeoTiff(bytes, 'x.tif')).rejects.toThrow(ElevationFileError);
    await expect(readElevationGeoTiff(bytes, 'x.tif')).rejects.toThrow(message);
  });

  it('refuses bytes that are not a TIFF', async () => {
    await expect(readElevationGeoTiff(strToU8('hello'), 'x.tif')).rejects.toThrow(/not a GeoTIFF/);
  });

  it('refuses absurd dimensions from the header, before decoding', async () => {
    const bytes = smallElevationTiff(new Float32Array(4), 2, {
      ModelPixelScale: [0.001, 0.001, 0],
      ModelTiepoint: [0, 0, 0, 105, 21, 0],
    });
    // Patch ImageWidth (tag 256, type SHORT or LONG) in the first IFD to 60,000 and ImageLength to 60,000.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const littleEndian = view.getUint16(0) === 0x4949;
    const ifd = view.getUint32(4, littleEndian);
    const count = view.getUint16(ifd, littleEndian);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = view.getUint16(entry, littleEndian);
      if (tag !== 256 && tag !== 257) continue;
      const type = view.getUint16(entry + 2, littleEndian);
      if (type === 3) view.setUint16(entry + 8, 60000, littleEndian);
      else view.setUint32(entry + 8, 60000, littleEndian);
    }
    await expect(readElevationGeoTiff(bytes, 'big.tif')).rejects.toThrow(/60,000 x 60,000 pixels/);
  });
});
