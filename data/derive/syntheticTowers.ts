import type { Position } from 'geojson';
import { OPERATORS } from '../../src/core/model/operators';
import type { MastType } from '../../src/core/model/tower';
import { seededRandom } from '../../src/core/util/seededRandom';
import { destination, haversineM } from './geodesy';
import { round6 } from './geojsonFiles';
import { PointHash } from './pointHash';
import { pointInRings } from './pointInRings';
import { type ClippedPopulation, NODATA } from './populationRaster';
import { pickWeighted, uniform } from './randomDraws';

export const TOWER_SEED = 20250701;

/** Owners' shares of masts (Viettel, VinaPhone, MobiFone, Vietnamobile). */
export const OWNER_SHARES: ReadonlyArray<{ operator: string; share: number }> = [
  { operator: 'Viettel', share: 0.45 },
  { operator: 'VinaPhone', share: 0.25 },
  { operator: 'MobiFone', share: 0.22 },
  { operator: 'Vietnamobile', share: 0.08 },
];

export type Zone = 'urban' | 'suburban' | 'rural';

/** How a synthetic mast was placed. */
export type Placement = 'population' | 'road' | 'coverage' | 'near-duplicate';

export interface SyntheticTower {
  id: string;
  operator: string;
  mccMnc: string;
  lon: number;
  lat: number;
  heightM: number;
  radiusM: number;
  mastType: MastType;
  tenants: string[];
  zone: Zone;
  placement: Placement;
}

export interface TowerOptions {
  /** People per mast overall. */
  peoplePerMast: number;
  /** Exponent of the population weight when sampling cells. */
  alpha: number;
  /** Most masts drawn into one 1 km cell. */
  maxMastsPerCell: number;
  /** Smallest distance between masts placed independently (near-duplicates are placed on purpose). */
  minSpacingM: number;
  /** Share of masts that get a near-duplicate of a different operator within 100 m. */
  nearDuplicateShare: number;
  /** Share of masts hosting 2-3 tenants. */
  sharedShare: number;
  /**
   * Where given (the national provinces but the demo's): the shared share by zone instead of `sharedShare`, and the
   * chance that a shared mast hosts 3 operators rather than 2, by zone (see data/README.md).
   */
  sharingByZone?: Record<Zone, { sharedShare: number; threeTenantShare: number }>;
  /** Spacing of candidate rural masts along the backbone roads, metres. */
  roadMastSpacingM: number;
  /** Most masts placed along the roads. */
  roadMastBudget: number;
  /** Masts placed by greedy maximum coverage of the people still uncovered, and the coverage distance it uses. */
  coverageMastBudget: number;
  coverageDistanceM: number;
  /** A rural road mast is placed only where no mast lies within this distance. */
  roadMastClearanceM: number;
  /** Cell population thresholds (people per ~1 km² cell) of the urban and suburban zones. */
  urbanMinPeople: number;
  suburbanMinPeople: number;
}

export const DEFAULT_TOWER_OPTIONS: TowerOptions = {
  peoplePerMast: 1100,
  alpha: 1.2,
  maxMastsPerCell: 30,
  minSpacingM: 110,
  nearDuplicateShare: 0.015,
  sharedShare: 0.15,
  roadMastSpacingM: 2000,
  roadMastBudget: 40,
  coverageMastBudget: 80,
  coverageDistanceM: 3000,
  roadMastClearanceM: 3000,
  urbanMinPeople: 3000,
  suburbanMinPeople: 500,
};

interface PopulatedCell {
  index: number;
  row: number;
  col: number;
  people: number;
}

type Random = () => number;

const MCC_MNC = new Map(OPERATORS.map((operator) => [operator.name, operator.mccMnc]));

function round1(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function pickOperator(random: Random, exclude: readonly string[] = []): string {
  const candidates = OWNER_SHARES.filter((entry) => !exclude.includes(entry.operator));
  return candidates[
    pickWeighted(
      random,
      candidates.map((entry) => entry.share),
    )
  ].operator;
}

/** Mast class, antenna height above ground and fixed coverage radius, by zone (see data/README.md). */
function mastAttributes(random: Random, zone: Zone): { mastType: MastType; heightM: number; radiusM: number } {
  let mastType: MastType;
  let heightM: number;
  let span: [number, number];
  let radiusRange: [number, number];
  if (zone === 'urban') {
    mastType = random() < 0.75 ? 'A1' : 'A2a';
    // A1: a building of 16.5-42 m plus a mast of at most 3 m; A2a: 15-30 m.
    span = mastType === 'A1' ? [18, 45] : [15, 30];
    heightM = mastType === 'A1' ? uniform(random, 16.5, 42) + uniform(random, 1.5, 3) : uniform(random, 15, 30);
    radiusRange = [500, 900];
  } else if (zone === 'suburban') {
    mastType = random() < 0.45 ? 'A2a' : 'A2b';
    span = mastType === 'A2a' ? [15, 30] : [30, 50];
    heightM = uniform(random, span[0], span[1]);
    radiusRange = [1200, 2000];
  } else {
    mastType = random() < 0.06 ? 'A2c' : 'A2b';
    span = mastType === 'A2c' ? [40, 60] : [30, 60];
    heightM = uniform(random, span[0], span[1]);
    radiusRange = [2500, 4000];
  }
  heightM = round1(heightM, 0.5);
  // Radius grows with height across the zone's range, with +-10% scatter, clamped to the range.
  const fraction = (heightM - span[0]) / (span[1] - span[0]);
  const base = radiusRange[0] + fraction * (radiusRange[1] - radiusRange[0]);
  const scattered = base * uniform(random, 0.9, 1.1);
  const radiusM = round1(Math.min(radiusRange[1], Math.max(radiusRange[0], scattered)), 10);
  return { mastType, heightM, radiusM };
}

/**
 * Generates the synthetic masts of a province from its population grid (see data/README.md for the rules).
 * `rings` is the province polygon (all rings, even-odd), `roads` the clipped road lines for rural road masts;
 * ids are `<idPrefix>-000001`, ... (the province code).
 */
export function generateSyntheticTowers(
  population: ClippedPopulation,
  rings: Position[][],
  roads: Position[][],
  options: TowerOptions = DEFAULT_TOWER_OPTIONS,
  seed = TOWER_SEED,
  idPrefix = 'VN25',
): SyntheticTower[] {
  const random = seededRandom(seed);
  const { window, values } = population;
  const cellOf = (lon: number, lat: number): number => {
    const col = Math.floor((lon - window.originLon) / window.cellSizeLon);
    const row = Math.floor((window.originLat - lat) / window.cellSizeLat);
    if (col < 0 || row < 0 || col >= window.width || row >= window.height) return -1;
    return row * window.width + col;
  };
  const peopleAt = (lon: number, lat: number): number => {
    const index = cellOf(lon, lat);
    return index < 0 ? NODATA : values[index];
  };
  const zoneOf = (people: number): Zone =>
    people >= options.urbanMinPeople ? 'urban' : people >= options.suburbanMinPeople ? 'suburban' : 'rural';

  const towers: SyntheticTower[] = [];
  const hash = new PointHash(0.01);
  const perCell = new Map<number, number>();
  /** A usable site: inside the province, in a cell with population data, clear of other masts. */
  const usable = (lon: number, lat: number, clearanceM: number): boolean =>
    pointInRings(rings, lon, lat) && peopleAt(lon, lat) !== NODATA && hash.within(lon, lat, clearanceM).length === 0;
  const addTower = (lon: number, lat: number, zone: Zone, placement: Placement, operator: string) => {
    const attributes = mastAttributes(random, zone);
    towers.push({
      id: '',
      operator,
      mccMnc: MCC_MNC.get(operator) ?? '',
      lon,
      lat,
      ...attributes,
      tenants: [operator],
      zone,
      placement,
    });
    hash.add(lon, lat);
    const cell = cellOf(lon, lat);
    perCell.set(cell, (perCell.get(cell) ?? 0) + 1);
  };

  const target = Math.round(population.total / options.peoplePerMast);
  const nearDuplicates = Math.round(target * options.nearDuplicateShare);

  // 1. Population masts: cells drawn with probability proportional to people^alpha, jittered inside the cell.
  const cells: PopulatedCell[] = [];
  for (let index = 0; index < values.length; index++) {
    const people = values[index];
    if (people !== NODATA && people > 0) {
      cells.push({ index, row: Math.floor(index / window.width), col: index % window.width, people });
    }
  }
  const cumulative = new Float64Array(cells.length);
  let weightTotal = 0;
  for (let i = 0; i < cells.length; i++) {
    weightTotal += cells[i].people ** options.alpha;
    cumulative[i] = weightTotal;
  }
  const drawCell = (): PopulatedCell => {
    const threshold = random() * weightTotal;
    let low = 0;
    let high = cells.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > threshold) high = mid;
      else low = mid + 1;
    }
    return cells[low];
  };

  const placePopulationMasts = (count: number) => {
    let attempts = 0;
    for (let done = 0; done < count; ) {
      if (++attempts > count * 200 + 1000) throw new Error('Could not place the population masts');
      const cell = drawCell();
      if ((perCell.get(cell.index) ?? 0) >= options.maxMastsPerCell) continue;
      for (let jitter = 0; jitter < 20; jitter++) {
        const lon = round6(window.originLon + (cell.col + uniform(random, 0.03, 0.97)) * window.cellSizeLon);
        const lat = round6(window.originLat - (cell.row + uniform(random, 0.03, 0.97)) * window.cellSizeLat);
        if (!usable(lon, lat, options.minSpacingM)) continue;
        addTower(lon, lat, zoneOf(cell.people), 'population', pickOperator(random));
        done++;
        break;
      }
    }
  };
  placePopulationMasts(target - nearDuplicates - options.roadMastBudget - options.coverageMastBudget);

  // 2. Rural masts along the backbone roads where no mast stands within the clearance (highway coverage), in a
  // shuffled order of candidate sites every roadMastSpacingM metres; any unused budget goes back to step 1.
  const roadSites: Array<[number, number]> = [];
  for (const line of roads) {
    let carried = 0;
    for (let i = 1; i < line.length; i++) {
      const [x0, y0] = line[i - 1];
      const [x1, y1] = line[i];
      const lengthM = haversineM(x0, y0, x1, y1);
      let along = options.roadMastSpacingM - carried;
      while (along <= lengthM) {
        const t = along / lengthM;
        roadSites.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
        along += options.roadMastSpacingM;
      }
      carried = (carried + lengthM) % options.roadMastSpacingM;
    }
  }
  for (let i = roadSites.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [roadSites[i], roadSites[j]] = [roadSites[j], roadSites[i]];
  }
  let roadMasts = 0;
  for (const [x, y] of roadSites) {
    if (roadMasts >= options.roadMastBudget) break;
    const people = peopleAt(x, y);
    if (people === NODATA || zoneOf(people) !== 'rural') continue;
    // The mast stands 30-150 m off the road axis.
    const [lon, lat] = destination(x, y, uniform(random, 30, 150), uniform(random, 0, 360)).map(round6);
    if (!usable(lon, lat, options.roadMastClearanceM)) continue;
    addTower(lon, lat, 'rural', 'road', pickOperator(random));
    roadMasts++;
  }

  // 3. Coverage masts: coverage obligations put a few masts where the most people still live farther than
  // coverageDistanceM from any mast (greedy maximum coverage over the uncovered populated cells, ties to the
  // lowest cell). Sparse highland cells gain little from a mast, so the remaining gaps are mostly there.
  const centre = (cell: PopulatedCell): [number, number] => [
    window.originLon + (cell.col + 0.5) * window.cellSizeLon,
    window.originLat - (cell.row + 0.5) * window.cellSizeLat,
  ];
  const uncovered = cells.filter((cell) => {
    const [lon, lat] = centre(cell);
    return hash.within(lon, lat, options.coverageDistanceM).length === 0;
  });
  const uncoveredHash = new PointHash(0.02);
  for (const cell of uncovered) uncoveredHash.add(...centre(cell));
  const neighbours = uncovered.map((cell) => uncoveredHash.within(...centre(cell), options.coverageDistanceM));
  const gain = uncovered.map((_, i) => neighbours[i].reduce((sum, j) => sum + uncovered[j].people, 0));
  const covered = new Uint8Array(uncovered.length);
  let coverageMasts = 0;
  while (coverageMasts < options.coverageMastBudget) {
    let best = -1;
    for (let i = 0; i < uncovered.length; i++) if (gain[i] > 0 && (best < 0 || gain[i] > gain[best])) best = i;
    if (best < 0) break;
    const cell = uncovered[best];
    let site: [number, number] | null = null;
    for (let jitter = 0; jitter < 20 && !site; jitter++) {
      const lon = round6(window.originLon + (cell.col + uniform(random, 0.2, 0.8)) * window.cellSizeLon);
      const lat = round6(window.originLat - (cell.row + uniform(random, 0.2, 0.8)) * window.cellSizeLat);
      if (usable(lon, lat, options.minSpacingM)) site = [lon, lat];
    }
    if (!site) {
      gain[best] = 0;
      continue;
    }
    addTower(site[0], site[1], zoneOf(cell.people), 'coverage', pickOperator(random));
    coverageMasts++;
    for (const i of neighbours[best]) {
      if (covered[i]) continue;
      covered[i] = 1;
      for (const k of neighbours[i]) gain[k] -= uncovered[i].people;
    }
  }
  placePopulationMasts(options.roadMastBudget - roadMasts + options.coverageMastBudget - coverageMasts);
  const placed = towers.length;

  // 4. Near-duplicates: a mast of a different operator 20-90 m from an existing one (what sharing rules target).
  const partners = new Set<number>();
  let duplicates = 0;
  let attempts = 0;
  while (duplicates < nearDuplicates) {
    if (++attempts > nearDuplicates * 200) throw new Error('Could not place the near-duplicate masts');
    const partnerIndex = Math.floor(random() * placed);
    if (partners.has(partnerIndex)) continue;
    const partner = towers[partnerIndex];
    for (let tries = 0; tries < 10; tries++) {
      const [lon, lat] = destination(partner.lon, partner.lat, uniform(random, 20, 90), uniform(random, 0, 360)).map(
        round6,
      );
      if (!pointInRings(rings, lon, lat) || peopleAt(lon, lat) === NODATA) continue;
      const near = hash.within(lon, lat, options.minSpacingM);
      if (near.length !== 1 || near[0] !== partnerIndex) continue;
      partners.add(partnerIndex);
      partners.add(towers.length);
      addTower(lon, lat, partner.zone, 'near-duplicate', pickOperator(random, [partner.operator]));
      duplicates++;
      break;
    }
  }

  // 5. Shared masts: a fixed share, chosen with weights favouring ground towers (A-ES weighted sampling).
  const shareWeight: Record<MastType, number> = { A1: 1, A2a: 3, A2b: 4, A2c: 4 };
  const keyed = towers
    .map((tower, index) => ({ index, key: partners.has(index) ? -1 : random() ** (1 / shareWeight[tower.mastType]) }))
    .sort((a, b) => b.key - a.key || a.index - b.index);
  const byZone = options.sharingByZone;
  if (byZone === undefined) {
    const sharedCount = Math.round(towers.length * options.sharedShare);
    for (const { index } of keyed.slice(0, sharedCount)) {
      const tower = towers[index];
      const extra = random() < 0.75 ? 1 : 2;
      for (let k = 0; k < extra; k++) tower.tenants.push(pickOperator(random, tower.tenants));
    }
  } else {
    // Zone by zone, urban first: the zone's share of its masts, by the same weighted keys.
    for (const zone of ['urban', 'suburban', 'rural'] as const) {
      const inZone = keyed.filter(({ index }) => towers[index].zone === zone);
      const sharedCount = Math.round(inZone.length * byZone[zone].sharedShare);
      for (const { index } of inZone.slice(0, sharedCount)) {
        const tower = towers[index];
        const extra = random() < byZone[zone].threeTenantShare ? 2 : 1;
        for (let k = 0; k < extra; k++) tower.tenants.push(pickOperator(random, tower.tenants));
      }
    }
  }

  // 6. Stable order (north to south, then west to east) and ids.
  towers.sort(
    (a, b) => b.lat - a.lat || a.lon - b.lon || (a.operator < b.operator ? -1 : a.operator > b.operator ? 1 : 0),
  );
  towers.forEach((tower, index) => {
    tower.id = `${idPrefix}-${String(index + 1).padStart(6, '0')}`;
  });
  return towers;
}
