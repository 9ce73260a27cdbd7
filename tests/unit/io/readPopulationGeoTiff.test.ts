import { readFileSync } from 'node:fs';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { PopulationFileError } from '../../../src/core/io/populationFileError';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { isNodata } from '../../../src/core/model/populationGrid';

const NATIONAL_RASTER = '/work/shared/data/population/vnm_ppp_2020_1km_Aggregated_UNadj.tif';

function fileArrayBuffer(path: string): ArrayBuffer {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A small float32 GeoTIFF written by geotiff.js itself (so this test needs no binary fixture). */
function smallTiff(extraMetadata: Record<string, unknown>): ArrayBuffer {
  const values = new Float32Array([1.5, 2.5, -99999, 4, 0, 6]);
  return writeArrayBuffer(values, {
    width: 3,
    height: 2,
    BitsPerSample: [32],
    SampleFormat: [3],
    ModelPixelScale: [0.5, 0.25, 0],
    ModelTiepoint: [0, 0, 0, 105, 21, 0],
    GDAL_NODATA: '-99999',
    ...extraMetadata,
  } as Parameters<typeof writeArrayBuffer>[1]) as ArrayBuffer;
}

describe('readPopulationGeoTiff', () => {
  it('reads the WorldPop 2020 1 km raster of Vietnam with its published total', async () => {
    const grid = await readPopulationGeoTiff(fileArrayBuffer(NATIONAL_RASTER));
    expect([grid.width, grid.height]).toEqual([879, 1781]);
    expect(grid.nodata).toBe(-99999);
    expect(grid.cellSizeLonDeg).toBeCloseTo(0.0083333333, 10);
    expect(grid.cellSizeLatDeg).toBeCloseTo(0.0083333333, 10);
    expect(grid.originLon).toBeCloseTo(102.14874960275003, 10);
    expect(grid.originLat).toBeCloseTo(23.399583438627147, 10);
    expect(grid.values).toBeInstanceOf(Float32Array);
    expect(grid.values.length).toBe(879 * 1781);
    // Independent sum: plain float64 loop over the band, skipping nodata.
    let total = 0;
    for (const value of grid.values) if (!isNodata(grid, value)) total += value;
    expect(Math.abs(total - 97_338_583)).toBeLessThan(1);
  });

  it('reads a small geographic raster cell for cell', async () => {
    const grid = await readPopulationGeoTiff(smallTiff({ GeographicTypeGeoKey: 4326 }));
    expect(grid).toMatchObject({
      width: 3,
      height: 2,
      originLon: 105,
      originLat: 21,
      cellSizeLonDeg: 0.5,
      cellSizeLatDeg: 0.25,
      nodata: -99999,
    });
    expect(Array.from(grid.values)).toEqual([1.5, 2.5, -99999, 4, 0, 6]);
  });

  it('moves the origin half a cell when the tie point names a pixel centre (PixelIsPoint)', async () => {
    const tiff = smallTiff({ GeographicTypeGeoKey: 4326, GTRasterTypeGeoKey: 2 });
    const image = await (await fromArrayBuffer(tiff)).getImage();
    expect(image.getGeoKeys()?.GTRasterTypeGeoKey).toBe(2);
    const grid = await readPopulationGeoTiff(tiff);
    expect(grid.originLon).toBe(104.75);
    expect(grid.originLat).toBe(21.125);
  });

  it('refuses a raster in an unsupported projected CRS with a message naming the CRS', async () => {
    const tiff = smallTiff({
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 2154,
      ModelPixelScale: [1000, 1000, 0],
      ModelTiepoint: [0, 0, 0, 500000, 2300000, 0],
    });
    await expect(readPopulationGeoTiff(tiff)).rejects.toThrow(PopulationFileError);
    await expect(readPopulationGeoTiff(tiff)).rejects.toThrow(/EPSG:2154, which is not supported.*gdalwarp/);
  });

  it('refuses bytes that are not a TIFF', async () => {
    const bytes = new TextEncoder().encode('id,operator,lon,lat\n').buffer as ArrayBuffer;
    await expect(readPopulationGeoTiff(bytes)).rejects.toThrow(PopulationFileError);
    await expect(readPopulationGeoTiff(bytes)).rejects.toThrow(/^not a GeoTIFF/);
  });
});
