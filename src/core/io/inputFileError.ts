/** A named input file that cannot be used: `cannot read NAME: reason`, one line for a person. */
export class InputFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`cannot read ${fileName}: ${reason}`);
    this.name = 'InputFileError';
  }
}
