import { WordedError, type WordedFields } from '../model/wordedMessage';

/**
 * A layer file that cannot be used at all (wrong format, invalid JSON or XML, damaged archive). The message is one
 * line, the command line's words; `code` and `params` let the UI word it in its own language.
 */
export class LayerFileError extends WordedError {
  constructor(message: string, worded: WordedFields = {}) {
    super(message, worded);
    this.name = 'LayerFileError';
  }
}
