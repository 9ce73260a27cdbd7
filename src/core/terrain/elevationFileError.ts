/**
 * An elevation file that cannot be used: wrong size or name for an SRTM tile, not a GeoTIFF, an unknown CRS, absurd
 * dimensions. One-line message; the command line prefixes the file name.
 */
export class ElevationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElevationFileError';
  }
}
