/** A population raster that cannot be used (not a TIFF, not georeferenced, projected CRS, rotated). One-line message. */
export class PopulationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PopulationFileError';
  }
}
