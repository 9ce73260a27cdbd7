/** A line as GeoJSON writes a LineString: [lon, lat] positions in degrees. */
export type LonLatPolyline = number[][];
