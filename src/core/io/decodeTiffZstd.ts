import { ZSTDDecoder } from 'zstddec';

const zstd = new ZSTDDecoder();

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
 * pixels throws; one that holds fewer (a last strip's fewer rows) gives what it holds. initTiffZstd must have resolved.
 */
export function decodeTiffZstd(input: Uint8Array, expectedBytes: number): Uint8Array {
  if (!(expectedBytes >= 0 && Number.isSafeInteger(expectedBytes) && expectedBytes <= 2 ** 31)) {
    throw new Error(`a Zstandard block of ${expectedBytes} bytes (the file's tile or strip size is not usable)`);
  }
  // zstddec reads a size of 0 as "take the frame's word for it", which is what must not happen.
  if (expectedBytes === 0) return new Uint8Array(0);
  // On an error zstd returns a negative code as the size, and zstddec then hands back an empty array.
  const out = zstd.decode(input, expectedBytes);
  if (out.length === 0 || out.length > expectedBytes) {
    throw new Error(`damaged Zstandard data, or more than the block's ${expectedBytes.toLocaleString('en')} bytes`);
  }
  return out;
}
