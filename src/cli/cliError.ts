/**
 * An input the command cannot use at all (missing or unreadable file, wrong format, bad flag): main prints the
 * message as one line on stderr, with no stack, and exits with status 2.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
