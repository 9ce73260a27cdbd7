/** A candidate-site file that cannot be used at all (not text, no header, missing columns). One-line message. */
export class CandidateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CandidateFileError';
  }
}
