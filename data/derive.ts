/**
 * Derives the demo dataset (data/demo/) and the national dataset (data/national/) from the real source files in the
 * shared data folder (../shared/data, or $COSITE_SHARED_DATA). Deterministic: same inputs, same bytes. Run with
 * `npm run data`.
 * See data/README.md for what each file is, its licence and how it was derived.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { MAST_TYPES } from '../src/core/model/tower';
import { clipBackbone } from './derive/clipBackbone';
import { type CommuneSourceProperties, communesInProvince } from './derive/communes';
import { readFeatureCollection, sha256File, writeFeatureCollection, writeJson } from './derive/geojsonFiles';
import { deriveNational } from './derive/nationalDataset';
import { readmeWithNationalFigures } from './derive/nationalReadmeFigures';
import {
  DEMO_DIR,
  NATIONAL_DIR,
  REPO_ROOT,
  SOURCE_FILES,
  type SourceKey,
  sharedDataDir,
  sourcePaths,
  TERRAIN_SOURCE_KEYS,
} from './derive/paths';
import { ringsOf } from './derive/pointInRings';
import { clipPopulation, encodePopulationTiff, verifyPopulationTiff } from './derive/populationRaster';
import { DEMO_PROVINCE, type ProvinceSourceProperties, provinceFeature, simplifiedProvinces } from './derive/provinces';
import { readmeWithFigures } from './derive/readmeFigures';
import type { SimplifyStats } from './derive/simplifyKeepingRings';
import { DEFAULT_TOWER_OPTIONS, generateSyntheticTowers, OWNER_SHARES, TOWER_SEED } from './derive/syntheticTowers';
import { deriveTerrain } from './derive/terrainRasters';
import { towerFeatures, towersCsv } from './derive/towerFiles';
import { coverageGap, differentOperatorPairs } from './derive/towerStatistics';

const PROVINCES_TOLERANCE_DEG = 0.003;
const COMMUNES_TOLERANCE_DEG = 0.0005;
const GAP_DISTANCE_M = 3000;
const NEAR_DISTANCE_M = 100;
/** Longitude splitting the western mountains (old Quảng Nam's highland districts) from the coast, for the gap figure. */
const WEST_OF_LON = 108.0;

const LICENCES: Record<SourceKey, string> = {
  provinces34: 'MIT (TaliaCao/Vietnam-Shape-Map; attribute Open Development Mekong)',
  communes2009: 'MIT (LucieContamin/censusVN2009)',
  population: 'CC-BY-4.0 (WorldPop, doi:10.5258/SOTON/WP00671)',
  backbone: 'CC-BY-SA-4.0 (CTU-SematX/LegoCity)',
  elevationNational: 'public domain (SRTM30_PLUS, Scripps Institution of Oceanography; cite Scripps SRTM30_PLUS)',
  elevationDanang: 'public domain (NASA SRTM v3, US Government; cite NASA SRTM)',
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function countBy<T>(items: readonly T[], keyOf: (item: T) => string, keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = 0;
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const started = Date.now();
  const paths = sourcePaths();
  mkdirSync(DEMO_DIR, { recursive: true });
  const out = (name: string) => resolve(DEMO_DIR, name);
  console.log(`Source data: ${sharedDataDir()}`);

  // 1. The province, real geometry.
  const provinces = readFeatureCollection<Polygon | MultiPolygon>(paths.provinces34).features as Feature<
    Polygon | MultiPolygon,
    ProvinceSourceProperties
  >[];
  const province = provinceFeature(provinces);
  const rings = ringsOf(province.geometry);
  writeFeatureCollection(out('province.geojson'), [province]);

  // 2. All 34 provinces, simplified, keeping every island.
  const simplifyStats: SimplifyStats = { rings: 0, keptOriginal: 0 };
  const provinces34 = simplifiedProvinces(provinces, PROVINCES_TOLERANCE_DEG, simplifyStats);
  writeFeatureCollection(out('provinces-34.geojson'), provinces34);

  // 3. The 2009-census communes of the province.
  const communeSource = readFeatureCollection<Polygon | MultiPolygon>(paths.communes2009).features as Feature<
    Polygon | MultiPolygon,
    CommuneSourceProperties
  >[];
  const { communes, unnamed } = communesInProvince(communeSource, province, COMMUNES_TOLERANCE_DEG);
  writeFeatureCollection(out('communes.geojson'), communes);

  // 4. Population grid clipped to the province (cell centre in polygon), verified by reading it back.
  const population = await clipPopulation(paths.population, province.geometry);
  const tiff = encodePopulationTiff(population);
  await verifyPopulationTiff(tiff, population);
  writeFileSync(out('population.tif'), new Uint8Array(tiff));
  await verifyPopulationTiff(new Uint8Array(readFileSync(out('population.tif'))).buffer, population);
  console.log(`Population (WorldPop 2020, cell centre in ${DEMO_PROVINCE.code}): ${population.total}`);

  // 5. National roads and railways cut at the province boundary.
  const backboneSource = readFeatureCollection<LineString | MultiLineString>(paths.backbone).features;
  const backbone = clipBackbone(backboneSource, rings);
  writeFeatureCollection(out('backbone.geojson'), backbone);

  // 6. Synthetic towers.
  const roads = backbone
    .filter((feature) => feature.properties.kind === 'road')
    .flatMap((feature) =>
      feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates,
    );
  const towers = generateSyntheticTowers(population, rings, roads);
  writeFileSync(out('towers.csv'), towersCsv(towers));
  writeFeatureCollection(out('towers.geojson'), towerFeatures(towers));

  // 7. Terrain: the national 0.02° grid clipped to the province, and the 1″ Đà Nẵng extract copied unchanged.
  const terrain = await deriveTerrain(
    { national: paths.elevationNational, fine: paths.elevationDanang },
    province.geometry,
    { national: out('terrain-national-0.02deg.tif'), fine: out('terrain-danang-1arcsec.tif') },
  );
  console.log(
    `Terrain: national ${terrain.national.width} x ${terrain.national.height} (${terrain.national.min_m}..${terrain.national.max_m} m), ` +
      `Đà Nẵng 1″ ${terrain.fine.width} x ${terrain.fine.height}`,
  );

  // 8. Manifest.
  const near = differentOperatorPairs(towers, NEAR_DISTANCE_M);
  const gap = coverageGap(population, towers, GAP_DISTANCE_M, WEST_OF_LON);
  const shared = towers.filter((tower) => tower.tenants.length > 1).length;
  const backboneKm = { road: 0, rail: 0 };
  for (const feature of backbone) backboneKm[feature.properties.kind] += feature.properties.length_m / 1000;
  const { window } = population;
  const manifest = {
    description: `CoSite demo dataset for ${DEMO_PROVINCE.name} (${DEMO_PROVINCE.code}); towers are SYNTHETIC`,
    generator: 'data/derive.ts (npm run data)',
    seed: TOWER_SEED,
    province: DEMO_PROVINCE,
    sources: (Object.keys(SOURCE_FILES) as SourceKey[]).map((key) => ({
      file: SOURCE_FILES[key],
      sha256: sha256File(paths[key]),
      licence: LICENCES[key],
    })),
    population_total: population.total,
    population_cells: population.cellCount,
    populated_cells: population.populatedCellCount,
    window: {
      width: window.width,
      height: window.height,
      origin_lon: window.originLon,
      origin_lat: window.originLat,
      cell_size_lon: window.cellSizeLon,
      cell_size_lat: window.cellSizeLat,
      source_col0: window.col0,
      source_row0: window.row0,
      nodata: -99999,
    },
    towers: {
      synthetic: true,
      count: towers.length,
      people_per_mast: round(population.total / towers.length, 1),
      by_operator: countBy(
        towers,
        (tower) => tower.operator,
        OWNER_SHARES.map((entry) => entry.operator),
      ),
      by_mast_type: countBy(towers, (tower) => tower.mastType, MAST_TYPES),
      by_zone: countBy(towers, (tower) => tower.zone, ['urban', 'suburban', 'rural']),
      by_placement: countBy(towers, (tower) => tower.placement, ['population', 'road', 'coverage', 'near-duplicate']),
      shared_masts: shared,
      tenancies: towers.reduce((sum, tower) => sum + tower.tenants.length, 0),
      different_operator_pairs_within_100m: near.pairs,
      masts_with_different_operator_within_100m: near.masts,
      options: DEFAULT_TOWER_OPTIONS,
    },
    coverage_gap: {
      description: `populated cells whose centre is farther than ${GAP_DISTANCE_M} m (haversine) from every mast`,
      distance_m: gap.distanceM,
      cells: gap.cells,
      population: round(gap.population, 1),
      share_of_population: round(gap.population / population.total, 4),
      population_west_of_lon: { lon: gap.westOfLon, population: round(gap.populationWest, 1) },
    },
    backbone: {
      features: backbone.length,
      km_by_kind: { road: round(backboneKm.road, 1), rail: round(backboneKm.rail, 1) },
    },
    communes: {
      count: communes.length,
      population_2009: communes.reduce((sum, commune) => sum + commune.properties.population_2009, 0),
      unnamed_polygons_left_out: unnamed,
    },
    provinces_34: {
      features: provinces34.length,
      tolerance_deg: PROVINCES_TOLERANCE_DEG,
      rings: simplifyStats.rings,
      rings_kept_unsimplified: simplifyStats.keptOriginal,
    },
    terrain: {
      'terrain-national-0.02deg.tif': { source: SOURCE_FILES.elevationNational, ...terrain.national },
      'terrain-danang-1arcsec.tif': { source: SOURCE_FILES.elevationDanang, ...terrain.fine },
    },
  };
  writeJson(out('manifest.json'), manifest);

  // 9. The national dataset: all 34 provinces, the national grid and backbone, towers by the same rules.
  console.log('National dataset:');
  const national = await deriveNational(
    {
      populationPath: paths.population,
      provinces,
      backboneSource,
      demoTowers: towers,
      demoPopulationTotal: population.total,
      sources: manifest.sources.filter(
        (source) =>
          source.file !== SOURCE_FILES.communes2009 &&
          !TERRAIN_SOURCE_KEYS.some((key) => SOURCE_FILES[key] === source.file),
      ),
    },
    DEMO_PROVINCE.code,
  );

  // 10. The figures blocks of data/README.md.
  const readmePath = resolve(REPO_ROOT, 'data', 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = readmeWithNationalFigures(readmeWithFigures(readme, manifest), national);
  if (updated !== readme) writeFileSync(readmePath, updated);

  console.log(
    [
      `Towers: ${towers.length} (${JSON.stringify(manifest.towers.by_operator)}), shared ${shared}, ` +
        `different-operator pairs within ${NEAR_DISTANCE_M} m: ${near.pairs}`,
      `Gap (> ${GAP_DISTANCE_M} m): ${gap.cells} cells, ${Math.round(gap.population)} people ` +
        `(${(100 * manifest.coverage_gap.share_of_population).toFixed(1)}%), west of ${WEST_OF_LON}°E ${Math.round(gap.populationWest)}`,
      `Backbone: ${backbone.length} features, road ${manifest.backbone.km_by_kind.road} km, rail ${manifest.backbone.km_by_kind.rail} km`,
      `Communes: ${communes.length}; provinces: ${provinces34.length} (${simplifyStats.keptOriginal}/${simplifyStats.rings} rings kept unsimplified)`,
      `National: ${national.towers.count} masts (${national.towers.masts_with_5g} with 5G), ` +
        `towers.csv ${national.towers.bytes} bytes, population inside provinces ${Math.round(national.population.inside_provinces)}`,
      `Wrote ${relative(REPO_ROOT, DEMO_DIR)}/ and ${relative(REPO_ROOT, NATIONAL_DIR)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
}

await main();
