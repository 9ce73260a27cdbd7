import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { type CrsDefinition, CrsError, resolveCrs } from '../crs/crsDefinitions';
import { createToWgs84 } from '../crs/transformToWgs84';
import type { PopulationGrid } from '../model/populationGrid';
import { reprojectGridToGeographic } from '../population/reprojectGridToGeographic';
import { describeRasterDecodeError } from './describeRasterDecodeError';
import { northUpGeoreference } from './northUpGeoreference';
import { PopulationFileError } from './populationFileError';
import { registerFastTiffDecoders } from './registerFastTiffDecoders';
import { type SingleBandSamples, singleBandSamples } from './singleBandSamples';

registerFastTiffDecoders();

/** GeoTIFF GTModelTypeGeoKey values. */
const MODEL_TYPE_PROJECTED = 1;
const MODEL_TYPE_GEOGRAPHIC = 2;
/** GTRasterTypeGeoKey: the tie point names a pixel's centre rather than its corner. */
const RASTER_PIXEL_IS_POINT = 2;
/**
 * The most memory a population raster's band may take once read, bytes: 512 MiB, 2^27 cells of Float32 (above
 * WorldPop's 100 m grid of the whole country, about 110 M cells); other sample types count their own size and the
 * Float32 copy made of them. A few bytes of header can declare any size, and the band is held whole. The raster has
 * one band (singleBandSamples), so this is also what the decoders inflate.
 */
export const MAX_POPULATION_BYTES = 512 * 1024 * 1024;

/**
 * Read the first band of a north-up GeoTIFF in geographic coordinates (degrees), such as WorldPop's population
 * counts, into a PopulationGrid. Only the full-resolution image is read; the whole band is held in memory
 * (a 1 km national raster of Vietnam is 1.6 M cells, 6 MB).
 * A raster in a projected CRS this project knows (EPSG:3405/3406 VN-2000 UTM, EPSG:32648/32649 WGS 84 UTM,
 * EPSG:3857), or in the CRS given as `options.crs` when its keys name none, is moved onto a geographic grid of about
 * the same cell size, conserving the total (see reprojectGridToGeographic).
 * Throws PopulationFileError when the bytes are not a TIFF, carry no georeferencing, use an unsupported projected
 * CRS, are rotated, have more than one band or a predictor that does not fit their samples (both checked before
 * decoding), would take more than MAX_POPULATION_BYTES, or hold cells that are no count (negative or infinite, and
 * not the nodata value): the grid's figures are then never negative or infinite.
 */
export async function readPopulationGeoTiff(
  buffer: ArrayBuffer,
  options: { crs?: CrsDefinition | string } = {},
): Promise<PopulationGrid> {
  let image: GeoTIFFImage;
  try {
    const tiff = await fromArrayBuffer(buffer);
    image = await tiff.getImage();
  } catch (error) {
    throw new PopulationFileError(`not a GeoTIFF (${messageOf(error)})`);
  }
  const samples = await singleBandSamples(image, 'population');
  if ('problem' in samples) throw new PopulationFileError(samples.problem);
  checkPopulationSize(image, samples);
  const geoKeys = image.getGeoKeys() ?? {};
  const modelType = geoKeys.GTModelTypeGeoKey;
  let projected: CrsDefinition | null = null;
  if (modelType === MODEL_TYPE_PROJECTED || geoKeys.ProjectedCSTypeGeoKey !== undefined) {
    projected = projectedCrs(geoKeys.ProjectedCSTypeGeoKey, options.crs);
  } else if (modelType !== undefined && modelType !== MODEL_TYPE_GEOGRAPHIC) {
    throw new PopulationFileError(`unsupported GeoTIFF model type ${String(modelType)} (expected geographic, 2)`);
  }

  const georeference = northUpGeoreference(image);
  if ('problem' in georeference) throw new PopulationFileError(georeference.problem);
  const { origin, resolution, tieColumn, tieRow } = georeference;
  const cellSizeLonDeg = resolution[0];
  const cellSizeLatDeg = -resolution[1];
  if (!(cellSizeLonDeg > 0 && cellSizeLatDeg > 0)) {
    throw new PopulationFileError(`unsupported cell size ${resolution[0]} x ${resolution[1]} (expected north-up)`);
  }
  const halfCell = geoKeys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT ? 0.5 : 0;
  const originLon = origin[0] - (tieColumn + halfCell) * cellSizeLonDeg;
  const originLat = origin[1] + (tieRow + halfCell) * cellSizeLatDeg;
  const width = image.getWidth();
  const height = image.getHeight();
  const east = originLon + width * cellSizeLonDeg;
  const south = originLat - height * cellSizeLatDeg;
  if (projected === null && (originLon < -180.5 || east > 360.5 || originLat > 90.5 || south < -90.5)) {
    throw new PopulationFileError(
      `the raster's extent (${originLon}, ${south}) – (${east}, ${originLat}) is not in degrees; ` +
        'only geographic (EPSG:4326) rasters are supported',
    );
  }

  let band: ArrayLike<number>;
  try {
    band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
  } catch (error) {
    throw new PopulationFileError(`cannot decode the raster (${describeRasterDecodeError(error)})`);
  }
  const values = band instanceof Float32Array ? band : Float32Array.from(band);
  const nodata = image.getGDALNoData();
  // Compared against float32 cells, so rounded the same way (a nodata of 0.1 is stored as 0.100000001...).
  const nodataCell = nodata === null || Number.isNaN(nodata) ? null : Math.fround(nodata);
  checkPopulationCounts(values, width, nodataCell);
  if (projected) {
    try {
      return reprojectGridToGeographic(
        {
          width,
          height,
          originX: originLon,
          originY: originLat,
          cellSizeX: cellSizeLonDeg,
          cellSizeY: cellSizeLatDeg,
          values,
          nodata: nodataCell,
        },
        createToWgs84(projected),
      );
    } catch (error) {
      throw new PopulationFileError(`cannot reproject the raster from ${projected.code} (${messageOf(error)})`);
    }
  }
  return {
    width,
    height,
    originLon,
    originLat,
    cellSizeLonDeg,
    cellSizeLatDeg,
    nodata: nodataCell,
    values,
  };
}

/** Throws when the band would take more than MAX_POPULATION_BYTES once read. */
function checkPopulationSize(image: GeoTIFFImage, samples: SingleBandSamples): void {
  const width = image.getWidth();
  const height = image.getHeight();
  const sampleBytes = samples.bytesPerSample;
  // A Float32 band is used as it is read; any other type is read, then copied into Float32.
  const float32 = sampleBytes === 4 && samples.sampleFormat === 3;
  const bytesPerCell = sampleBytes + (float32 ? 0 : 4);
  if (width * height * bytesPerCell > MAX_POPULATION_BYTES) {
    const most = Math.floor(MAX_POPULATION_BYTES / bytesPerCell);
    throw new PopulationFileError(
      `the raster is ${width.toLocaleString('en')} x ${height.toLocaleString('en')} cells; a population raster of ` +
        `${sampleBytes}-byte values may have at most ${most.toLocaleString('en')} cells (cut it to the area of ` +
        'interest, e.g. gdal_translate -projwin, or use a coarser grid)',
    );
  }
}

/**
 * Throws when a cell that is not nodata (nor NaN, which counts as nodata) holds a negative or infinite value: no
 * count of people, and summed with the rest it makes totals negative (an Int16 raster decoded wrongly gave
 * -14,244,800 people) or not a number (one +Infinity cell gave a total of null). Such cells are usually a nodata
 * value the file does not declare; the reader refuses them rather than guess, as it refuses any other raster it
 * cannot read as counts, and says how to declare it.
 */
function checkPopulationCounts(values: Float32Array, width: number, nodata: number | null): void {
  let count = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // Written so that NaN passes (every comparison with it is false).
    if (value >= 0 && value !== Number.POSITIVE_INFINITY) continue;
    if (Number.isNaN(value) || value === nodata) continue;
    count++;
    if (first < 0) first = i;
  }
  if (count === 0) return;
  throw new PopulationFileError(
    `${count.toLocaleString('en')} ${count === 1 ? 'cell holds a value' : 'cells hold values'} that no population ` +
      `count takes (negative or infinite; the first, at column ${first % width}, row ${Math.floor(first / width)}, ` +
      `is ${values[first]}): if ${count === 1 ? 'it marks a cell' : 'they mark cells'} without data, declare that ` +
      "value as the raster's nodata (e.g. gdal_edit -a_nodata VALUE FILE.tif)",
  );
}

/** The projected CRS a raster's key names (or the one given when the key says "user-defined"); throws if unknown. */
function projectedCrs(code: unknown, given: CrsDefinition | string | undefined): CrsDefinition {
  const named = typeof code === 'number' && code !== 32767 ? `EPSG:${code}` : null;
  try {
    if (named) return resolveCrs(named);
    if (given !== undefined) return typeof given === 'string' ? resolveCrs(given) : given;
  } catch (error) {
    if (!(error instanceof CrsError)) throw error;
  }
  throw new PopulationFileError(
    `the raster is in ${named ?? 'a projected CRS that its keys do not name'}, which is not supported ` +
      '(supported: geographic EPSG:4326, EPSG:3405, EPSG:3406, EPSG:32648, EPSG:32649, EPSG:3857, or a VN-2000 zone ' +
      'given as the CRS) — reproject it, e.g. gdalwarp -t_srs EPSG:4326',
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
