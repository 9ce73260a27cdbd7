/** A layer file that cannot be used at all (wrong format, invalid JSON or XML, damaged archive). One-line message. */
export class LayerFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayerFileError';
  }
}
