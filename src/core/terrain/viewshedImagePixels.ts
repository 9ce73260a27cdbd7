import { VIEWSHED_HIDDEN, VIEWSHED_VISIBLE } from './computeViewshed';

/** Visible cells: green, translucent, so the terrain and the basemap show through. */
export const VIEWSHED_VISIBLE_RGBA: readonly [number, number, number, number] = [0, 170, 80, 150];
/** Hidden cells in the radius: a faint grey veil, so the radius reads as a disc. */
export const VIEWSHED_HIDDEN_RGBA: readonly [number, number, number, number] = [60, 60, 60, 70];

/**
 * A viewshed's window (ViewshedResult.window.values, row-major, north row first) as RGBA pixels, one per cell:
 * visible cells tinted green, hidden cells faint grey, cells outside the radius transparent.
 */
export function viewshedImagePixels(values: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const colour =
      values[i] === VIEWSHED_VISIBLE
        ? VIEWSHED_VISIBLE_RGBA
        : values[i] === VIEWSHED_HIDDEN
          ? VIEWSHED_HIDDEN_RGBA
          : null;
    if (colour === null) continue;
    pixels.set(colour, i * 4);
  }
  return pixels;
}
