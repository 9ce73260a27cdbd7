import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { MAST_TYPES } from '../../src/core/model/tower';
import type { clipBackbone } from './clipBackbone';
import { sha256File, writeFeatureCollection, writeJson } from './geojsonFiles';
import { type BackboneSimplifyStats, simplifiedBackbone } from './nationalBackbone';
import { NATIONAL_READINESS_FILES, writeNationalReadinessFiles } from './nationalReadinessFiles';
import { type NationalTowerRow, nationalTowersCsv } from './nationalTowerFiles';
import { generateProvinceTowers, type ProvinceTowerSet, provinceSharing } from './nationalTowers';
import { NATIONAL_DIR } from './paths';
import { maskedSum, NODATA, readSourceRaster } from './populationRaster';
import type { ProvinceSourceProperties } from './provinces';
import { FIVE_G_CHANCE, FIVE_G_RADIUS_FACTOR, RADIO_SEED_OFFSET } from './radios';
import { roundPolygonal } from './simplifyKeepingRings';
import { OWNER_SHARES, type SyntheticTower, TOWER_SEED } from './syntheticTowers';

/** Douglas-Peucker tolerance of the national backbone, degrees (about 11 m): a light simplification. */
export const NATIONAL_BACKBONE_TOLERANCE_DEG = 0.0001;
/** Above this size the national towers.csv would be too heavy to commit and load in the browser. */
const TOWERS_CSV_BUDGET_BYTES = 8 * 1024 * 1024;

const ZONES = ['urban', 'suburban', 'rural'] as const;
const OPERATORS = OWNER_SHARES.map((entry) => entry.operator);

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function countBy<T>(items: readonly T[], keyOf: (item: T) => string, keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = 0;
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

export interface NationalInputs {
  populationPath: string;
  provinces: readonly Feature<Polygon | MultiPolygon, ProvinceSourceProperties>[];
  backboneSource: Parameters<typeof clipBackbone>[0];
  /** The demo province's towers and population total: its national masts must be exactly these. */
  demoTowers: readonly SyntheticTower[];
  demoPopulationTotal: number;
  sources: Array<{ file: string; sha256: string; licence: string }>;
}

/** The same fields, in the same order, as the demo's towers.csv writes: what the national VN25 must reproduce. */
function sameTower(a: SyntheticTower, b: SyntheticTower): boolean {
  return (
    a.id === b.id &&
    a.operator === b.operator &&
    a.lon === b.lon &&
    a.lat === b.lat &&
    a.heightM === b.heightM &&
    a.radiusM === b.radiusM &&
    a.mastType === b.mastType &&
    a.tenants.join(';') === b.tenants.join(';')
  );
}

/** Writes data/national/ and returns its manifest. */
export async function deriveNational(inputs: NationalInputs, demoCode: string) {
  mkdirSync(NATIONAL_DIR, { recursive: true });
  const out = (name: string) => resolve(NATIONAL_DIR, name);

  // 1. The 34 provinces with their full geometry, rounded, sorted by code.
  const provinces = [...inputs.provinces]
    .sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0))
    .map(
      (feature): Feature<Polygon | MultiPolygon, { name: string; code: string }> => ({
        type: 'Feature',
        properties: { name: feature.properties.ten_tinh.normalize('NFC'), code: feature.properties.code },
        geometry: roundPolygonal(feature.geometry),
      }),
    );
  writeFeatureCollection(out('provinces.geojson'), provinces);

  // 2. The national population grid, copied byte for byte (not copyFileSync: the source may be read-only).
  writeFileSync(out('population.tif'), readFileSync(inputs.populationPath));
  const raster = await readSourceRaster(out('population.tif'));
  const { grid } = raster;
  const populationTotal = maskedSum(raster.values, null, NODATA);

  // 3. The backbone, lightly simplified.
  const backboneStats: BackboneSimplifyStats = { sourceVertices: 0, vertices: 0, sourceLengthM: { road: 0, rail: 0 } };
  const backbone = simplifiedBackbone(inputs.backboneSource, NATIONAL_BACKBONE_TOLERANCE_DEG, backboneStats);
  writeFeatureCollection(out('backbone.geojson'), backbone);
  const backboneKm = { road: 0, rail: 0 };
  for (const feature of backbone) backboneKm[feature.properties.kind] += feature.properties.length_m / 1000;

  // 4. Synthetic towers, province by province; cells claimed by two provinces are counted (expected none).
  const claims = new Uint8Array(grid.width * grid.height);
  const sets: ProvinceTowerSet[] = [];
  for (const province of provinces) {
    const set = await generateProvinceTowers(
      province,
      inputs.populationPath,
      inputs.backboneSource,
      inputs.demoPopulationTotal,
      raster,
    );
    const { window, insideMask } = set.population;
    for (let row = 0; row < window.height; row++) {
      for (let col = 0; col < window.width; col++) {
        if (insideMask[row * window.width + col]) claims[(window.row0 + row) * grid.width + window.col0 + col]++;
      }
    }
    sets.push(set);
    console.log(
      `  ${set.code} ${set.name}: ${set.towers.length} masts, population ${Math.round(set.population.total)}`,
    );
  }
  let overlapCells = 0;
  for (const count of claims) if (count > 1) overlapCells++;

  const demoSet = sets.find((set) => set.code === demoCode);
  if (
    !demoSet ||
    demoSet.towers.length !== inputs.demoTowers.length ||
    demoSet.towers.some((tower, i) => !sameTower(tower, inputs.demoTowers[i]))
  ) {
    throw new Error(`The national ${demoCode} masts differ from the demo's: the generator is not deterministic`);
  }

  const rows: NationalTowerRow[] = sets.flatMap((set) =>
    set.towers.map((tower, i) => ({ province: set.code, tower, radios: set.radios[i] })),
  );
  const csv = nationalTowersCsv(rows);
  writeFileSync(out('towers.csv'), csv);
  const csvBytes = Buffer.byteLength(csv);
  if (csvBytes > TOWERS_CSV_BUDGET_BYTES) {
    console.warn(`warning: national towers.csv is ${csvBytes} bytes, above the ${TOWERS_CSV_BUDGET_BYTES} budget`);
  }

  // 5. Manifest.
  const towers = rows.map((row) => row.tower);
  const insideTotal = sets.reduce((sum, set) => sum + set.population.total, 0);
  const fiveG = rows.filter((row) => row.radios.tenants5g.length > 0);
  const fiveGByZone: Record<string, { masts: number; with_5g: number; share: number }> = {};
  for (const zone of ZONES) {
    const masts = rows.filter((row) => row.tower.zone === zone);
    const with5g = masts.filter((row) => row.radios.tenants5g.length > 0).length;
    fiveGByZone[zone] = { masts: masts.length, with_5g: with5g, share: round(with5g / Math.max(1, masts.length), 4) };
  }
  const fiveGTenancies: Record<string, number> = {};
  for (const operator of OPERATORS) {
    fiveGTenancies[operator] = rows.filter((row) => row.radios.tenants5g.includes(operator)).length;
  }
  const shared = towers.filter((tower) => tower.tenants.length > 1).length;
  // The binary inputs of the app's national view, read back from the files just written (see data/README.md).
  const readinessFiles = await writeNationalReadinessFiles(NATIONAL_DIR);
  console.log(`  masts.bin: ${readinessFiles.masts} masts; province-labels.bin: ${readinessFiles.labelledCells} cells`);
  const manifest = {
    description:
      'CoSite national dataset: the 34 provinces, the WorldPop 2020 national grid, the national road and rail ' +
      'network (fibre proxy) and SYNTHETIC towers generated province by province',
    generator: 'data/derive.ts (npm run data)',
    seeds: {
      towers: `${TOWER_SEED} + (province number - 25): ${demoCode} keeps the demo's seed and masts`,
      radios: `tower seed + ${RADIO_SEED_OFFSET}`,
    },
    sources: inputs.sources,
    population: {
      file: 'population.tif',
      sha256: sha256File(out('population.tif')),
      width: grid.width,
      height: grid.height,
      origin_lon: grid.originLon,
      origin_lat: grid.originLat,
      cell_size_lon: grid.cellSizeLon,
      cell_size_lat: grid.cellSizeLat,
      nodata: grid.nodata,
      total: populationTotal,
      inside_provinces: insideTotal,
      outside_provinces: populationTotal - insideTotal,
      province_overlap_cells: overlapCells,
    },
    provinces: sets.map((set) => ({
      code: set.code,
      name: set.name,
      population: set.population.total,
      population_cells: set.population.cellCount,
      masts: set.towers.length,
      people_per_mast: round(set.population.total / Math.max(1, set.towers.length), 1),
      seed: set.seed,
      road_mast_budget: set.options.roadMastBudget,
      coverage_mast_budget: set.options.coverageMastBudget,
      by_operator: countBy(set.towers, (tower) => tower.operator, OPERATORS),
      shared_masts: set.towers.filter((tower) => tower.tenants.length > 1).length,
      sharing_factor: provinceSharing(set.code).sharingFactor,
      tenancies: set.towers.reduce((sum, tower) => sum + tower.tenants.length, 0),
      masts_by_zone: countBy(set.towers, (tower) => tower.zone, ZONES),
      shared_by_zone: countBy(
        set.towers.filter((tower) => tower.tenants.length > 1),
        (tower) => tower.zone,
        ZONES,
      ),
      masts_with_5g: set.radios.filter((radios) => radios.tenants5g.length > 0).length,
    })),
    towers: {
      synthetic: true,
      file: 'towers.csv',
      bytes: csvBytes,
      count: towers.length,
      people_per_mast: round(insideTotal / towers.length, 1),
      by_operator: countBy(towers, (tower) => tower.operator, OPERATORS),
      by_mast_type: countBy(towers, (tower) => tower.mastType, MAST_TYPES),
      by_zone: countBy(towers, (tower) => tower.zone, ZONES),
      by_placement: countBy(towers, (tower) => tower.placement, ['population', 'road', 'coverage', 'near-duplicate']),
      shared_masts: shared,
      tenancies: towers.reduce((sum, tower) => sum + tower.tenants.length, 0),
      masts_with_4g: rows.filter((row) => row.radios.has4g).length,
      masts_with_5g: fiveG.length,
      five_g_by_zone: fiveGByZone,
      five_g_tenancies_by_operator: fiveGTenancies,
      five_g_chance: FIVE_G_CHANCE,
      five_g_radius_factor: FIVE_G_RADIUS_FACTOR,
    },
    backbone: {
      file: 'backbone.geojson',
      features: backbone.length,
      tolerance_deg: NATIONAL_BACKBONE_TOLERANCE_DEG,
      source_vertices: backboneStats.sourceVertices,
      vertices: backboneStats.vertices,
      km_by_kind: { road: round(backboneKm.road, 1), rail: round(backboneKm.rail, 1) },
      source_km_by_kind: {
        road: round(backboneStats.sourceLengthM.road / 1000, 1),
        rail: round(backboneStats.sourceLengthM.rail / 1000, 1),
      },
    },
    files: Object.fromEntries(
      ['population.tif', 'provinces.geojson', 'backbone.geojson', 'towers.csv', ...NATIONAL_READINESS_FILES].map(
        (name) => [name, statSync(out(name)).size],
      ),
    ),
  };
  writeJson(out('manifest.json'), manifest);
  // Read back: the CSV must parse to the rows written (a cheap guard against a writer change).
  const lineCount = readFileSync(out('towers.csv'), 'utf8').split('\n').length - 2;
  if (lineCount !== rows.length) throw new Error(`towers.csv has ${lineCount} rows, expected ${rows.length}`);
  return manifest;
}

export type NationalManifest = Awaited<ReturnType<typeof deriveNational>>;
