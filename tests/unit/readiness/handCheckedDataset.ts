/**
 * A small dataset whose readiness figures are worked out by hand (see computeReadiness.test.ts).
 *
 * Grid: 4 x 4 cells of 0.01°, origin 105.00°E 21.04°N; cell centres at 105.005, .015, .025, .035°E and
 * 21.035, .025, .015, .005°N. Population (row 0 is the north row; N = nodata):
 *
 *            col 0   col 1   col 2   col 3
 *   row 0     100     200     300     400      <- row 0 of cols 2-3 lies in no province
 *   row 1     500     600     700     800
 *   row 2     900    1000       N    1200
 *   row 3    1300    1400    1500    1600
 *
 * Province A (VNA): the square 105.00-105.02°E x 21.00-21.04°N (columns 0-1, every row): 8 cells, 6,000 people.
 * Province B (VNB): 105.02-105.04°E x 21.00-21.03°N (columns 2-3, rows 1-3): 5 cells with data, 5,800 people.
 * Outside: cells (0,2) and (0,3): 700 people. The whole grid holds 12,500.
 *
 * Distances between neighbouring centres: east-west 0.01° of longitude at 21.0°N = 1,037.9 m, north-south
 * 0.01° of latitude = 1,111.9 m. So a reach of 1,100 m at a centre covers that cell and its east and west
 * neighbours but not those north and south; a reach of 600 m covers only its own cell.
 *
 * Masts (all at cell centres):
 *   T1 (1,0) in A: Viettel, tenants Viettel+VinaPhone, 4G 1,100 m, 5G Viettel 600 m
 *   T2 (3,1) in A: MobiFone alone, 4G 600 m, no 5G
 *   T3 (2,2) in B: Viettel alone, 4G 1,100 m, 5G Viettel 600 m (its own cell is nodata)
 *   T4 (3,3) in B: VinaPhone, tenants VinaPhone+MobiFone+Viettel, NO 4G (has_4g 0), 5G VinaPhone 600 m
 *   T5 (0,3) outside: Vietnamobile, 4G 1,100 m
 * Backbone: one line along 21.02°N: T1 and T3 are 0.005° (556 m) from it, T2, T4 and T5 0.015° (1,668 m).
 */
import type { LonLatPolygon } from '../../../src/core/geo/lonLatPolygon';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import type { ReadinessProvince, SitePoint } from '../../../src/core/readiness/readinessTypes';

export const NODATA = -99999;

export function handGrid(): PopulationGrid {
  const N = NODATA;
  return {
    width: 4,
    height: 4,
    originLon: 105,
    originLat: 21.04,
    cellSizeLonDeg: 0.01,
    cellSizeLatDeg: 0.01,
    nodata: N,
    values: Float32Array.from([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, N, 1200, 1300, 1400, 1500, 1600]),
  };
}

const square = (west: number, south: number, east: number, north: number): LonLatPolygon => [
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ],
];

export const HAND_PROVINCES: ReadinessProvince[] = [
  { code: 'VNA', name: 'Province A', polygons: [square(105.0, 21.0, 105.02, 21.04)] },
  { code: 'VNB', name: 'Province B', polygons: [square(105.02, 21.0, 105.04, 21.03)] },
];

/** Centre of cell (row, col) of handGrid(). */
const centre = (row: number, col: number) => ({ lon: 105 + (col + 0.5) * 0.01, lat: 21.04 - (row + 0.5) * 0.01 });

const mast = (id: string, row: number, col: number, fields: Partial<Tower>): Tower => ({
  id,
  operator: 'Viettel',
  ...centre(row, col),
  heightM: null,
  radiusM: null,
  mastType: null,
  tenants: [],
  ...fields,
});

export const HAND_TOWERS: Tower[] = [
  mast('T1', 1, 0, {
    operator: 'Viettel',
    tenants: ['Viettel', 'VinaPhone'],
    radiusM: 1100,
    tenants5g: ['Viettel'],
    radius5gM: 600,
  }),
  mast('T2', 3, 1, { operator: 'MobiFone', tenants: ['MobiFone'], radiusM: 600 }),
  mast('T3', 2, 2, {
    operator: 'Viettel',
    tenants: ['Viettel'],
    radiusM: 1100,
    tenants5g: ['Viettel'],
    radius5gM: 600,
  }),
  mast('T4', 3, 3, {
    operator: 'VinaPhone',
    tenants: ['VinaPhone', 'MobiFone', 'Viettel'],
    radiusM: 600,
    has4g: false,
    tenants5g: ['VinaPhone'],
    radius5gM: 600,
  }),
  mast('T5', 0, 3, { operator: 'Vietnamobile', tenants: ['Vietnamobile'], radiusM: 1100 }),
];

export const HAND_BACKBONE = [
  [
    [104.99, 21.02],
    [105.05, 21.02],
  ],
];

/** Planned: one in A, one in B, one far outside; approved: one in A. */
export const HAND_PLANNED: SitePoint[] = [
  { lon: 105.01, lat: 21.01 },
  { lon: 105.03, lat: 21.02 },
  { lon: 106, lat: 21 },
];
export const HAND_APPROVED: SitePoint[] = [{ lon: 105.01, lat: 21.03 }];
