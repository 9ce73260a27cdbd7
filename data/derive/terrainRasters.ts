import { readFileSync, writeFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import {
  encodeGeographicTiff,
  type RasterWindow,
  readSourceGrid,
  type SourceGrid,
  windowForProvince,
} from './populationRaster';

/** SRTM's void value, kept as the nodata of the clipped grid. */
export const ELEVATION_NODATA = -32768;

/** The national grid's window over the province, with its Int16 heights (voids kept as ELEVATION_NODATA). */
export interface ClippedElevation {
  grid: SourceGrid;
  window: RasterWindow;
  values: Int16Array;
  /** Lowest and highest height of the window, metres (voids left out). */
  minM: number;
  maxM: number;
  voids: number;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The window of whole source pixels covering the province's parts that overlap the grid (same pixel size and
 * alignment, so its pixels are the source's pixels), read as Int16 with nothing changed.
 */
export async function clipElevation(path: string, geometry: Polygon | MultiPolygon): Promise<ClippedElevation> {
  const { grid, image } = await readSourceGrid(path, ELEVATION_NODATA);
  const window = windowForProvince(grid, geometry);
  const values = (
    await image.readRasters({
      window: [window.col0, window.row0, window.col0 + window.width, window.row0 + window.height],
      samples: [0],
    })
  )[0];
  if (!(values instanceof Int16Array)) throw new Error(`${path}: expected Int16 heights`);
  let minM = Number.POSITIVE_INFINITY;
  let maxM = Number.NEGATIVE_INFINITY;
  let voids = 0;
  for (const value of values) {
    if (value === ELEVATION_NODATA) {
      voids++;
      continue;
    }
    minM = Math.min(minM, value);
    maxM = Math.max(maxM, value);
  }
  return { grid, window, values, minM, maxM, voids };
}

/**
 * The clipped heights as an uncompressed Int16 GeoTIFF in EPSG:4326 (PixelIsArea, GDAL_NODATA -32768). geotiff's
 * writer has no Int16 branch (it would write zeros), so the values go in as their Uint16 bit patterns with
 * SampleFormat 2 (signed): big-endian two's complement either way. The writer's spurious ExtraSamples tag is removed,
 * as for population.tif.
 */
export function encodeElevationTiff(clipped: ClippedElevation): ArrayBuffer {
  const { window, values } = clipped;
  return encodeGeographicTiff(new Uint16Array(values.buffer, values.byteOffset, values.length), window, {
    bitsPerSample: 16,
    sampleFormat: 2,
    nodata: ELEVATION_NODATA,
  });
}

/** Reads the written GeoTIFF back and checks size, origin, pixel size, nodata and every value. Throws on a difference. */
export async function verifyElevationTiff(buffer: ArrayBuffer, clipped: ClippedElevation): Promise<void> {
  const { window, values } = clipped;
  const image = await (await fromArrayBuffer(buffer.slice(0))).getImage();
  const problems: string[] = [];
  if (image.getWidth() !== window.width || image.getHeight() !== window.height) problems.push('size');
  const [originLon, originLat] = image.getOrigin();
  if (originLon !== window.originLon || originLat !== window.originLat) problems.push('origin');
  const [resLon, resLat] = image.getResolution();
  if (resLon !== window.cellSizeLon || resLat !== -window.cellSizeLat) problems.push('resolution');
  if (image.getGDALNoData() !== ELEVATION_NODATA) problems.push('nodata');
  if (image.getGeoKeys()?.GeographicTypeGeoKey !== 4326) problems.push('EPSG:4326 GeoKey');
  const read = (await image.readRasters({ samples: [0] }))[0];
  if (!(read instanceof Int16Array) || read.length !== values.length) problems.push('raster type or length');
  else if (read.some((value, i) => value !== values[i])) problems.push('values');
  if (problems.length > 0) throw new Error(`terrain read-back mismatch: ${problems.join(', ')}`);
}

/** Clips the national grid to the province and copies the fine extract byte for byte; returns what the manifest says. */
export async function deriveTerrain(
  sources: { national: string; fine: string },
  geometry: Polygon | MultiPolygon,
  out: { national: string; fine: string },
) {
  const clipped = await clipElevation(sources.national, geometry);
  const tiff = encodeElevationTiff(clipped);
  await verifyElevationTiff(tiff, clipped);
  writeFileSync(out.national, new Uint8Array(tiff));
  await verifyElevationTiff(toArrayBuffer(readFileSync(out.national)), clipped);
  // Bytes copied (not the file: the source may be read-only, and its mode would come along).
  writeFileSync(out.fine, readFileSync(sources.fine));
  const fine = await (await fromArrayBuffer(toArrayBuffer(readFileSync(out.fine)))).getImage();
  const [fineLon, fineLat] = fine.getOrigin();
  const [fineResLon, fineResLat] = fine.getResolution();
  const { window } = clipped;
  return {
    national: {
      width: window.width,
      height: window.height,
      origin_lon: window.originLon,
      origin_lat: window.originLat,
      cell_size_deg: window.cellSizeLon,
      source_col0: window.col0,
      source_row0: window.row0,
      nodata: ELEVATION_NODATA,
      min_m: clipped.minM,
      max_m: clipped.maxM,
      voids: clipped.voids,
    },
    fine: {
      width: fine.getWidth(),
      height: fine.getHeight(),
      origin_lon: fineLon,
      origin_lat: fineLat,
      cell_size_deg: fineResLon,
      cell_size_lat_deg: -fineResLat,
      nodata: fine.getGDALNoData(),
      copied_unchanged: true,
    },
  };
}
