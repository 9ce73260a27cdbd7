/** A point the path or viewshed needs a ground height for lies outside every DEM given. One-line message. */
export class OutsideElevationError extends Error {
  constructor(
    readonly lonDeg: number,
    readonly latDeg: number,
    what: string,
  ) {
    super(`${what} (${lonDeg.toFixed(6)}, ${latDeg.toFixed(6)}) is outside every DEM given`);
    this.name = 'OutsideElevationError';
  }
}
