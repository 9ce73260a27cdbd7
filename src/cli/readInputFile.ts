import { open } from 'node:fs/promises';
import { CliError } from './cliError';

/**
 * The most a file named on the command line may hold: above every reader's own budget (a population GeoTIFF's 512
 * MiB), so that the readers refuse with their reasons first; it bounds what is read before them (`--towers /dev/zero`
 * grew to 5.4 GB in 30 s).
 */
export const MAX_INPUT_FILE_BYTES = 512 * 1024 * 1024;

const CHUNK_BYTES = 4 * 1024 * 1024;

/** The bytes of a file named on the command line; a CliError naming the file and the cause when it cannot be read. */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_FILE_BYTES): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(path, 'r');
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Read in chunks up to the limit (a device or a pipe has no size to check first), one byte past it to know.
    for (;;) {
      const chunk = new Uint8Array(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        throw new CliError(
          `cannot read ${path}: it holds more than ${(maxBytes / (1024 * 1024)).toLocaleString('en')} MiB, more than ` +
            'any input is read with',
        );
      }
    }
    if (chunks.length === 1) return chunks[0];
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  } catch (error) {
    if (error instanceof CliError) throw error;
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
  } finally {
    await handle?.close();
  }
}
