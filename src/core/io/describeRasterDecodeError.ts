import type { WordedFields } from '../model/wordedMessage';

/** geotiff.js's range error for a block that gives fewer bytes than its pixels. */
const isTruncatedBlock = (error: unknown) =>
  error instanceof RangeError && /outside the bounds of the DataView/.test(error.message);

/**
 * Why geotiff.js could not decode a raster, in words a user can act on: a block that gives fewer bytes than its
 * pixels (a truncated or damaged file) surfaces from geotiff.js as a DataView range error.
 */
export function describeRasterDecodeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (isTruncatedBlock(error)) {
    return 'a strip or tile holds fewer pixels than the image needs (a truncated or damaged file)';
  }
  return message;
}

/**
 * The code of a decoding failure for the UI's words: 'refusedCompression' (a codec refused by
 * registerFastTiffDecoders, with its name), 'damagedRaster' (a truncated block), else 'undecodableRaster' with
 * describeRasterDecodeError's words as the detail.
 */
export function rasterDecodeWorded(error: unknown): WordedFields {
  const { code, params } = (error ?? {}) as WordedFields;
  if (code === 'refusedCompression' && params) return { code, params };
  if (isTruncatedBlock(error)) return { code: 'damagedRaster' };
  return { code: 'undecodableRaster', params: { detail: describeRasterDecodeError(error) } };
}
