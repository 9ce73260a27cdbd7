import { ZSTDDecoder } from 'zstddec';

const zstd = new ZSTDDecoder();

/**
 * The largest block decoded, bytes: the decoder works in its own WebAssembly memory, which never shrinks, and gives
 * garbage (the heap itself) when it cannot allocate the block. GDAL's strips are about 8 KB and its tiles at most
 * 512 x 512 values (2 MiB of Float64).
 */
export const MAX_ZSTD_BLOCK_BYTES = 64 * 1024 * 1024;

/** Loads the Zstandard decoder's WebAssembly (once; embedded in the package, so it works offline). */
export function initTiffZstd(): Promise<void> {
  return zstd.init();
}

/**
 * One block (strip or tile) of a Zstandard-compressed TIFF (compression 50000, as GDAL writes it) into at most the
 * bytes the image needs, `expectedBytes`: zstd's one-shot decompression into a buffer of that size (zstddec, the
 * WebAssembly build of the reference library that geotiff.js uses), which stops with an error where a frame would
 * write more. geotiff.js's own decoder streams frames of unknown size into a growing list of pieces: a 64 KB strip of
 * run-length blocks took it 7.5 s and 4.4 GB for four pixels. A frame that is damaged or holds more than the block's
 * pixels throws; one that holds fewer (a last strip's fewer rows) gives what it holds. A block of more than
 * MAX_ZSTD_BLOCK_BYTES is refused. initTiffZstd must have resolved.
 */
export function decodeTiffZstd(input: Uint8Array, expectedBytes: number): Uint8Array {
  if (!(expectedBytes >= 0 && Number.isSafeInteger(expectedBytes))) {
    throw new Error(`a Zstandard strip or tile of ${expectedBytes} bytes (the file's sizes are not usable)`);
  }
  if (expectedBytes > MAX_ZSTD_BLOCK_BYTES) {
    throw new Error(
      `a Zstandard strip or tile of ${expectedBytes.toLocaleString('en')} bytes, more than the ` +
        `${MAX_ZSTD_BLOCK_BYTES.toLocaleString('en')} read (save the raster tiled, e.g. gdal_translate -co TILED=YES)`,
    );
  }
  // zstddec reads a size of 0 as "take the frame's word for it", which is what must not happen.
  if (expectedBytes === 0) return new Uint8Array(0);
  // On an error zstd returns a negative code as the size, and zstddec then hands back an empty array.
  const out = zstd.decode(input, expectedBytes);
  if (out.length === 0 || out.length > expectedBytes) {
    throw new Error(
      `damaged Zstandard data, or more than the strip or tile's ${expectedBytes.toLocaleString('en')} bytes of pixels`,
    );
  }
  return out;
}
