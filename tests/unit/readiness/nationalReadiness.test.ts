/**
 * Readiness on the committed national dataset (data/national/): population totals against independent sums, and three
 * provinces against a brute force with turf point-in-polygon on every cell centre.
 */
import { readFileSync } from 'node:fs';
import { bbox, booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskCellCentresInPolygons } from '../../../src/core/geo/maskCellCentresInPolygons';
import { parseRegionsGeoJson, type Region } from '../../../src/core/geo/parseRegionsGeoJson';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { sumPopulation } from '../../../src/core/population/sumPopulation';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import type { NationalReadiness } from '../../../src/core/readiness/readinessTypes';

const NATIONAL = new URL('../../../data/national/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, NATIONAL));

let grid: PopulationGrid;
let provinces: Region[];
let rows: Array<Record<string, string>>;
let result: NationalReadiness;

beforeAll(async () => {
  const bytes = read('population.tif');
  grid = await readPopulationGeoTiff(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  provinces = parseRegionsGeoJson(read('provinces.geojson').toString('utf8'));
  // Towers straight from the CSV (papaparse), so this test depends on the data, not on the tower reader.
  rows = Papa.parse<Record<string, string>>(read('towers.csv').toString('utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const towers: Tower[] = rows.map((row) => ({
    id: row.id,
    operator: row.operator,
    lon: Number(row.lon),
    lat: Number(row.lat),
    heightM: Number(row.height_m),
    radiusM: Number(row.radius_m),
    mastType: null,
    tenants: row.tenants.split(';'),
    has4g: row.has_4g === '1',
    tenants5g: row.tenants_5g === '' ? [] : row.tenants_5g.split(';'),
    ...(row.radius_5g_m === '' ? {} : { radius5gM: Number(row.radius_5g_m) }),
  }));
  const backbone = JSON.parse(read('backbone.geojson').toString('utf8')).features.flatMap(
    (feature: { geometry: { type: string; coordinates: number[][] | number[][][] } }) =>
      feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates,
  );
  result = await computeNationalReadiness({ grid, provinces, towers: packReadinessTowers(towers), backbone });
}, 120_000);

describe('readiness on the national dataset', () => {
  it('has the 34 provinces, whose totals sum to the population of the cells inside any province', () => {
    expect(result.provinces.map((p) => p.code)).toEqual(
      Array.from({ length: 34 }, (_, i) => `VN${String(i + 1).padStart(2, '0')}`),
    );
    const insideAny = sumPopulation(
      grid,
      maskCellCentresInPolygons(
        grid,
        provinces.flatMap((p) => p.polygons),
      ),
    );
    const sumOfProvinces = result.provinces.reduce((sum, p) => sum + p.population_total, 0);
    expect(Math.abs(sumOfProvinces - insideAny)).toBeLessThan(1e-3);
    expect(Math.abs(result.national.population_total - insideAny)).toBeLessThan(1e-3);
    // Provinces plus the coastal cells outside them make the whole grid (97,338,583 people).
    const whole = sumPopulation(grid);
    expect(Math.abs(result.national.population_total + result.outside_provinces.population_total - whole)).toBeLessThan(
      1e-3,
    );
    expect(Math.round(whole)).toBe(97_338_583);
    expect(result.province_overlap_cells).toBe(0);
  });

  it('matches a turf point-in-polygon brute force on every cell centre for Cao Bằng, Huế and Đà Nẵng', () => {
    for (const code of ['VN03', 'VN22', 'VN25']) {
      const province = provinces.find((p) => p.code === code) as Region;
      const feature = multiPolygon(province.polygons);
      const [west, south, east, north] = bbox(feature);
      let total = 0;
      let cells = 0;
      const col0 = Math.max(0, Math.floor((west - grid.originLon) / grid.cellSizeLonDeg));
      const col1 = Math.min(grid.width - 1, Math.ceil((east - grid.originLon) / grid.cellSizeLonDeg));
      const row0 = Math.max(0, Math.floor((grid.originLat - north) / grid.cellSizeLatDeg));
      const row1 = Math.min(grid.height - 1, Math.ceil((grid.originLat - south) / grid.cellSizeLatDeg));
      for (let row = row0; row <= row1; row++) {
        const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
        for (let col = col0; col <= col1; col++) {
          const value = grid.values[row * grid.width + col];
          if (value === grid.nodata) continue;
          const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
          if (!booleanPointInPolygon(point([lon, lat]), feature)) continue;
          total += value;
          cells++;
        }
      }
      const figures = result.provinces.find((p) => p.code === code);
      expect(figures?.population_cells, code).toBe(cells);
      expect(Math.abs((figures?.population_total ?? 0) - total), code).toBeLessThan(1e-6 * total);
    }
  });

  it('puts every mast in the province the generator made it for', () => {
    const expected = new Map<string, number>();
    for (const row of rows) expected.set(row.province, (expected.get(row.province) ?? 0) + 1);
    for (const province of result.provinces) expect(province.masts, province.code).toBe(expected.get(province.code));
    expect(result.outside_provinces.masts).toBe(0);
    expect(result.national.masts).toBe(rows.length);
  });

  it('gives sensible national figures for the synthetic layer', () => {
    const n = result.national;
    expect(n.coverage_4g_share).toBeGreaterThan(0.95);
    expect(n.coverage_4g_share).toBeLessThan(1);
    expect(n.coverage_5g_share).toBeGreaterThan(0.2);
    expect(n.coverage_5g_share).toBeLessThan(0.5);
    // Counted from the CSV by hand: masts naming two or more tenants.
    expect(n.shared_share).toBe(rows.filter((row) => row.tenants.split(';').length >= 2).length / rows.length);
    const provinceShares = result.provinces.map((province) => province.shared_share ?? 0);
    expect(Math.max(...provinceShares) - Math.min(...provinceShares)).toBeGreaterThan(0.1);
    for (const p of result.provinces) {
      // 5G runs only on 4G masts, with a smaller reach: its coverage is inside 4G's.
      expect(p.population_covered_5g).toBeLessThanOrEqual(p.population_covered_4g);
      expect(p.by_operator.Vietnamobile.population_covered_5g).toBe(0);
    }
    // The mountainous north-west keeps real gaps; the big cities are covered.
    const share = (code: string) => result.provinces.find((p) => p.code === code)?.coverage_4g_share ?? 0;
    expect(share('VN31')).toBeLessThan(0.95); // Điện Biên
    expect(share('VN21')).toBeGreaterThan(0.99); // TP HCM
  });
});
