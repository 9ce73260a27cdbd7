import { addDecoder, BaseDecoder } from 'geotiff';
import { decodeTiffLerc } from './decodeTiffLerc';
import { decodeTiffLzw } from './decodeTiffLzw';
import { decodeTiffPackBits } from './decodeTiffPackBits';
import { decodeTiffZstd, initTiffZstd } from './decodeTiffZstd';
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

/** geotiff.js's decoder for PackBits (compression 32773), bounded to the block's pixels (decodeTiffPackBits). */
class BoundedPackBitsDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return bufferOf(decodeTiffPackBits(new Uint8Array(buffer), blockBytes(this)));
  }
}

/** geotiff.js's decoder for Zstandard (compression 50000), bounded to the block's pixels (decodeTiffZstd). */
class BoundedZstdDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return bufferOf(decodeTiffZstd(new Uint8Array(buffer), blockBytes(this)));
  }
}

/** geotiff.js's decoder for LERC (compression 34887), its blob checked against the block first (decodeTiffLerc). */
class BoundedLercDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    const { LercParameters, planarConfiguration } = this.parameters as {
      LercParameters?: ArrayLike<number>;
      planarConfiguration?: number;
    };
    const addCompression = LercParameters?.[1];
    return bufferOf(
      decodeTiffLerc(new Uint8Array(buffer), blockBytes(this), addCompression, planarConfiguration === 1),
    );
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

/** The parameters above and LERC's own tag ([version, additional compression]). */
const lercParameters: DecoderParameterFn = async (directory) => ({
  ...(await stripsCappedParameters(directory)),
  LercParameters: await directory.loadValue('LercParameters'),
});

/**
 * Image codecs, refused: a population count or a height stored lossily is not a measurement, and their decoders size
 * themselves from the codec's own header (a 17-byte JPEG strip declaring 20,000 x 20,000 pixels took geotiff.js 20 s
 * and 4 GB before it failed).
 */
const IMAGE_CODECS: [number[], string][] = [
  [[6, 7], 'JPEG'],
  [[50001], 'WebP'],
];

let registered = false;

/**
 * Registers the faster, bounded codecs with geotiff.js (once): its decoders are the extension point the library
 * offers, and the rest of the reading (tiles, strips, the horizontal predictor, sample formats) stays geotiff.js's. In
 * place of a worker (geotiff.js runs its decoders inline when no pool is given, as here). Each stops at the block's own
 * pixels (LZW, Deflate, PackBits, Zstandard) or checks what the block declares against them first (LERC), so a small
 * hostile file cannot make a reader inflate gigabytes; JPEG and WebP are refused with the reason. Uncompressed blocks
 * stay geotiff.js's: they are the file's own bytes.
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
  addDecoder(
    32773,
    () => Promise.resolve(BoundedPackBitsDecoder as unknown as typeof BaseDecoder),
    stripsCappedParameters,
    false,
  );
  addDecoder(
    50000,
    () => initTiffZstd().then(() => BoundedZstdDecoder as unknown as typeof BaseDecoder),
    stripsCappedParameters,
    false,
  );
  addDecoder(
    34887,
    () => initTiffZstd().then(() => BoundedLercDecoder as unknown as typeof BaseDecoder),
    lercParameters,
    false,
  );
  for (const [cases, name] of IMAGE_CODECS) {
    addDecoder(
      cases,
      () =>
        Promise.reject(
          new Error(
            `${name} compression is lossy and meant for imagery, not for counts or heights: save the raster with ` +
              'Deflate, LZW or Zstandard (e.g. gdal_translate -co COMPRESS=DEFLATE)',
          ),
        ),
      stripsCappedParameters,
      false,
    );
  }
}
