import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { ringsOf, scanlineRowMask } from './pointInRings';

export const NODATA = -99999;

/** A window of whole cells of the source grid: same cell size and alignment, so its cells are the source's cells. */
export interface RasterWindow {
  /** Column and row of the window's first cell in the source grid. */
  col0: number;
  row0: number;
  width: number;
  height: number;
  /** Western edge of column 0 and northern edge of row 0, degrees (source origin + offset * cell size). */
  originLon: number;
  originLat: number;
  cellSizeLon: number;
  cellSizeLat: number;
}

export interface SourceGrid {
  width: number;
  height: number;
  originLon: number;
  originLat: number;
  cellSizeLon: number;
  cellSizeLat: number;
  nodata: number;
}

/** The population of the window's cells whose centre lies in the province; nodata elsewhere. */
export interface ClippedPopulation {
  /** The source grid the window was cut from. */
  grid: SourceGrid;
  window: RasterWindow;
  values: Float32Array;
  /** 1 where the cell centre is inside the province polygon. */
  insideMask: Uint8Array;
  /** Sum (float64, row-major order) of the non-nodata cells of `values`. */
  total: number;
  /** Cells holding a value (not nodata) inside the province. */
  cellCount: number;
  /** Cells with population > 0 inside the province. */
  populatedCellCount: number;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A single-band source GeoTIFF's grid (its nodata must be `expectedNodata`) and its image. */
export async function readSourceGrid(path: string, expectedNodata: number = NODATA) {
  const tiff = await fromArrayBuffer(toArrayBuffer(readFileSync(path)));
  const image = await tiff.getImage();
  const [originLon, originLat] = image.getOrigin();
  const [resLon, resLat] = image.getResolution();
  const nodata = image.getGDALNoData();
  if (nodata !== expectedNodata) throw new Error(`Unexpected nodata ${nodata} in ${path}`);
  if (image.getSamplesPerPixel() !== 1) throw new Error(`${path}: expected a single band`);
  const grid: SourceGrid = {
    width: image.getWidth(),
    height: image.getHeight(),
    originLon,
    originLat,
    cellSizeLon: resLon,
    cellSizeLat: -resLat,
    nodata,
  };
  return { grid, image };
}

type Bbox = [number, number, number, number];

function ringBbox(ring: readonly Position[]): Bbox {
  const bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
  return bbox;
}

/**
 * The window of whole source cells covering the bounding box of the province's parts that overlap the source
 * grid's extent, clipped to that extent. (Parts wholly outside the grid, such as the Hoàng Sa archipelago east of
 * the WorldPop Vietnam grid, carry no population data and would only add empty columns.)
 */
export function windowForProvince(grid: SourceGrid, geometry: Polygon | MultiPolygon): RasterWindow {
  const extent: Bbox = [
    grid.originLon,
    grid.originLat - grid.height * grid.cellSizeLat,
    grid.originLon + grid.width * grid.cellSizeLon,
    grid.originLat,
  ];
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const part of parts) {
    const b = ringBbox(part[0]);
    if (b[2] < extent[0] || b[0] > extent[2] || b[3] < extent[1] || b[1] > extent[3]) continue;
    bbox[0] = Math.min(bbox[0], Math.max(b[0], extent[0]));
    bbox[1] = Math.min(bbox[1], Math.max(b[1], extent[1]));
    bbox[2] = Math.max(bbox[2], Math.min(b[2], extent[2]));
    bbox[3] = Math.max(bbox[3], Math.min(b[3], extent[3]));
  }
  if (!(bbox[0] < bbox[2])) throw new Error('The province does not overlap the population grid');
  const col0 = Math.max(0, Math.floor((bbox[0] - grid.originLon) / grid.cellSizeLon));
  const col1 = Math.min(grid.width, Math.ceil((bbox[2] - grid.originLon) / grid.cellSizeLon));
  const row0 = Math.max(0, Math.floor((grid.originLat - bbox[3]) / grid.cellSizeLat));
  const row1 = Math.min(grid.height, Math.ceil((grid.originLat - bbox[1]) / grid.cellSizeLat));
  return {
    col0,
    row0,
    width: col1 - col0,
    height: row1 - row0,
    originLon: grid.originLon + col0 * grid.cellSizeLon,
    originLat: grid.originLat - row0 * grid.cellSizeLat,
    cellSizeLon: grid.cellSizeLon,
    cellSizeLat: grid.cellSizeLat,
  };
}

/** Longitude of the centre of window column `col`, computed from the source grid as the source's cell centre. */
export function centreLon(grid: SourceGrid, window: RasterWindow, col: number): number {
  return grid.originLon + (window.col0 + col + 0.5) * grid.cellSizeLon;
}

export function centreLat(grid: SourceGrid, window: RasterWindow, row: number): number {
  return grid.originLat - (window.row0 + row + 0.5) * grid.cellSizeLat;
}

/** 1 for window cells whose centre is inside the polygon (one scanline per row, even-odd rule). */
export function centreInsideMask(grid: SourceGrid, window: RasterWindow, geometry: Polygon | MultiPolygon): Uint8Array {
  const rings = ringsOf(geometry);
  const mask = new Uint8Array(window.width * window.height);
  const xs = new Float64Array(window.width);
  for (let col = 0; col < window.width; col++) xs[col] = centreLon(grid, window, col);
  for (let row = 0; row < window.height; row++) {
    mask.set(scanlineRowMask(rings, centreLat(grid, window, row), xs), row * window.width);
  }
  return mask;
}

/** Sum in float64, row-major, of the cells that are inside and not nodata. */
export function maskedSum(values: ArrayLike<number>, mask: ArrayLike<number> | null, nodata: number): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const value = values[i];
    if (value === nodata || Number.isNaN(value)) continue;
    total += value;
  }
  return total;
}

/** The whole source raster, decoded once: clipping many provinces from it avoids decoding the file each time. */
export interface SourceRaster {
  grid: SourceGrid;
  values: Float32Array;
}

export async function readSourceRaster(path: string): Promise<SourceRaster> {
  const { grid, image } = await readSourceGrid(path);
  const values = (await image.readRasters({ samples: [0] }))[0] as Float32Array;
  if (!(values instanceof Float32Array)) throw new Error('Expected float32 population values');
  return { grid, values };
}

/** The window's cells copied out of the decoded raster (the same values a windowed read gives). */
function windowValues(raster: SourceRaster, window: RasterWindow): Float32Array {
  const out = new Float32Array(window.width * window.height);
  for (let row = 0; row < window.height; row++) {
    const start = (window.row0 + row) * raster.grid.width + window.col0;
    out.set(raster.values.subarray(start, start + window.width), row * window.width);
  }
  return out;
}

/**
 * Reads the window from the source image (or from `raster`, the same file decoded once) and sets every cell whose
 * centre is outside the polygon to nodata.
 */
export async function clipPopulation(
  path: string,
  geometry: Polygon | MultiPolygon,
  raster?: SourceRaster,
): Promise<ClippedPopulation> {
  let grid: SourceGrid;
  let window: RasterWindow;
  let source: Float32Array;
  if (raster) {
    grid = raster.grid;
    window = windowForProvince(grid, geometry);
    source = windowValues(raster, window);
  } else {
    const read = await readSourceGrid(path);
    grid = read.grid;
    window = windowForProvince(grid, geometry);
    const rasters = await read.image.readRasters({
      window: [window.col0, window.row0, window.col0 + window.width, window.row0 + window.height],
      samples: [0],
    });
    source = rasters[0] as Float32Array;
    if (!(source instanceof Float32Array)) throw new Error('Expected float32 population values');
  }
  const insideMask = centreInsideMask(grid, window, geometry);
  const values = new Float32Array(source.length);
  let cellCount = 0;
  let populatedCellCount = 0;
  for (let i = 0; i < source.length; i++) {
    const value = source[i];
    if (insideMask[i] && value !== NODATA && !Number.isNaN(value)) {
      values[i] = value;
      cellCount++;
      if (value > 0) populatedCellCount++;
    } else {
      values[i] = NODATA;
    }
  }
  // The reference total, straight from the source values in the same (row-major) order.
  const total = maskedSum(source, insideMask, NODATA);
  return { grid, window, values, insideMask, total, cellCount, populatedCellCount };
}

/**
 * Drops one entry from the first IFD of a big-endian TIFF written by geotiff's writer. The writer always emits
 * ExtraSamples = [0], which declares the single grey band an "extra" sample; readers such as libtiff warn about it.
 * Values stored outside the IFD keep their absolute offsets, so only the entry table shifts.
 */
export function dropIfdEntry(buffer: ArrayBuffer, tag: number): ArrayBuffer {
  const bytes = new Uint8Array(buffer.slice(0));
  const view = new DataView(bytes.buffer);
  if (view.getUint16(0) !== 0x4d4d) throw new Error('Expected a big-endian TIFF');
  const ifd = view.getUint32(4);
  const count = view.getUint16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + 12 * i;
    if (view.getUint16(entry) !== tag) continue;
    const end = ifd + 2 + 12 * count + 4; // entries and the next-IFD offset
    bytes.copyWithin(entry, entry + 12, end);
    bytes.fill(0, end - 12, end);
    view.setUint16(ifd, count - 1);
    return bytes.buffer;
  }
  return bytes.buffer;
}

export const EXTRA_SAMPLES_TAG = 338;

/**
 * One band of values as an uncompressed GeoTIFF in EPSG:4326 (PixelIsArea, the tiepoint at the first cell's corner)
 * with GDAL_NODATA; the writer's spurious ExtraSamples tag is removed. The population and terrain rasters share it.
 */
export function encodeGeographicTiff(
  values: Float32Array | Uint16Array,
  window: RasterWindow,
  sample: { bitsPerSample: number; sampleFormat: number; nodata: number },
): ArrayBuffer {
  const encoded = writeArrayBuffer(values, {
    width: window.width,
    height: window.height,
    BitsPerSample: [sample.bitsPerSample],
    SampleFormat: [sample.sampleFormat],
    SamplesPerPixel: [1],
    PhotometricInterpretation: [1],
    ModelPixelScale: [window.cellSizeLon, window.cellSizeLat, 0],
    ModelTiepoint: [0, 0, 0, window.originLon, window.originLat, 0],
    GTModelTypeGeoKey: 2, // geographic
    GTRasterTypeGeoKey: 1, // PixelIsArea: the tiepoint is the corner of the first cell
    GeographicTypeGeoKey: 4326,
    GeogCitationGeoKey: 'WGS 84',
    GDAL_NODATA: String(sample.nodata),
  });
  return dropIfdEntry(encoded, EXTRA_SAMPLES_TAG);
}

/** Encodes the clipped grid as an uncompressed float32 GeoTIFF in EPSG:4326 with GDAL_NODATA. */
export function encodePopulationTiff(population: ClippedPopulation): ArrayBuffer {
  return encodeGeographicTiff(population.values, population.window, {
    bitsPerSample: 32,
    sampleFormat: 3,
    nodata: NODATA,
  });
}

/**
 * Reads the encoded GeoTIFF back with geotiff and checks origin, resolution, nodata, every value and the total
 * against the clipped population. Throws on any difference.
 */
export async function verifyPopulationTiff(buffer: ArrayBuffer, population: ClippedPopulation): Promise<void> {
  const { window, values, total } = population;
  const image = await (await fromArrayBuffer(buffer.slice(0))).getImage();
  const [originLon, originLat] = image.getOrigin();
  const [resLon, resLat] = image.getResolution();
  const problems: string[] = [];
  if (image.getWidth() !== window.width || image.getHeight() !== window.height) problems.push('size');
  if (originLon !== window.originLon || originLat !== window.originLat) problems.push('origin');
  if (resLon !== window.cellSizeLon || resLat !== -window.cellSizeLat) problems.push('resolution');
  if (image.getGDALNoData() !== NODATA) problems.push('nodata');
  if (image.getGeoKeys()?.GeographicTypeGeoKey !== 4326) problems.push('EPSG:4326 GeoKey');
  const read = (await image.readRasters({ samples: [0] }))[0] as Float32Array;
  if (!(read instanceof Float32Array) || read.length !== values.length) problems.push('raster type or length');
  else {
    for (let i = 0; i < values.length; i++) {
      if (!Object.is(read[i], values[i])) {
        problems.push(`value at cell ${i}`);
        break;
      }
    }
    const readTotal = maskedSum(read, null, NODATA);
    if (readTotal !== total) problems.push(`total ${readTotal} != ${total}`);
  }
  if (problems.length > 0) throw new Error(`population.tif read-back mismatch: ${problems.join(', ')}`);
}
