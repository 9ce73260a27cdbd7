import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { type CrsDefinition, CrsError, resolveCrs } from '../crs/crsDefinitions';
import { describeRasterDecodeError, rasterDecodeWorded } from '../io/describeRasterDecodeError';
import { northUpGeoreference } from '../io/northUpGeoreference';
import { registerFastTiffDecoders } from '../io/registerFastTiffDecoders';
import { singleBandSamples } from '../io/singleBandSamples';
import { ElevationFileError } from './elevationFileError';
import type { ElevationRaster } from './elevationRaster';
import { PLAUSIBLE_HEIGHT_RANGE_M } from './summarizeElevationRaster';

registerFastTiffDecoders();

/** GeoTIFF GTModelTypeGeoKey values. */
const MODEL_TYPE_PROJECTED = 1;
const MODEL_TYPE_GEOGRAPHIC = 2;
/** GTRasterTypeGeoKey: raster position (0, 0) is the centre of the first pixel rather than its corner. */
const RASTER_PIXEL_IS_POINT = 2;
/** Key value meaning "user-defined": the keys do not name the CRS. */
const USER_DEFINED = 32767;
/** Geographic CRSs whose degrees are read: WGS 84 and VN-2000 (the latter moved to WGS 84 when sampled). */
const GEOGRAPHIC_CODES = new Set([4326, 4756]);
/**
 * The most samples a DEM may have: 64 M (a 1″ DEM of 8,000 x 8,000, about 2.2° square, already more than a
 * province), 256 MB as float32. Checked from the header, before anything is decoded or allocated.
 */
export const MAX_ELEVATION_SAMPLES = 64 * 1024 * 1024;
/**
 * The most bytes a DEM's band may take once decoded: 256 MiB, MAX_ELEVATION_SAMPLES of 2-byte or 4-byte values, so
 * a Float64 DEM may have half as many. geotiff.js holds every decoded block and the band it copies them into at once,
 * then the heights are copied into Float32, so the peak is about twice this plus 256 MB.
 */
export const MAX_ELEVATION_DECODED_BYTES = MAX_ELEVATION_SAMPLES * 4;

/**
 * Read the first band of a north-up elevation GeoTIFF (Int16 SRTM extracts, Float32 DEMs, any integer type) into an
 * ElevationRaster. Each value is the height of a pixel and is placed at the pixel's CENTRE (for PixelIsPoint files,
 * at the position the tie point gives). Pixels equal to the GDAL nodata value, or NaN, are voids.
 *
 * The CRS comes from the GeoKeys: GeographicTypeGeoKey 4326 (or no key at all, read as WGS 84 degrees after an
 * extent check) or 4756 (VN-2000 degrees); ProjectedCSTypeGeoKey naming a CRS the project knows (EPSG:3405/3406
 * VN-2000 UTM, EPSG:32648/32649 WGS 84 UTM, EPSG:3857), or, when the key says user-defined, `options.crs` (such as
 * a VN-2000 TM-3 zone). A projected DEM is kept on its own grid; samplers convert lon/lat to x/y.
 * Throws ElevationFileError for anything else: not a TIFF, not georeferenced, rotated, an unknown CRS, more than
 * one band or a predictor that does not fit the samples (singleBandSamples), more than MAX_ELEVATION_SAMPLES samples
 * or MAX_ELEVATION_DECODED_BYTES (all checked before decoding); and after decoding, no height at all ('allVoid') or
 * heights no ground has ('heightsOutOfRange', outside PLAUSIBLE_HEIGHT_RANGE_M); each with a code (and its values)
 * for the UI's words.
 */
export async function readElevationGeoTiff(
  bytes: Uint8Array,
  fileName: string,
  options: { crs?: CrsDefinition | string } = {},
): Promise<ElevationRaster> {
  let image: GeoTIFFImage;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    image = await (await fromArrayBuffer(buffer)).getImage();
  } catch (error) {
    throw new ElevationFileError(`not a GeoTIFF (${messageOf(error)})`, {
      code: 'notGeoTiff',
      params: { detail: messageOf(error) },
    });
  }
  const samples = await singleBandSamples(image, 'elevation');
  if ('problem' in samples) {
    throw new ElevationFileError(samples.problem, { code: samples.code, params: samples.params });
  }
  const width = image.getWidth();
  const height = image.getHeight();
  // Samples of more than 4 bytes (Float64) are held in fewer pixels, the band being bounded by its decoded bytes.
  const byteBound = samples.bytesPerSample > 4;
  const maxPixels = byteBound
    ? Math.floor(MAX_ELEVATION_DECODED_BYTES / samples.bytesPerSample)
    : MAX_ELEVATION_SAMPLES;
  if (!(width >= 2 && height >= 2) || width * height > maxPixels) {
    throw new ElevationFileError(
      `the raster is ${width.toLocaleString('en')} x ${height.toLocaleString('en')} pixels; an elevation raster needs at least ` +
        `2 x 2 and at most ` +
        `${maxPixels.toLocaleString('en')} pixels${byteBound ? ` of ${samples.bytesPerSample}-byte values` : ''} ` +
        '(cut it to the area of interest, e.g. gdal_translate -projwin)',
      { code: 'rasterSize', params: { width, height, max: maxPixels } },
    );
  }
  const crs = crsOfKeys(image.getGeoKeys() ?? {}, options.crs);

  const georeference = northUpGeoreference(image);
  if ('problem' in georeference) {
    throw new ElevationFileError(georeference.problem, { code: georeference.code, params: georeference.params });
  }
  const { origin, resolution, tieColumn, tieRow } = georeference;
  const spacingX = resolution[0];
  const spacingY = -resolution[1];
  if (!(spacingX > 0 && spacingY > 0)) {
    throw new ElevationFileError(`unsupported pixel size ${resolution[0]} x ${resolution[1]} (expected north-up)`, {
      code: 'notNorthUp',
      params: { x: resolution[0], y: resolution[1] },
    });
  }
  // Raster position (0, 0) in model space; for PixelIsArea it is the first pixel's corner, so its centre is half a
  // pixel in; for PixelIsPoint it already is the centre.
  const pixelIsPoint = image.getGeoKeys()?.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT;
  const half = pixelIsPoint ? 0 : 0.5;
  const firstSampleX = origin[0] + (half - tieColumn) * spacingX;
  const firstSampleY = origin[1] - (half - tieRow) * spacingY;
  if (crs.geographic) {
    const east = firstSampleX + (width - 1) * spacingX;
    const south = firstSampleY - (height - 1) * spacingY;
    if (firstSampleX < -180.5 || east > 360.5 || firstSampleY > 90.5 || south < -90.5) {
      throw new ElevationFileError(
        `the raster's extent (${firstSampleX}, ${south}) – (${east}, ${firstSampleY}) is not in degrees although ` +
          'its keys name a geographic CRS',
        { code: 'extentNotDegrees', params: { west: firstSampleX, south, east, north: firstSampleY } },
      );
    }
  }

  let band: ArrayLike<number>;
  try {
    band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
  } catch (error) {
    throw new ElevationFileError(
      `cannot decode the raster (${describeRasterDecodeError(error)})`,
      rasterDecodeWorded(error),
    );
  }
  const nodata = image.getGDALNoData();
  const nodataExact = nodata === null || Number.isNaN(nodata) ? Number.NaN : nodata;
  // A float32 band stores the nodata rounded (-3.4028234663852886e38, 0.1 as 0.100000001...).
  const nodataRounded = Math.fround(nodataExact);
  const heightsM = new Float32Array(width * height);
  const [lowestM, highestM] = PLAUSIBLE_HEIGHT_RANGE_M;
  let voidCount = 0;
  let outsideCount = 0;
  let minM = Number.POSITIVE_INFINITY;
  let maxM = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < heightsM.length; i++) {
    const value = band[i];
    if (value === nodataExact || value === nodataRounded || Number.isNaN(value)) {
      heightsM[i] = Number.NaN;
      voidCount++;
      continue;
    }
    heightsM[i] = value;
    if (value < minM) minM = value;
    if (value > maxM) maxM = value;
    if (value < lowestM || value > highestM) outsideCount++;
  }
  checkHeights(heightsM.length, voidCount, outsideCount, minM, maxM, nodata);
  return {
    name: baseName(fileName),
    width,
    height,
    firstSampleX,
    firstSampleY,
    spacingX,
    spacingY,
    heightsM,
    crs,
    samplesAt: 'pixel-centre',
  };
}

/**
 * Throws when the heights cannot be ground: every sample a void ('allVoid'; it was read as flat ground at 0 m, without
 * a word), or any outside PLAUSIBLE_HEIGHT_RANGE_M ('heightsOutOfRange'): a population grid read as a DEM, or voids
 * the file does not declare (-32768, -9999); a DEM of 100 m decoded wrongly gave ground at -9,590 m. The DEM screen
 * refuses such a raster by the same range (summarizeElevationRaster); here it is refused for the command line too,
 * rather than its samples guessed at, and the message says how to declare voids.
 */
function checkHeights(
  samples: number,
  voidCount: number,
  outsideCount: number,
  minM: number,
  maxM: number,
  nodata: number | null,
): void {
  if (voidCount === samples) {
    const voids = nodata === null || Number.isNaN(nodata) ? 'NaN' : `the nodata value ${nodata}, or NaN`;
    throw new ElevationFileError(`every sample is a void (${voids}): the DEM holds no height`, { code: 'allVoid' });
  }
  if (outsideCount === 0) return;
  const [lowM, highM] = PLAUSIBLE_HEIGHT_RANGE_M;
  // The value most likely to be an undeclared void: the lowest when any is too low (-32768, -9999), else the highest.
  const suspect = minM < lowM ? minM : maxM;
  throw new ElevationFileError(
    `${outsideCount.toLocaleString('en')} of ${samples.toLocaleString('en')} samples are outside any ground height ` +
      `(${lowM} to ${highM} m; the values run from ${minM} to ${maxM}): it is not an elevation raster (a population ` +
      `grid?), or its voids are not declared (if ${suspect} marks voids, declare it as the raster's nodata, e.g. ` +
      `gdal_edit -a_nodata ${suspect} FILE.tif)`,
    {
      code: 'heightsOutOfRange',
      params: { count: outsideCount, total: samples, min: minM, max: maxM, low: lowM, high: highM, suspect },
    },
  );
}

/** The CRS the GeoKeys name; throws ElevationFileError naming the key's value when it is not one known here. */
function crsOfKeys(geoKeys: Record<string, unknown>, given: CrsDefinition | string | undefined): CrsDefinition {
  const modelType = geoKeys.GTModelTypeGeoKey;
  if (modelType === MODEL_TYPE_PROJECTED || geoKeys.ProjectedCSTypeGeoKey !== undefined) {
    const code = geoKeys.ProjectedCSTypeGeoKey;
    const named = typeof code === 'number' && code !== USER_DEFINED ? `EPSG:${code}` : null;
    try {
      if (named) return resolveCrs(named);
      if (given !== undefined) return typeof given === 'string' ? resolveCrs(given) : given;
    } catch (error) {
      if (!(error instanceof CrsError)) throw error;
    }
    throw new ElevationFileError(
      `the DEM is in ${named ?? 'a projected CRS that its keys do not name'}, which is not supported ` +
        '(supported: EPSG:4326, EPSG:4756, EPSG:3405, EPSG:3406, EPSG:32648, EPSG:32649, EPSG:3857) — reproject it, ' +
        'e.g. gdalwarp -t_srs EPSG:4326',
      { code: 'unsupportedCrs', params: { crs: named ?? '', geographic: 0 } },
    );
  }
  if (modelType !== undefined && modelType !== MODEL_TYPE_GEOGRAPHIC) {
    throw new ElevationFileError(`unsupported GeoTIFF model type ${String(modelType)} (expected 1 or 2)`, {
      code: 'modelType',
      params: { modelType: String(modelType) },
    });
  }
  const code = geoKeys.GeographicTypeGeoKey;
  if (code === undefined) return resolveCrs('EPSG:4326');
  if (typeof code === 'number' && GEOGRAPHIC_CODES.has(code)) return resolveCrs(`EPSG:${code}`);
  throw new ElevationFileError(
    `the DEM is in the geographic CRS ${code === USER_DEFINED ? 'its keys leave user-defined' : `EPSG:${String(code)}`}, ` +
      'which is not supported (supported: EPSG:4326, EPSG:4756, EPSG:3405, EPSG:3406, EPSG:32648, EPSG:32649, ' +
      'EPSG:3857) — ' +
      'reproject it, e.g. gdalwarp -t_srs EPSG:4326',
    { code: 'unsupportedCrs', params: { crs: code === USER_DEFINED ? '' : `EPSG:${String(code)}`, geographic: 1 } },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
