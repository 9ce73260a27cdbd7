import { addDecoder, BaseDecoder } from 'geotiff';
import { decodeTiffLzw } from './decodeTiffLzw';

/** geotiff.js's decoder for LZW (compression 5), with decodeTiffLzw instead of its own array-based loop. */
class FastLzwDecoder extends BaseDecoder {
  decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    const { tileWidth, tileHeight, bitsPerSample } = this.parameters as {
      tileWidth: number;
      tileHeight: number;
      bitsPerSample: number | number[];
    };
    const bits = Array.isArray(bitsPerSample) ? bitsPerSample.reduce((sum, value) => sum + value, 0) : bitsPerSample;
    const decoded = decodeTiffLzw(new Uint8Array(buffer), (tileWidth * tileHeight * bits) / 8);
    return decoded.byteOffset === 0 && decoded.byteLength === decoded.buffer.byteLength
      ? decoded.buffer
      : decoded.slice().buffer;
  }
}

let registered = false;

/**
 * Registers the faster codecs with geotiff.js (once): its decoders are the extension point the library offers, and the
 * rest of the reading (tiles, strips, the horizontal predictor, sample formats) stays geotiff.js's. In place of a
 * worker (geotiff.js runs its decoders inline when no pool is given, as here).
 */
export function registerFastTiffDecoders(): void {
  if (registered) return;
  registered = true;
  addDecoder(5, () => Promise.resolve(FastLzwDecoder as unknown as typeof BaseDecoder), undefined, false);
}
