import type { Feature, FeatureCollection } from 'geojson';

/** A layer as GeoJSON text (RFC 7946: WGS 84 lon/lat, no "crs" member); compact unless `pretty`. */
export function exportGeoJson(
  features: readonly Feature[] | FeatureCollection,
  options: { pretty?: boolean } = {},
): string {
  const collection: FeatureCollection = Array.isArray(features)
    ? { type: 'FeatureCollection', features: [...features] }
    : (features as FeatureCollection);
  return JSON.stringify(collection, null, options.pretty ? 2 : undefined);
}
