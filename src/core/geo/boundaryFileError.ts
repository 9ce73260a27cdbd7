/** A boundary file that cannot be used (invalid JSON, no polygon, coordinates not in degrees). One-line message. */
export class BoundaryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoundaryFileError';
  }
}
