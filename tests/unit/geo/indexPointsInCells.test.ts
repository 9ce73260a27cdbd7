import { describe, expect, it } from 'vitest';
import { indexPoints } from '../../../src/core/geo/indexPoints';
import { indexPointsInCells } from '../../../src/core/geo/indexPointsInCells';
import { seededRandom } from '../../../src/core/util/seededRandom';

describe('indexPointsInCells', () => {
  it('answers as indexPoints does (k-d tree): nearest with ties to the lower index, points within a distance', () => {
    const next = seededRandom(5);
    for (const count of [0, 1, 2, 50, 2_000]) {
      // Clustered points with exact duplicates (ties), over a province-sized area and a few far away.
      const lon = new Float64Array(count);
      const lat = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        if (i > 0 && next() < 0.1) {
          lon[i] = lon[i - 1];
          lat[i] = lat[i - 1];
        } else if (next() < 0.05) {
          lon[i] = 102 + next() * 8;
          lat[i] = 8 + next() * 15;
        } else {
          lon[i] = 105.5 + next() * 0.6;
          lat[i] = 20.8 + next() * 0.5;
        }
      }
      const tree = indexPoints(count, lon, lat);
      const cells = indexPointsInCells(count, lon, lat);
      for (let q = 0; q < 200; q++) {
        const queryLon = q % 10 === 0 ? 100 + next() * 12 : 105.4 + next() * 0.8;
        const queryLat = q % 10 === 0 ? 6 + next() * 20 : 20.7 + next() * 0.7;
        expect(cells.nearest(queryLon, queryLat)).toEqual(tree.nearest(queryLon, queryLat));
        const distanceM = [0, 300, 2_000, 25_000, 400_000][q % 5];
        expect(cells.withinM(queryLon, queryLat, distanceM)).toEqual(tree.withinM(queryLon, queryLat, distanceM));
      }
      if (count > 0) {
        // A query exactly on a point: distance 0, the lowest index among its duplicates.
        expect(cells.nearest(lon[count - 1], lat[count - 1])).toEqual(tree.nearest(lon[count - 1], lat[count - 1]));
      }
    }
  });
});
