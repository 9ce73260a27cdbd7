import type { WordedMessage } from '../model/wordedMessage';

/**
 * A tower file that cannot be used at all (not text, no header, required columns missing, invalid JSON).
 * Bad rows are not errors: they are reported in `TowerParseResult.rejected`.
 * The message is one line, meant to be shown to the user as is (the command line's words); `code` and `params` let
 * the UI word it in its own language, `hint` adds a second worded message (the file's encoding).
 */
export class TowerFileError extends Error {
  readonly code?: string;
  readonly params?: Record<string, string | number>;
  readonly hint?: WordedMessage;

  constructor(message: string, worded: Omit<WordedMessage, 'reason'> = {}) {
    super(message);
    this.name = 'TowerFileError';
    if (worded.code !== undefined) this.code = worded.code;
    if (worded.params !== undefined) this.params = worded.params;
    if (worded.hint !== undefined) this.hint = worded.hint;
  }
}
