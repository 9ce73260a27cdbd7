import { PNG } from 'pngjs';

/** Number of pixels of a PNG whose RGB lies within `tolerance` (per channel) of `rgb`. */
export function countPixelsNear(png: Buffer, rgb: readonly number[], tolerance = 10): number {
  const image = PNG.sync.read(png);
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (
      Math.abs(image.data[i] - rgb[0]) <= tolerance &&
      Math.abs(image.data[i + 1] - rgb[1]) <= tolerance &&
      Math.abs(image.data[i + 2] - rgb[2]) <= tolerance
    ) {
      count++;
    }
  }
  return count;
}

/** Number of pixels of a PNG for which `test(r, g, b)` holds. */
export function countPixelsWhere(png: Buffer, test: (r: number, g: number, b: number) => boolean): number {
  const image = PNG.sync.read(png);
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) if (test(image.data[i], image.data[i + 1], image.data[i + 2])) count++;
  return count;
}
