/**
 * Free-space loss between two antennas at heights above sea level, dB:
 * 32.44 + 20·log10 F(MHz) + 20·log10 d3D(km), d3D = √(d² + ((h_ts − h_rs)/1000)²) with the ground distance d in km
 * and the heights in metres. (The 32.44 of the command line's contract; the 32.4478 of freeSpacePathLoss differs by
 * 0.008 dB.) Coinciding antennas (d3D = 0) give -Infinity: callers refuse them first.
 */
export function freeSpaceLossOverTerrainDb(
  frequencyMHz: number,
  distanceKm: number,
  txHeightAmslM: number,
  rxHeightAmslM: number,
): number {
  const heightDifferenceKm = (txHeightAmslM - rxHeightAmslM) / 1000;
  const distance3dKm = Math.sqrt(distanceKm * distanceKm + heightDifferenceKm * heightDifferenceKm);
  return 32.44 + 20 * Math.log10(frequencyMHz) + 20 * Math.log10(distance3dKm);
}
