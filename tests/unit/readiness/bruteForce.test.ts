/**
 * Readiness on a seeded random dataset against a brute force written apart from the core: turf point-in-polygon for
 * every cell centre and mast, haversine from every cell centre to every mast, every backbone segment for every mast.
 */
import { booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { LonLatPolygon } from '../../../src/core/geo/lonLatPolygon';
import { pointToSegmentDistanceM } from '../../../src/core/geo/segmentProximity';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { computeProvinceCoverageRaster } from '../../../src/core/readiness/computeProvinceCoverageRaster';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { prepareReadiness } from '../../../src/core/readiness/prepareReadiness';
import type { ReadinessProvince } from '../../../src/core/readiness/readinessTypes';
import { seededRandom } from '../../../src/core/util/seededRandom';
import { haversineByDefinition as haversineM } from '../oracles/haversineByDefinition';

const ring = (coordinates: number[][]) => [...coordinates, coordinates[0]];
const box = (w: number, s: number, e: number, n: number) =>
  ring([
    [w, s],
    [e, s],
    [e, n],
    [w, n],
  ]);

/** A square with a hole, a two-part province (triangle + square), and a province filling part of the hole. */
const PROVINCES: ReadinessProvince[] = [
  { code: 'P0', name: 'with hole', polygons: [[box(105.0, 21.0, 105.2, 21.3), box(105.05, 21.1, 105.1, 21.2)]] },
  {
    code: 'P1',
    name: 'two parts',
    polygons: [
      [
        ring([
          [105.21, 21.01],
          [105.39, 21.043],
          [105.233, 21.287],
        ]),
      ],
      [box(105.3, 21.2, 105.38, 21.27)],
    ],
  },
  { code: 'P2', name: 'in the hole', polygons: [[box(105.06, 21.12, 105.09, 21.18)]] },
];
const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];

function randomDataset(seed: number) {
  const random = seededRandom(seed);
  const width = 40;
  const height = 30;
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = random() < 0.08 ? -99999 : Math.round(random() * 5000) / 4;
  const grid: PopulationGrid = {
    width,
    height,
    originLon: 105,
    originLat: 21.3,
    cellSizeLonDeg: 0.01,
    cellSizeLatDeg: 0.01,
    nodata: -99999,
    values,
  };
  const towers: Tower[] = Array.from({ length: 400 }, (_, i) => {
    const owner = OPERATORS[Math.floor(random() * 4)];
    const tenants = [owner, ...OPERATORS.filter((name) => name !== owner && random() < 0.15)];
    const tower: Tower = {
      id: `R${i}`,
      operator: owner,
      lon: 104.98 + random() * 0.44,
      lat: 20.98 + random() * 0.34,
      heightM: null,
      radiusM: random() < 0.1 ? null : 300 + random() * 2700,
      mastType: null,
      tenants,
    };
    if (random() < 0.1) tower.has4g = false;
    if (random() < 0.5) tower.tenants5g = tenants.filter(() => random() < 0.4);
    if (random() < 0.5) tower.radius5gM = 200 + random() * 1500;
    return tower;
  });
  const backbone = Array.from({ length: 3 }, () =>
    Array.from({ length: 6 }, () => [104.98 + random() * 0.44, 20.98 + random() * 0.34]),
  );
  return { grid, towers, backbone };
}

const asFeature = (polygons: LonLatPolygon[]) => multiPolygon(polygons);

function bruteForce(
  grid: PopulationGrid,
  towers: Tower[],
  backbone: number[][][],
  settings: { defaultRadiusM: number; default5gRadiusFactor: number; backboneDistanceM: number },
) {
  const features = PROVINCES.map((province) => asFeature(province.polygons));
  const provinceOf = (lon: number, lat: number) => {
    const index = features.findIndex((feature) => booleanPointInPolygon(point([lon, lat]), feature));
    return index < 0 ? PROVINCES.length : index;
  };
  const slots = PROVINCES.length + 1;
  const sums = Array.from({ length: slots }, () => ({
    population: 0,
    covered4g: 0,
    covered5g: 0,
    viettel4g: 0,
    vinaphone5g: 0,
    masts: 0,
    tenancies: 0,
    shared: 0,
    near: 0,
  }));
  const reach4g = (t: Tower) => t.radiusM ?? settings.defaultRadiusM;
  const reach5g = (t: Tower) => t.radius5gM ?? settings.default5gRadiusFactor * reach4g(t);
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const value = grid.values[row * grid.width + col];
      if (value === grid.nodata) continue;
      const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
      const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
      const sum = sums[provinceOf(lon, lat)];
      sum.population += value;
      const reaches = (t: Tower, radius: number) => haversineM(lon, lat, t.lon, t.lat) <= radius;
      const with4g = towers.filter((t) => t.has4g !== false && reaches(t, reach4g(t)));
      const with5g = towers.filter((t) => (t.tenants5g ?? []).length > 0 && reaches(t, reach5g(t)));
      if (with4g.length > 0) sum.covered4g += value;
      if (with5g.length > 0) sum.covered5g += value;
      if (with4g.some((t) => t.tenants.includes('Viettel'))) sum.viettel4g += value;
      if (with5g.some((t) => t.tenants5g?.includes('VinaPhone'))) sum.vinaphone5g += value;
    }
  }
  for (const t of towers) {
    const sum = sums[provinceOf(t.lon, t.lat)];
    sum.masts++;
    sum.tenancies += t.tenants.length;
    if (t.tenants.length >= 2) sum.shared++;
    let nearest = Number.POSITIVE_INFINITY;
    for (const line of backbone) {
      for (let k = 0; k + 1 < line.length; k++) {
        const [x1, y1] = line[k];
        const [x2, y2] = line[k + 1];
        nearest = Math.min(nearest, pointToSegmentDistanceM(t.lon, t.lat, x1, y1, x2, y2));
      }
    }
    if (nearest <= settings.backboneDistanceM) sum.near++;
  }
  return sums;
}

describe('readiness against a brute force on random data', () => {
  for (const seed of [1, 2, 3]) {
    it(`agrees cell by cell and mast by mast (seed ${seed}, 3 bands)`, async () => {
      const { grid, towers, backbone } = randomDataset(seed);
      const settings = { defaultRadiusM: 1500, default5gRadiusFactor: 0.6, backboneDistanceM: 2500 };
      const result = await computeNationalReadiness(
        { grid, provinces: PROVINCES, towers: packReadinessTowers(towers), backbone, settings },
        { bandCount: 3 },
      );
      const expected = bruteForce(grid, towers, backbone, settings);
      const rows = [...result.provinces, { ...result.outside_provinces, outside: true }];
      rows.forEach((row, slot) => {
        const want = expected[slot];
        expect(row.population_total).toBeCloseTo(want.population, 6);
        expect(row.population_covered_4g).toBeCloseTo(want.covered4g, 6);
        expect(row.population_covered_5g).toBeCloseTo(want.covered5g, 6);
        expect(row.masts).toBe(want.masts);
        if ('code' in row) {
          expect(row.by_operator.Viettel.population_covered_4g).toBeCloseTo(want.viettel4g, 6);
          expect(row.by_operator.VinaPhone.population_covered_5g).toBeCloseTo(want.vinaphone5g, 6);
          expect(row.tenancies).toBe(want.tenancies);
          expect(row.shared_masts).toBe(want.shared);
          expect(row.masts_near_backbone).toBe(want.near);
        }
      });
      // Every province gets some of everything, or the comparison proves little.
      for (const province of result.provinces) {
        expect(province.population_covered_4g).toBeGreaterThan(0);
        expect(province.masts).toBeGreaterThan(0);
      }
      expect(result.national.population_covered_5g).toBeGreaterThan(0);
      expect(result.national.masts_near_backbone).toBeGreaterThan(0);
    });
  }
});

describe("a province's coverage raster (the ministry's drill-down) against the same brute force", () => {
  it('gives each cell of each province its class, and sums to the province figures', async () => {
    const { grid, towers, backbone } = randomDataset(4);
    // Some cells where nobody lives (fewer than 1 person) or few do, and fewer masts, so that some are out of reach.
    for (let i = 0; i < grid.values.length; i += 7) if (grid.values[i] !== grid.nodata) grid.values[i] = (i % 3) * 0.4;
    for (let i = 3; i < grid.values.length; i += 5) if (grid.values[i] !== grid.nodata) grid.values[i] = 2 + (i % 50);
    towers.splice(150);
    const settings = { defaultRadiusM: 1500, default5gRadiusFactor: 0.6, backboneDistanceM: 2500 };
    const input = { grid, provinces: PROVINCES, towers: packReadinessTowers(towers), backbone, settings };
    const national = await computeNationalReadiness(input);
    const prepared = await prepareReadiness(input);
    const features = PROVINCES.map((province) => asFeature(province.polygons));
    const reach4g = (t: Tower) => t.radiusM ?? settings.defaultRadiusM;
    const reach5g = (t: Tower) => t.radius5gM ?? settings.default5gRadiusFactor * reach4g(t);
    const counts = [0, 0, 0, 0, 0, 0];
    for (const [index, province] of PROVINCES.entries()) {
      const raster = await computeProvinceCoverageRaster(prepared, index);
      expect(raster.code).toBe(province.code);
      // The brute force: every cell of the grid, its centre in this province (turf), its class by haversine.
      const expected = new Map<string, number>();
      let rowMin = Number.POSITIVE_INFINITY;
      let colMin = Number.POSITIVE_INFINITY;
      for (let row = 0; row < grid.height; row++) {
        for (let col = 0; col < grid.width; col++) {
          const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
          const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
          const home = features.findIndex((feature) => booleanPointInPolygon(point([lon, lat]), feature));
          if (home !== index) continue;
          rowMin = Math.min(rowMin, row);
          colMin = Math.min(colMin, col);
          const value = grid.values[row * grid.width + col];
          if (value === grid.nodata) continue;
          const reaches = (t: Tower, radius: number) => haversineM(lon, lat, t.lon, t.lat) <= radius;
          const has5g = towers.some((t) => (t.tenants5g ?? []).length > 0 && reaches(t, reach5g(t)));
          const has4g = towers.some((t) => t.has4g !== false && reaches(t, reach4g(t)));
          // Dense: at least 100 people per km² of the cell (its area on the sphere, by hand).
          const cellKm2 =
            ((grid.cellSizeLatDeg * Math.PI) / 180) *
            6371.0088 *
            (((grid.cellSizeLonDeg * Math.PI) / 180) * 6371.0088 * Math.cos((lat * Math.PI) / 180));
          const uncovered = value < 1 ? 4 : value >= 100 * cellKm2 ? 1 : 5;
          expected.set(`${row},${col}`, has5g ? 3 : has4g ? 2 : uncovered);
        }
      }
      // The box starts at the province's first row and column; every other cell of it is 0 (outside, or no data).
      expect(raster.bounds[0]).toBeCloseTo(grid.originLon + colMin * grid.cellSizeLonDeg, 9);
      expect(raster.bounds[3]).toBeCloseTo(grid.originLat - rowMin * grid.cellSizeLatDeg, 9);
      for (let r = 0; r < raster.height; r++) {
        for (let c = 0; c < raster.width; c++) {
          const want = expected.get(`${rowMin + r},${colMin + c}`) ?? 0;
          expect(raster.classes[r * raster.width + c], `${province.code} cell ${rowMin + r},${colMin + c}`).toBe(want);
          counts[want]++;
        }
      }
      expect([...expected.values()].length).toBe([...raster.classes].filter((value) => value !== 0).length);
      const figures = national.provinces[index];
      expect(raster.populationTotal).toBeCloseTo(figures.population_total, 6);
      expect(raster.populationCovered4g).toBeCloseTo(figures.population_covered_4g, 6);
      expect(raster.populationCovered5g).toBeCloseTo(figures.population_covered_5g, 6);
      // People per class, summed apart from the raster's classes, cell by cell.
      const byClass = [0, 0, 0, 0, 0, 0];
      for (const [key, kind] of expected) {
        const [row, col] = key.split(',').map(Number);
        byClass[kind] += grid.values[row * grid.width + col];
      }
      for (const [kind, people] of raster.populationByClass.entries()) {
        expect(people, `class ${kind}`).toBeCloseTo(byClass[kind], 6);
      }
    }
    // Every class occurs somewhere, or the comparison proves little.
    expect(
      counts.every((count) => count > 0),
      counts.join(','),
    ).toBe(true);
  });
});
