import type { Feature } from 'geojson';

/**
 * The columns a layer is written in as a table (CSV, Excel): `lon`, `lat` for a point layer, else `wkt`; then every
 * property key in first-seen order, whose column is named `<key>_property` when it would shadow a geometry column.
 */
export function layerColumns(features: readonly Feature[]): {
  allPoints: boolean;
  geometryColumns: string[];
  keys: string[];
  propertyColumns: string[];
} {
  const allPoints = features.every((feature) => feature.geometry?.type === 'Point');
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const geometryColumns = allPoints ? ['lon', 'lat'] : ['wkt'];
  const propertyColumns = keys.map((key) => (geometryColumns.includes(key) ? `${key}_property` : key));
  return { allPoints, geometryColumns, keys, propertyColumns };
}
