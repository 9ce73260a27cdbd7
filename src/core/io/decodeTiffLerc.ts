import Lerc from 'lerc';
import { decodeTiffZstd } from './decodeTiffZstd';
import { inflateTiffBlock } from './inflateTiffBlock';

/** The LercParameters tag's second value (GDAL): what compresses the LERC blob itself. */
const ADD_COMPRESSION_NONE = 0;
const ADD_COMPRESSION_DEFLATE = 1;
const ADD_COMPRESSION_ZSTD = 2;
/** Bytes per value of LERC 2's data types 0-7 (char, byte, short, ushort, int, uint, float, double). */
const TYPE_BYTES = [1, 1, 2, 2, 4, 4, 4, 8];
/** The newest LERC 2 version the decoder (lerc 3.0.0) reads. */
const NEWEST_VERSION = 5;

/**
 * The most a blob may take, compressed by LERC, for a block of `expectedBytes` pixels: LERC stores values raw when it
 * cannot do better, so a blob is the pixels plus its headers, mask and tables, far less than twice the pixels.
 */
export function maxLercBlobBytes(expectedBytes: number): number {
  return 2 * expectedBytes + 65_536;
}

/**
 * One block (strip or tile) of a LERC-compressed TIFF (compression 34887, as GDAL writes it) into the bytes of its
 * first band, as geotiff.js's own decoder gives them, with the blob's header checked against the block before anything
 * is decoded. geotiff.js hands the whole block to the LERC decoder (lerc), which allocates what the header declares
 * and decodes every blob in the block: a 62-byte blob declaring 20,000 x 20,000 constant pixels took 1 s and 1.6 GB,
 * and a hundred of them in one block would ask for 160 GB; a micro-block size of 0 loops forever. Here:
 * - the blob's own compression (the LercParameters tag's second value: none, Deflate or Zstandard) is undone within
 *   maxLercBlobBytes of the block (inflateTiffBlock, decodeTiffZstd);
 * - the first blob must be LERC 2 (version 1-5; GDAL writes no other), no larger than the block in rows, columns and
 *   bytes (rows x columns x values per pixel x value size), with a micro-block size of at least 1 and its declared
 *   size within the data;
 * - only that first blob is decoded: the first band, all geotiff.js's decoder keeps.
 * Anything else throws with the reason. `pixelInterleaved`: the TIFF's planar configuration is 1 (chunky).
 */
export function decodeTiffLerc(
  input: Uint8Array,
  expectedBytes: number,
  addCompression: number | undefined,
  pixelInterleaved: boolean,
): Uint8Array {
  if (!(expectedBytes >= 1 && Number.isSafeInteger(expectedBytes) && expectedBytes <= 2 ** 30)) {
    throw new Error(`a LERC block of ${expectedBytes} bytes (the file's tile or strip size is not usable)`);
  }
  let blob: Uint8Array;
  if (addCompression === undefined || addCompression === ADD_COMPRESSION_NONE) blob = input;
  else if (addCompression === ADD_COMPRESSION_DEFLATE) blob = inflateTiffBlock(input, maxLercBlobBytes(expectedBytes));
  else if (addCompression === ADD_COMPRESSION_ZSTD) blob = decodeTiffZstd(input, maxLercBlobBytes(expectedBytes));
  else throw new Error(`unsupported LERC additional compression ${addCompression} (0 none, 1 Deflate, 2 Zstandard)`);

  const text = (from: number, length: number) => String.fromCharCode(...blob.subarray(from, from + length));
  if (text(0, 9) === 'CntZImage') {
    throw new Error('LERC 1 blocks are not supported (GDAL writes LERC 2; save the raster with Deflate or LZW)');
  }
  if (blob.length < 58 || text(0, 6) !== 'Lerc2 ') throw new Error('damaged LERC data (no LERC 2 header)');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const version = view.getInt32(6, true);
  if (!(version >= 1 && version <= NEWEST_VERSION)) throw new Error(`unsupported LERC version 2.${version}`);
  let at = version >= 3 ? 14 : 10; // after the identifier, the version and (from 3) the checksum
  const headerBytes = at + (version >= 4 ? 52 : 48);
  if (blob.length < headerBytes) throw new Error('damaged LERC data (a header cut short)');
  const rows = view.getUint32(at, true);
  const columns = view.getUint32(at + 4, true);
  at += 8;
  const dims = version >= 4 ? view.getUint32(at, true) : 1;
  if (version >= 4) at += 4;
  const validPixels = view.getUint32(at, true);
  const microBlockSize = view.getInt32(at + 4, true);
  const blobBytes = view.getInt32(at + 8, true);
  const dataType = view.getInt32(at + 12, true);
  const typeBytes = TYPE_BYTES[dataType];
  if (typeBytes === undefined) throw new Error(`damaged LERC data (data type ${dataType})`);
  const declaredBytes = rows * columns * dims * typeBytes;
  if (!(rows >= 1 && columns >= 1 && dims >= 1) || declaredBytes > expectedBytes) {
    throw new Error(
      `a LERC blob declaring ${columns.toLocaleString('en')} x ${rows.toLocaleString('en')} pixels of ` +
        `${dims * typeBytes} byte(s) in a block of ${expectedBytes.toLocaleString('en')} bytes`,
    );
  }
  if (!(microBlockSize >= 1) || validPixels > rows * columns) {
    throw new Error(`damaged LERC data (micro-block size ${microBlockSize}, ${validPixels} valid pixels)`);
  }
  if (!(blobBytes >= headerBytes && blobBytes <= blob.length)) {
    throw new Error(`damaged LERC data (a blob of ${blobBytes} bytes in ${blob.length})`);
  }
  let band: { buffer: ArrayBufferLike; byteOffset: number; byteLength: number } | undefined;
  try {
    // Exactly the first blob, in an ArrayBuffer of its own (the decoder reads every blob it is given).
    const first = blob.slice(0, blobBytes).buffer;
    band = Lerc.decode(first, { returnPixelInterleavedDims: pixelInterleaved }).pixels[0];
  } catch (error) {
    throw new Error(`damaged LERC data (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!band) throw new Error('damaged LERC data (no band)');
  return new Uint8Array(band.buffer, band.byteOffset, band.byteLength);
}
