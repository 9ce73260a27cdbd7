/**
 * Why geotiff.js could not decode a raster, in words a user can act on: a block that gives fewer bytes than its
 * pixels (a truncated or damaged file) surfaces from geotiff.js as a DataView range error.
 */
export function describeRasterDecodeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /outside the bounds of the DataView/.test(message)) {
    return 'a strip or tile holds fewer pixels than the image needs (a truncated or damaged file)';
  }
  return message;
}
