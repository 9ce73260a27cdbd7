import { describe, expect, it } from 'vitest';
import { analyzeColocation } from '../../../src/core/colocation/analyzeColocation';
import {
  classifyUrbanRural,
  densityAt,
  ZONE_RURAL,
  ZONE_SUBURBAN,
  ZONE_URBAN,
} from '../../../src/core/colocation/classifyUrbanRural';
import { clusterColocationPairs } from '../../../src/core/colocation/clusterColocationPairs';
import { findConsolidationCandidates } from '../../../src/core/colocation/consolidation';
import { findColocationPairs } from '../../../src/core/colocation/findColocationPairs';
import { annuityFactor, SHARING_COSTS_USD } from '../../../src/core/colocation/sharingCosts';
import { SHARING_DISTANCE_PRESETS } from '../../../src/core/colocation/sharingDistancePresets';
import { computeSpareCapacity, tenantSlots } from '../../../src/core/colocation/spareCapacity';
import { computeTenancyStats, computeTenancyStatsByArea } from '../../../src/core/colocation/tenancyStats';
import { cellAreaKm2 } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import { packMastAttributes } from '../../../src/core/model/mastAttributes';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { MastType, Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { seededRandom as random } from '../../../src/core/util/seededRandom';

/** Metres east and north of (108 E, 16 N) to degrees. */
function at(eastM: number, northM: number): [number, number] {
  const metresPerDeg = (6_371_008.8 * Math.PI) / 180;
  return [108 + eastM / (metresPerDeg * Math.cos((16 * Math.PI) / 180)), 16 + northM / metresPerDeg];
}

function mast(id: string, operator: string, position: [number, number], extra: Partial<Tower> = {}): Tower {
  return {
    id,
    operator,
    lon: position[0],
    lat: position[1],
    heightM: null,
    radiusM: null,
    mastType: null,
    tenants: [operator],
    ...extra,
  };
}

describe('clusterColocationPairs', () => {
  it('links chains into one cluster and agrees with a graph search on random pairs', () => {
    const towers = [
      mast('a', 'Viettel', at(0, 0)),
      mast('b', 'MobiFone', at(80, 0)),
      mast('c', 'VinaPhone', at(160, 0)),
      mast('d', 'Viettel', at(5000, 0)),
      mast('e', 'Vietnamobile', at(5050, 0), { tenants: ['Vietnamobile', 'MobiFone'] }),
      mast('f', 'Viettel', at(9000, 0)),
    ];
    const arrays = packTowers(towers);
    const clusters = clusterColocationPairs(findColocationPairs({ towers: arrays, sharingDistanceM: 100 }), arrays);
    expect(clusters.map((cluster) => cluster.towerIndices)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(clusters[0].diameterM).toBeCloseTo(160, 3);
    expect(clusters[1].owners).toEqual(['Viettel', 'Vietnamobile']);
    expect(clusters[1].tenants).toEqual(['Viettel', 'MobiFone', 'Vietnamobile']); // operatorNames order

    const next = random(5);
    const many = Array.from({ length: 300 }, (_, i) =>
      mast(`m${i}`, ['Viettel', 'MobiFone', 'VinaPhone'][i % 3], at(next() * 5000, next() * 5000)),
    );
    const manyArrays = packTowers(many);
    const pairs = findColocationPairs({ towers: manyArrays, sharingDistanceM: 250 });
    const found = clusterColocationPairs(pairs, manyArrays).map((cluster) => cluster.towerIndices.join(','));
    // Components by depth-first search over the pair graph.
    const adjacency = many.map(() => [] as number[]);
    for (let k = 0; k < pairs.count; k++) {
      adjacency[pairs.a[k]].push(pairs.b[k]);
      adjacency[pairs.b[k]].push(pairs.a[k]);
    }
    const seen = new Set<number>();
    const expected: string[] = [];
    for (let start = 0; start < many.length; start++) {
      if (seen.has(start) || adjacency[start].length === 0) continue;
      const stack = [start];
      const members: number[] = [];
      seen.add(start);
      while (stack.length > 0) {
        const node = stack.pop() as number;
        members.push(node);
        for (const other of adjacency[node]) {
          if (seen.has(other)) continue;
          seen.add(other);
          stack.push(other);
        }
      }
      expected.push(members.sort((x, y) => x - y).join(','));
    }
    expect(found).toEqual(expected);
  });
});

describe('classifyUrbanRural', () => {
  const grid: PopulationGrid = {
    width: 3,
    height: 1,
    originLon: 108,
    originLat: 16,
    cellSizeLonDeg: 1 / 120,
    cellSizeLatDeg: 1 / 120,
    nodata: -99999,
    values: Float32Array.from([2000, 400, -99999]),
  };
  const area = cellAreaKm2(16, 16 - 1 / 120, 1 / 120);

  it('uses the density of the cell a point falls in, with the stated thresholds', () => {
    expect(densityAt(grid, 108.001, 15.999)).toBeCloseTo(2000 / area, 9);
    const lon = [108.001, 108.01, 108.02, 107.9];
    const lat = [15.999, 15.999, 15.999, 15.999];
    // 2,000 people in 0.79 km² (2,500/km²) is urban, 400 (500/km²) suburban; nodata and outside the grid rural.
    expect(Array.from(classifyUrbanRural({ count: 4, lon, lat, grid }))).toEqual([
      ZONE_URBAN,
      ZONE_SUBURBAN,
      ZONE_RURAL,
      ZONE_RURAL,
    ]);
    const strict = classifyUrbanRural({
      count: 4,
      lon,
      lat,
      grid,
      thresholds: { urbanMinPeoplePerKm2: 3000, suburbanMinPeoplePerKm2: 600 },
    });
    expect(Array.from(strict)).toEqual([ZONE_SUBURBAN, ZONE_RURAL, ZONE_RURAL, ZONE_RURAL]);
  });

  it('lets a zone layer win where it has a polygon (the most urban of overlapping ones)', () => {
    const square = (west: number, east: number) => [
      [
        [west, 15.99],
        [east, 15.99],
        [east, 16.01],
        [west, 16.01],
        [west, 15.99],
      ],
    ];
    const codes = classifyUrbanRural({
      count: 3,
      lon: [108.001, 108.01, 108.02],
      lat: [15.999, 15.999, 15.999],
      grid,
      zoneLayer: {
        polygons: [square(108, 108.005), square(108.009, 108.03), square(108.015, 108.03)],
        zones: ['rural', 'suburban', 'urban'],
      },
    });
    expect(Array.from(codes)).toEqual([ZONE_RURAL, ZONE_SUBURBAN, ZONE_URBAN]);
  });
});

describe('tenancy statistics', () => {
  const towers = [
    mast('a', 'Viettel', at(0, 0), { tenants: ['Viettel', 'MobiFone'] }),
    mast('b', 'MobiFone', at(1000, 0)),
    mast('c', 'VinaPhone', at(2000, 0), { tenants: ['VinaPhone', 'Viettel', 'Vietnamobile'] }),
    mast('d', 'Viettel', at(3000, 0)),
  ];
  const arrays = packTowers(towers);

  it('gives the tenancy ratio (tenants per mast) and the share of masts with two or more tenants', () => {
    const stats = computeTenancyStats(arrays);
    expect(stats).toMatchObject({ masts: 4, tenancies: 7, tenancyRatio: 7 / 4, sharedMasts: 2, sharedShare: 0.5 });
    expect(stats.mastsByOwner).toEqual({ Viettel: 2, MobiFone: 1, VinaPhone: 1, Vietnamobile: 0 });
    expect(stats.tenanciesByOperator).toEqual({ Viettel: 3, MobiFone: 2, VinaPhone: 1, Vietnamobile: 1 });
  });

  it('per area: masts inside its polygons, holes cut out; empty areas give zeros', () => {
    const [west, south] = at(-500, -500);
    const [east, north] = at(2500, 500);
    const [holeWest, holeSouth] = at(800, -200);
    const [holeEast, holeNorth] = at(1200, 200);
    const ring = (w: number, s: number, e: number, n: number) => [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ];
    const stats = computeTenancyStatsByArea(arrays, [
      {
        id: 'commune-1',
        name: 'Phường 1',
        polygons: [[ring(west, south, east, north), ring(holeWest, holeSouth, holeEast, holeNorth)]],
      },
      { id: 'empty', polygons: [[ring(110, 10, 111, 11)]] },
    ]);
    expect(stats[0]).toMatchObject({
      areaId: 'commune-1',
      areaName: 'Phường 1',
      masts: 2,
      tenancies: 5,
      sharedMasts: 2,
    });
    expect(stats[1]).toMatchObject({ areaId: 'empty', masts: 0, tenancyRatio: 0, sharedShare: 0 });
  });
});

describe('spare capacity', () => {
  it('reads the stated slot table: class, height bands, unknown height as the lowest', () => {
    const cases: [MastType | null, number | null, number][] = [
      ['A1', 25, 2],
      ['A2a', 15, 2],
      ['A2a', 15.5, 3],
      ['A2a', null, 2],
      ['A2b', 39.9, 3],
      ['A2b', 40, 4],
      ['A2c', 50, 4],
      [null, 30, 2],
    ];
    for (const [type, height, slots] of cases) expect(tenantSlots(type, height)).toBe(slots);
    expect(tenantSlots('A1', null, [{ mastType: 'A1', slots: 1 }])).toBe(1);
  });

  it('spare = slots - tenants, never below 0', () => {
    const towers = [
      mast('a', 'Viettel', at(0, 0), { mastType: 'A2b', heightM: 45, tenants: ['Viettel', 'MobiFone'] }),
      mast('b', 'MobiFone', at(0, 0), { mastType: 'A1', heightM: 20, tenants: ['MobiFone', 'Viettel', 'VinaPhone'] }),
    ];
    const capacity = computeSpareCapacity(packTowers(towers), packMastAttributes(towers));
    expect(Array.from(capacity.slots)).toEqual([4, 2]);
    expect(Array.from(capacity.tenants)).toEqual([2, 3]);
    expect(Array.from(capacity.spare)).toEqual([2, 0]);
  });
});

describe('consolidation candidates', () => {
  it('moves tenants onto the mast with most slots, within the distance and the slots, and prices the savings', () => {
    const towers = [
      mast('host', 'Viettel', at(0, 0), { mastType: 'A2b', heightM: 45 }),
      mast('near', 'MobiFone', at(60, 0), { mastType: 'A2a', heightM: 20 }),
      mast('near2', 'VinaPhone', at(0, 70), { mastType: 'A1', heightM: 25, tenants: ['VinaPhone', 'Viettel'] }),
      mast('far', 'Vietnamobile', at(150, 0), { mastType: 'A2a', heightM: 12 }),
    ];
    const arrays = packTowers(towers);
    const masts = packMastAttributes(towers);
    const zones = Uint8Array.from([ZONE_URBAN, ZONE_URBAN, ZONE_RURAL, ZONE_URBAN]);
    const pairs = findColocationPairs({ towers: arrays, sharingDistanceM: 100 });
    const clusters = clusterColocationPairs(pairs, arrays);
    expect(clusters).toHaveLength(1);
    const [candidate, ...others] = findConsolidationCandidates({
      towers: arrays,
      masts,
      clusters,
      zones,
      sharingDistanceM: 100,
    });
    expect(others).toEqual([]);
    expect(candidate.hostId).toBe('host');
    // 'far' is 150 m from the host: beyond 100 m it stays (its pair with 'near' chains it into the cluster only).
    expect(candidate.removedIds).toEqual(['near', 'near2']);
    expect(candidate.tenantsAfter).toEqual(['Viettel', 'MobiFone', 'VinaPhone']);
    expect(candidate.hostSlots).toBe(4);
    expect(candidate.movedTenancies).toBe(2); // MobiFone and VinaPhone; Viettel is already on the host
    const opex = 0.1 * (5000 * 4 + 5000);
    const yearly = 9600 + opex + (1000 + opex);
    expect(candidate.savingsUsdPerYear).toBeCloseTo(yearly, 6);
    expect(candidate.oneOffCostUsd).toBe(2 * 5000);
    expect(candidate.savingsNetPresentUsd).toBeCloseTo(yearly * annuityFactor(SHARING_COSTS_USD) - 10000, 6);
    expect(annuityFactor(SHARING_COSTS_USD)).toBeCloseTo(7.721734929, 8);
  });

  it("leaves an operator's second site out: a mast whose every tenant the group already has is not a sharing", () => {
    // Two Viettel and two MobiFone masts within 120 m of the host (the audit's VN25-000175 case, in miniature).
    const towers = [
      mast('host', 'MobiFone', at(0, 0), { mastType: 'A2b', heightM: 45 }),
      mast('vt1', 'Viettel', at(40, 0), { mastType: 'A2a', heightM: 20 }),
      mast('mbf2', 'MobiFone', at(0, 60), { mastType: 'A2a', heightM: 20 }),
      mast('vt2', 'Viettel', at(-80, 0), { mastType: 'A2a', heightM: 20 }),
    ];
    const arrays = packTowers(towers);
    const clusters = clusterColocationPairs(findColocationPairs({ towers: arrays, sharingDistanceM: 150 }), arrays);
    const found = findConsolidationCandidates({
      towers: arrays,
      masts: packMastAttributes(towers),
      clusters,
      zones: new Uint8Array(4),
      sharingDistanceM: 150,
    });
    // Viettel's nearer mast moves onto MobiFone's host, and the other Viettel mast onto MobiFone's second site (100 m
    // apart): four masts become two shared ones, and each operator keeps two sites.
    expect(found.map((candidate) => [candidate.hostId, candidate.removedIds])).toEqual([
      ['host', ['vt1']],
      ['mbf2', ['vt2']],
    ]);
    expect(found.map((candidate) => candidate.movedTenancies)).toEqual([1, 1]);
  });

  it('leaves a mast out when the host has no slot for its tenants', () => {
    const towers = [
      mast('a', 'Viettel', at(0, 0), { mastType: 'A1', heightM: 20, tenants: ['Viettel', 'MobiFone'] }),
      mast('b', 'VinaPhone', at(50, 0), { mastType: 'A1', heightM: 20 }),
    ];
    const arrays = packTowers(towers);
    const clusters = clusterColocationPairs(findColocationPairs({ towers: arrays, sharingDistanceM: 100 }), arrays);
    const found = findConsolidationCandidates({
      towers: arrays,
      masts: packMastAttributes(towers),
      clusters,
      zones: new Uint8Array(2),
      sharingDistanceM: 100,
    });
    // Host 'a' (2 slots, 2 tenants) cannot take VinaPhone; 'b' as host cannot take both of a's tenants.
    expect(found).toEqual([]);
  });
});

describe('analyzeColocation', () => {
  it('applies a preset by zone: 100 m in urban areas, 500 m elsewhere (Hà Nội)', () => {
    const towers = [
      mast('u1', 'Viettel', at(0, 0)),
      mast('u2', 'MobiFone', at(300, 0)),
      mast('r1', 'Viettel', at(20000, 0)),
      mast('r2', 'MobiFone', at(20300, 0)),
    ];
    const [west, south] = at(-1000, -1000);
    const [east, north] = at(1000, 1000);
    const result = analyzeColocation({
      towers: packTowers(towers),
      masts: packMastAttributes(towers),
      sharingDistance: SHARING_DISTANCE_PRESETS.ha_noi,
      zoneLayer: {
        polygons: [
          [
            [
              [west, south],
              [east, south],
              [east, north],
              [west, north],
              [west, south],
            ],
          ],
        ],
        zones: ['urban'],
      },
    });
    expect(Array.from(result.zones)).toEqual([ZONE_URBAN, ZONE_URBAN, ZONE_RURAL, ZONE_RURAL]);
    expect(Array.from(result.sharingDistanceM)).toEqual([100, 100, 500, 500]);
    expect(result.pairs.count).toBe(1);
    expect(result.pairsByOperatorPair).toEqual({ 'MobiFone|Viettel': 1 });
    expect(result.province.masts).toBe(4);
    expect(result.consolidation).toHaveLength(1);
  });
});
