import { haversineM } from './geodesy';
import { PointHash } from './pointHash';
import { type ClippedPopulation, centreLat, centreLon, NODATA } from './populationRaster';
import type { SyntheticTower } from './syntheticTowers';

/** Pairs of masts of different owners within `distanceM` metres (haversine), and the masts in such a pair. */
export function differentOperatorPairs(
  towers: readonly SyntheticTower[],
  distanceM: number,
): { pairs: number; masts: number } {
  const degreeMargin = (distanceM / 111_000) * 1.2;
  const order = towers.map((_, index) => index).sort((a, b) => towers[a].lat - towers[b].lat);
  const inPair = new Set<number>();
  let pairs = 0;
  for (let i = 0; i < order.length; i++) {
    const a = towers[order[i]];
    for (let j = i + 1; j < order.length; j++) {
      const b = towers[order[j]];
      if (b.lat - a.lat > degreeMargin) break;
      if (a.operator === b.operator) continue;
      if (haversineM(a.lon, a.lat, b.lon, b.lat) <= distanceM) {
        pairs++;
        inPair.add(order[i]);
        inPair.add(order[j]);
      }
    }
  }
  return { pairs, masts: inPair.size };
}

export interface CoverageGap {
  distanceM: number;
  cells: number;
  population: number;
  /** Gap population by part of the province: west of the given longitude and the rest. */
  westOfLon: number;
  populationWest: number;
}

/** Populated cells (value > 0) whose centre is farther than `distanceM` from every mast, and their population. */
export function coverageGap(
  population: ClippedPopulation,
  towers: readonly SyntheticTower[],
  distanceM: number,
  westOfLon: number,
): CoverageGap {
  const hash = new PointHash(0.02);
  for (const tower of towers) hash.add(tower.lon, tower.lat);
  const { grid, window, values } = population;
  const gap: CoverageGap = { distanceM, cells: 0, population: 0, westOfLon, populationWest: 0 };
  for (let row = 0; row < window.height; row++) {
    for (let col = 0; col < window.width; col++) {
      const people = values[row * window.width + col];
      if (people === NODATA || !(people > 0)) continue;
      const lon = centreLon(grid, window, col);
      const lat = centreLat(grid, window, row);
      if (hash.within(lon, lat, distanceM).length > 0) continue;
      gap.cells++;
      gap.population += people;
      if (lon < westOfLon) gap.populationWest += people;
    }
  }
  return gap;
}
