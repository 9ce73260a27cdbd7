import { WordedError, type WordedFields } from '../model/wordedMessage';

/**
 * A tower file that cannot be used at all (not text, no header, required columns missing, invalid JSON).
 * Bad rows are not errors: they are reported in `TowerParseResult.rejected`.
 * The message is one line, meant to be shown to the user as is (the command line's words); `code` and `params` let
 * the UI word it in its own language, `hint` adds a second worded message (the file's encoding).
 */
export class TowerFileError extends WordedError {
  constructor(message: string, worded: WordedFields = {}) {
    super(message, worded);
    this.name = 'TowerFileError';
  }
}
