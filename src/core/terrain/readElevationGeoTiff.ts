import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { type CrsDefinition, CrsError, resolveCrs } from '../crs/crsDefinitions';
import { describeRasterDecodeError, rasterDecodeWorded } from '../io/describeRasterDecodeError';
import { northUpGeoreference } from '../io/northUpGeoreference';
import { registerFastTiffDecoders } from '../io/registerFastTiffDecoders';
import { ElevationFileError } from './elevationFileError';
import type { ElevationRaster } from './elevationRaster';

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
 * Read the first band of a north-up elevation GeoTIFF (Int16 SRTM extracts, Float32 DEMs, any integer type) into an
 * ElevationRaster. Each value is the height of a pixel and is placed at the pixel's CENTRE (for PixelIsPoint files,
 * at the position the tie point gives). Pixels equal to the GDAL nodata value, or NaN, are voids.
 *
 * The CRS comes from the GeoKeys: GeographicTypeGeoKey 4326 (or no key at all, read as WGS 84 degrees after an
 * extent check) or 4756 (VN-2000 degrees); ProjectedCSTypeGeoKey naming a CRS the project knows (EPSG:3405/3406
 * VN-2000 UTM, EPSG:32648/32649 WGS 84 UTM, EPSG:3857), or, when the key says user-defined, `options.crs` (such as
 * a VN-2000 TM-3 zone). A projected DEM is kept on its own grid; samplers convert lon/lat to x/y.
 * Throws ElevationFileError for anything else: not a TIFF, not georeferenced, rotated, an unknown CRS, more than
 * MAX_ELEVATION_SAMPLES samples; each with a code (and its values) for the UI's words.
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
  const width = image.getWidth();
  const height = image.getHeight();
  if (!(width >= 2 && height >= 2) || width * height > MAX_ELEVATION_SAMPLES) {
    throw new ElevationFileError(
      `the raster is ${width.toLocaleString('en')} x ${height.toLocaleString('en')} pixels; an elevation raster needs at least ` +
        `2 x 2 and at most ` +
        `${MAX_ELEVATION_SAMPLES.toLocaleString('en')} pixels (cut it to the area of interest, e.g. gdal_translate -projwin)`,
      { code: 'rasterSize', params: { width, height, max: MAX_ELEVATION_SAMPLES } },
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
  for (let i = 0; i < heightsM.length; i++) {
    const value = band[i];
    heightsM[i] = value === nodataExact || value === nodataRounded ? Number.NaN : value;
  }
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
