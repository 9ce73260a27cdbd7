import * as Comlink from 'comlink';
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import backboneUrl from '../../../data/demo/backbone.geojson?url';
import communesUrl from '../../../data/demo/communes.geojson?url';
import populationUrl from '../../../data/demo/population.tif?url';
import provinceUrl from '../../../data/demo/province.geojson?url';
import provincesUrl from '../../../data/demo/provinces-34.geojson?url';
import terrainDanangUrl from '../../../data/demo/terrain-danang-1arcsec.tif?url';
import terrainNationalUrl from '../../../data/demo/terrain-national-0.02deg.tif?url';
import towersUrl from '../../../data/demo/towers.csv?url';
import { fetchOk } from '../../../workers/fetchOk';
import type { ElevationFileRead } from '../../../workers/terrainApi';
import type { TowerSource } from '../../core/model/tower';
import { packTowers } from '../../core/model/towerArrays';
import { sumPopulation } from '../../core/population/sumPopulation';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from './provinceDataset';
import { buildProvinceTerrain, type ProvinceTerrain } from './provinceTerrain';

/** The demo's DEMs: the national SRTM30_PLUS grid cut to the province, and SRTM 1″ over Đà Nẵng city. */
const DEMO_TERRAIN_FILES: ReadonlyArray<{ url: string; name: string }> = [
  { url: terrainNationalUrl, name: 'terrain-national-0.02deg.tif' },
  { url: terrainDanangUrl, name: 'terrain-danang-1arcsec.tif' },
];

/** The demo's terrain, read in the worker pool. */
export async function loadDemoTerrain(): Promise<ProvinceTerrain> {
  const pool = getAnalysisPool();
  const rasters = await Promise.all(
    DEMO_TERRAIN_FILES.map(async ({ url, name }) => {
      const bytes = new Uint8Array(await (await fetchOk(url)).arrayBuffer());
      const read = await pool.run<ElevationFileRead>((api) =>
        api.readElevationFile(Comlink.transfer(bytes, [bytes.buffer]), name),
      );
      if ('error' in read) throw new Error(`${name}: ${read.error}`);
      return read.raster;
    }),
  );
  return buildProvinceTerrain(rasters, rasters);
}

async function fetchJson<T>(url: string): Promise<T> {
  return (await fetchOk(url)).json() as Promise<T>;
}

/**
 * The demo province, Đà Nẵng since July 2025 (VN25), from the files under data/demo bundled with the app:
 * real population, boundaries, backbone and terrain (SRTM); synthetic towers. Parsing and raster decoding run in the worker pool.
 */
export async function loadDemoProvince(): Promise<ProvinceDataset> {
  const pool = getAnalysisPool();
  const [province, provinces, communes, backbone, towersText, populationBuffer, terrain] = await Promise.all([
    fetchJson<FeatureCollection<Polygon | MultiPolygon>>(provinceUrl),
    fetchJson<FeatureCollection<Polygon | MultiPolygon>>(provincesUrl),
    fetchJson<FeatureCollection<Polygon | MultiPolygon>>(communesUrl),
    fetchJson<FeatureCollection<LineString | MultiLineString>>(backboneUrl),
    fetchOk(towersUrl).then((response) => response.text()),
    fetchOk(populationUrl).then((response) => response.arrayBuffer()),
    loadDemoTerrain(),
  ]);
  const [parsed, population] = await Promise.all([
    pool.run((api) => api.parseTowers('towers.csv', towersText)),
    pool.run((api) => api.readPopulation(populationBuffer)),
  ]);
  // The demo masts are generated: every one says so (imports and the server's masts carry their own source).
  const synthetic: TowerSource = { kind: 'synthetic', name: 'data/demo/towers.csv' };
  for (const tower of parsed.towers) tower.source = synthetic;
  const backboneKm =
    backbone.features.reduce((sum, feature) => sum + Number(feature.properties?.length_m ?? 0), 0) / 1000;
  return {
    provinceName: String(province.features[0]?.properties?.name ?? 'TP Đà Nẵng'),
    provinceCode: String(province.features[0]?.properties?.code ?? 'VN25'),
    province,
    provinces,
    communes,
    backbone,
    towers: parsed.towers,
    towerArrays: packTowers(parsed.towers),
    rejectedRowCount: parsed.rejected.length,
    towersAreSynthetic: true,
    population,
    populationTotal: sumPopulation(population),
    backboneKm,
    terrain,
  };
}
