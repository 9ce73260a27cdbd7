import { WordedError, type WordedFields } from '../model/wordedMessage';

/**
 * A candidate-site file that cannot be used at all (not text, no header, missing columns). One-line message (the
 * command line's words); `code` and `params` let the UI word it in its own language.
 */
export class CandidateFileError extends WordedError {
  constructor(message: string, worded: WordedFields = {}) {
    super(message, worded);
    this.name = 'CandidateFileError';
  }
}
