import { WordedError, type WordedFields } from '../model/wordedMessage';

/**
 * An elevation file that cannot be used: wrong size or name for an SRTM tile, not a GeoTIFF, an unknown CRS, absurd
 * dimensions. One-line message; the command line prefixes the file name. `code` and `params` let the UI word it in
 * its own language.
 */
export class ElevationFileError extends WordedError {
  constructor(message: string, worded: WordedFields = {}) {
    super(message, worded);
    this.name = 'ElevationFileError';
  }
}
