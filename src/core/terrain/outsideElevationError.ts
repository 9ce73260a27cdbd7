import { WordedError } from '../model/wordedMessage';

/**
 * A point the path or viewshed needs a ground height for lies outside every DEM given. One-line message; code
 * 'outsideDem' with the point (`what`: 'the site', 'the start point', 'the end point') and its coordinates.
 */
export class OutsideElevationError extends WordedError {
  constructor(
    readonly lonDeg: number,
    readonly latDeg: number,
    what: string,
  ) {
    super(`${what} (${lonDeg.toFixed(6)}, ${latDeg.toFixed(6)}) is outside every DEM given`, {
      code: 'outsideDem',
      params: { what, lon: lonDeg.toFixed(6), lat: latDeg.toFixed(6) },
    });
    this.name = 'OutsideElevationError';
  }
}
