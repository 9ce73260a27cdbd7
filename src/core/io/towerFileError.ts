/**
 * A tower file that cannot be used at all (not text, no header, required columns missing, invalid JSON).
 * Bad rows are not errors: they are reported in `TowerParseResult.rejected`.
 * The message is one line, meant to be shown to the user as is.
 */
export class TowerFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TowerFileError';
  }
}
