import { addDecoder, BaseDecoder } from 'geotiff';
import { decodeTiffLzw } from './decodeTiffLzw';
import { inflateTiffBlock } from './inflateTiffBlock';

/** The bytes of one block's pixels: what a decoder must give, and all it needs to give. */
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
  return Math.ceil((tileWidth * tileHeight * bits) / 8);
}

/** The whole buffer of a view (geotiff.js takes ArrayBuffers). */
function bufferOf(bytes: Uint8Array): ArrayBufferLike {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
}

/** geotiff.js's decoder for LZW (compression 5), with decodeTiffLzw instead of its own array-based loop. */
class FastLzwDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return bufferOf(decodeTiffLzw(new Uint8Array(buffer), blockBytes(this)));
  }
}

/** geotiff.js's decoder for Deflate (compression 8 and 32946), bounded to the block's pixels (inflateTiffBlock). */
class BoundedDeflateDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return bufferOf(inflateTiffBlock(new Uint8Array(buffer), blockBytes(this)));
  }
}

type DecoderParameterFn = NonNullable<Parameters<typeof addDecoder>[2]>;

/**
 * geotiff.js's own decoder parameters, with a strip's rows capped at the image's height: RowsPerStrip may be 2^32 - 1
 * (the TIFF default, "one strip"), and a decoder sized by it would ask for gigabytes for a small image.
 */
const stripsCappedParameters: DecoderParameterFn = async (directory) => {
  const tiled = !directory.hasTag('StripOffsets');
  const height = Number(await directory.loadValue('ImageLength'));
  const rowsPerStrip = Number((await directory.loadValue('RowsPerStrip')) ?? height) || height;
  return {
    tileWidth: Number(await directory.loadValue(tiled ? 'TileWidth' : 'ImageWidth')),
    tileHeight: tiled ? Number(await directory.loadValue('TileLength')) : Math.min(rowsPerStrip, height),
    planarConfiguration: (await directory.loadValue('PlanarConfiguration')) as number,
    bitsPerSample: (await directory.loadValue('BitsPerSample')) as number | number[],
    predictor: ((await directory.loadValue('Predictor')) as number | undefined) || 1,
  };
};

let registered = false;

/**
 * Registers the faster, bounded codecs with geotiff.js (once): its decoders are the extension point the library
 * offers, and the rest of the reading (tiles, strips, the horizontal predictor, sample formats) stays geotiff.js's. In
 * place of a worker (geotiff.js runs its decoders inline when no pool is given, as here). Both stop at the block's own
 * pixels, so a small hostile file cannot make a reader inflate gigabytes.
 */
export function registerFastTiffDecoders(): void {
  if (registered) return;
  registered = true;
  addDecoder(5, () => Promise.resolve(FastLzwDecoder as unknown as typeof BaseDecoder), stripsCappedParameters, false);
  addDecoder(
    [8, 32946],
    () => Promise.resolve(BoundedDeflateDecoder as unknown as typeof BaseDecoder),
    stripsCappedParameters,
    false,
  );
}
