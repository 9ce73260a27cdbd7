import { addDecoder, BaseDecoder } from 'geotiff';
import { WordedError } from '../model/wordedMessage';
import { decodeTiffLzw } from './decodeTiffLzw';
import { decodeTiffPackBits } from './decodeTiffPackBits';
import { decodeTiffZstd, initTiffZstd } from './decodeTiffZstd';
import { inflateTiffBlock } from './inflateTiffBlock';

/**
 * The bytes of one block's pixels: what a decoder must give, and all it needs to give. Rows are whole bytes (TIFF
 * pads each row of sub-byte samples, e.g. 1-bit masks).
 */
function blockBytes(decoder: BaseDecoder): number {
  const { tileWidth, tileHeight, bitsPerSample } = decoder.parameters as {
    tileWidth: number;
    tileHeight: number;
    bitsPerSample: number | ArrayLike<number>;
  };
  // One number, or one per sample (an array or a typed array): the block holds them all (interleaved).
  const bits =
    typeof bitsPerSample === 'number'
      ? bitsPerSample
      : Array.from(bitsPerSample).reduce((sum, value) => sum + value, 0);
  return tileHeight * Math.ceil((tileWidth * bits) / 8);
}

/** The whole buffer of a view (geotiff.js takes ArrayBuffers). */
function bufferOf(bytes: Uint8Array): ArrayBufferLike {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
}

/** One block's bytes into at most `expectedBytes` (the block's pixels). */
type BlockDecode = (input: Uint8Array, expectedBytes: number) => Uint8Array;

/** A geotiff.js decoder class that decodes each block with `decode`, sized by the block's pixels (blockBytes). */
function boundedDecoder(decode: BlockDecode): typeof BaseDecoder {
  class BoundedDecoder extends BaseDecoder {
    decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
      return bufferOf(decode(new Uint8Array(buffer), blockBytes(this)));
    }
  }
  return BoundedDecoder as unknown as typeof BaseDecoder;
}

/**
 * The codecs registered in place of geotiff.js's own, by compression code: LZW (5, decodeTiffLzw instead of its
 * array-based loop), Deflate (8 and 32946), PackBits (32773) and Zstandard (50000, once its WebAssembly is loaded),
 * each bounded to the block's pixels.
 */
const BOUNDED_CODECS: [number[], BlockDecode, (() => Promise<void>)?][] = [
  [[5], decodeTiffLzw],
  [[8, 32946], inflateTiffBlock],
  [[32773], decodeTiffPackBits],
  [[50000], decodeTiffZstd, initTiffZstd],
];

type DecoderParameterFn = NonNullable<Parameters<typeof addDecoder>[2]>;

/** A tile may hold this many pixels whatever the image (GDAL's largest usual tiles are 512 x 512). */
const TILE_PIXELS_ALWAYS_ALLOWED = 1 << 20;

/**
 * geotiff.js's own decoder parameters, with a strip's rows capped at the image's height: RowsPerStrip may be 2^32 - 1
 * (the TIFF default, "one strip"), and a decoder sized by it would ask for gigabytes for a small image. A tile larger
 * than 2^20 pixels and than four times the image is refused for the same reason (a 2 x 2 image declaring 16,384 x
 * 16,384 tiles had each block decoded to 1 GB).
 */
const stripsCappedParameters: DecoderParameterFn = async (directory) => {
  const tiled = !directory.hasTag('StripOffsets');
  const width = Number(await directory.loadValue('ImageWidth'));
  const height = Number(await directory.loadValue('ImageLength'));
  const rowsPerStrip = Number((await directory.loadValue('RowsPerStrip')) ?? height) || height;
  const tileWidth = tiled ? Number(await directory.loadValue('TileWidth')) : width;
  const tileHeight = tiled ? Number(await directory.loadValue('TileLength')) : Math.min(rowsPerStrip, height);
  if (tiled && tileWidth * tileHeight > Math.max(TILE_PIXELS_ALWAYS_ALLOWED, 4 * width * height)) {
    throw new Error(
      `tiles of ${tileWidth.toLocaleString('en')} x ${tileHeight.toLocaleString('en')} pixels for an image of ` +
        `${width.toLocaleString('en')} x ${height.toLocaleString('en')} (a damaged file?)`,
    );
  }
  return {
    tileWidth,
    tileHeight,
    planarConfiguration: (await directory.loadValue('PlanarConfiguration')) as number,
    bitsPerSample: (await directory.loadValue('BitsPerSample')) as number | number[],
    predictor: ((await directory.loadValue('Predictor')) as number | undefined) || 1,
  };
};

/**
 * Codecs refused, with the reason: JPEG and WebP are image codecs for 8-bit colour, not for counts or heights, and
 * their decoders size themselves from the codec's own header (a 17-byte JPEG strip declaring 20,000 x 20,000 pixels
 * took geotiff.js 20 s and 4 GB before it failed); LERC's decoder (lerc) trusts the sizes a blob declares (its pixels,
 * its Huffman table, its mask's runs, its bit-stuffed element counts): a 62-byte blob declaring 20,000 x 20,000
 * pixels took it 1 s and 1.6 GB, and the header can be checked but the body's counts only by rewriting the decoder.
 */
const REFUSED_CODECS: [number[], string, string][] = [
  [[6, 7], 'JPEG', 'JPEG compression is an image codec (8-bit colour, lossy), not for counts or heights'],
  [[50001], 'WebP', 'WebP compression is an image codec (8-bit colour), not for counts or heights'],
  [[34887], 'LERC', "LERC compression is not read (its decoder cannot be bounded against a damaged file's sizes)"],
];

let registered = false;

/**
 * Registers the faster, bounded codecs with geotiff.js (once): its decoders are the extension point the library
 * offers, and the rest of the reading (tiles, strips, the horizontal predictor, sample formats) stays geotiff.js's. In
 * place of a worker (geotiff.js runs its decoders inline when no pool is given, as here). Each stops at the block's own
 * pixels (LZW, Deflate, PackBits, Zstandard), so a small hostile file cannot make a reader inflate gigabytes; JPEG,
 * WebP and LERC are refused with the reason (REFUSED_CODECS; a WordedError of code 'refusedCompression' naming the
 * codec). Uncompressed blocks stay geotiff.js's: they are the file's own bytes.
 */
export function registerFastTiffDecoders(): void {
  if (registered) return;
  registered = true;
  for (const [cases, decode, init] of BOUNDED_CODECS) {
    const decoder = boundedDecoder(decode);
    const load = async () => {
      await init?.();
      return decoder;
    };
    addDecoder(cases, load, stripsCappedParameters, false);
  }
  for (const [cases, compression, reason] of REFUSED_CODECS) {
    addDecoder(
      cases,
      () =>
        Promise.reject(
          new WordedError(
            `${reason}: save the raster with Deflate, LZW or Zstandard (e.g. gdal_translate -co COMPRESS=DEFLATE)`,
            { code: 'refusedCompression', params: { compression } },
          ),
        ),
      stripsCappedParameters,
      false,
    );
  }
}
