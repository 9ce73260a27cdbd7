import { WordedError, type WordedFields } from '../model/wordedMessage';

/**
 * A boundary file that cannot be used (invalid JSON, no polygon, coordinates not in degrees). One-line message (the
 * command line's words); `code` and `params`, where given, let the UI word it in its own language.
 */
export class BoundaryFileError extends WordedError {
  constructor(message: string, worded: WordedFields = {}) {
    super(message, worded);
    this.name = 'BoundaryFileError';
  }
}
