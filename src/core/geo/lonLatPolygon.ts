/**
 * A polygon as GeoJSON writes it: rings of [lon, lat] positions in degrees, the first ring the outer boundary and the
 * rest holes. Rings may or may not repeat their first position at the end.
 */
export type LonLatPolygon = number[][][];
