import { Inflate } from 'pako';

/**
 * Compressed bytes given to the inflater per step: at most ~1,032 times this (about 4 MB) can come out of one step,
 * DEFLATE's ceiling, before the output is counted.
 */
const STEP_BYTES = 4096;
/**
 * Output inflated past the block's pixels, and thrown away, to reach the stream's end and check it (its Adler-32): a
 * well-made block ends with its pixels, so only a block that holds more (a bomb) goes on this far, and no further.
 */
const CHECK_PAST_BYTES = 1 << 20;

/** zlib's status codes as pako reports them at the end of a stream. */
const Z_OK = 0;
const STATUS_WORDS: Record<number, string> = { [-3]: 'invalid data or checksum', [-5]: 'truncated stream' };

/**
 * One block (strip or tile) of a Deflate-compressed TIFF (compression 8 or 32946: a zlib stream, TIFF Technical Note
 * 2) into the bytes the image needs, `expectedBytes` (tile width x height x bytes per pixel), written straight into an
 * array of that size. The stream is inflated in steps and left once it has ended (its checksum checked) or has given
 * 1 MiB more than the pixels: whatever a block holds beyond them is never kept, so a hostile file whose half-megabyte
 * strip inflates to gigabytes (a "zip bomb") costs the reader the block's own size and a few milliseconds, where
 * inflating whole streams (geotiff.js's own decoder) took 2.5 s and 1.2 GB for one pixel. A complete stream shorter
 * than the block gives what it holds; a damaged or truncated one throws, as geotiff.js's decoder did.
 *
 * pako's streaming inflater, the library geotiff.js itself inflates with: measured against fflate, the browser's
 * DecompressionStream and Node's zlib in `npm run bench tiffDeflate` (README), it is as fast as inflating whole
 * streams, and faster on GDAL's usual 8 KB strips since it writes into one array.
 */
export function inflateTiffBlock(input: Uint8Array, expectedBytes: number): Uint8Array {
  if (!(expectedBytes >= 0 && Number.isSafeInteger(expectedBytes))) {
    throw new Error(`a Deflate block of ${expectedBytes} bytes (the file's tile or strip size is not usable)`);
  }
  const out = new Uint8Array(expectedBytes);
  let kept = 0;
  let produced = 0;
  let status: number | null = null;
  const inflater = new Inflate({ chunkSize: Math.min(Math.max(out.length, 1024), 65_536) });
  inflater.onData = (chunk: Uint8Array) => {
    produced += chunk.length;
    const take = Math.min(chunk.length, out.length - kept);
    if (take <= 0) return;
    out.set(take === chunk.length ? chunk : chunk.subarray(0, take), kept);
    kept += take;
  };
  inflater.onEnd = (end: number) => {
    status = end;
  };
  for (
    let at = 0;
    at < input.length && status === null && produced <= out.length + CHECK_PAST_BYTES;
    at += STEP_BYTES
  ) {
    const stop = Math.min(input.length, at + STEP_BYTES);
    inflater.push(input.subarray(at, stop), stop === input.length);
  }
  if (status !== null && status !== Z_OK) {
    throw new Error(`damaged Deflate data (${STATUS_WORDS[status] ?? `zlib status ${status}`})`);
  }
  return kept === out.length ? out : out.slice(0, kept);
}
