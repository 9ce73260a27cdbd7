import proj4 from 'proj4';
import { type CrsDefinition, resolveCrs } from './crsDefinitions';

/** [x, y] in a CRS (easting, northing in metres, or lon, lat in degrees) to WGS 84 [lon, lat]; null when undefined. */
export type PointTransform = (x: number, y: number) => [number, number] | null;

/**
 * A function taking coordinates in `crs` to WGS 84 longitude and latitude. Identity for EPSG:4326. A point the
 * projection cannot invert (NaN, infinite, far outside the zone) gives null.
 */
export function createToWgs84(crs: CrsDefinition | string): PointTransform {
  const definition = typeof crs === 'string' ? resolveCrs(crs) : crs;
  if (definition.code === 'EPSG:4326') return (x, y) => [x, y];
  const converter = proj4(definition.proj4, 'WGS84');
  return (x, y) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const result = converter.forward([x, y]) as number[];
    const [lon, lat] = result;
    return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 90 ? [lon, lat] : null;
  };
}

/** The reverse: WGS 84 [lon, lat] to coordinates in `crs`. */
export function createFromWgs84(crs: CrsDefinition | string): PointTransform {
  const definition = typeof crs === 'string' ? resolveCrs(crs) : crs;
  if (definition.code === 'EPSG:4326') return (lon, lat) => [lon, lat];
  const converter = proj4('WGS84', definition.proj4);
  return (lon, lat) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    const [x, y] = converter.forward([lon, lat]) as number[];
    return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
  };
}

/** Apply a point transform to every position of a GeoJSON geometry's coordinates (nested arrays), in place order. */
export function transformCoordinates(coordinates: unknown, transform: PointTransform): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number') {
    const moved = transform(coordinates[0], coordinates[1] as number);
    if (moved === null) throw new RangeError(`cannot transform position [${coordinates.slice(0, 2).join(', ')}]`);
    return coordinates.length > 2 ? [...moved, ...coordinates.slice(2)] : moved;
  }
  return coordinates.map((child) => transformCoordinates(child, transform));
}
