import { readFile } from 'node:fs/promises';
import { CliError } from './cliError';

/** The bytes of a file named on the command line; a CliError naming the file and the cause when it cannot be read. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new CliError(`cannot read ${path}: ${cause}`);
  }
}
