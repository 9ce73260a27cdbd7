import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import backboneUrl from '../../../data/demo/backbone.geojson?url';
import communesUrl from '../../../data/demo/communes.geojson?url';
import populationUrl from '../../../data/demo/population.tif?url';
import provinceUrl from '../../../data/demo/province.geojson?url';
import provincesUrl from '../../../data/demo/provinces-34.geojson?url';
import towersUrl from '../../../data/demo/towers.csv?url';
import { fetchOk } from '../../../workers/fetchOk';
import type { TowerSource } from '../../core/model/tower';
import { packTowers } from '../../core/model/towerArrays';
import { sumPopulation } from '../../core/population/sumPopulation';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from './provinceDataset';

async function fetchJson<T>(url: string): Promise<T> {
  return (await fetchOk(url)).json() as Promise<T>;
}

/**
 * The demo province, Đà Nẵng since July 2025 (VN25), from the files under data/demo bundled with the app:
 * real population, boundaries and backbone; synthetic towers. Parsing and raster decoding run in the worker pool.
 */
export async function loadDemoProvince(): Promise<ProvinceDataset> {
  const pool = getAnalysisPool();
  const [province, provinces, communes, backbone, towersText, populationBuffer] = await Promise.all([
    fetchJson<FeatureCollection<Polygon | MultiPolygon>>(provinceUrl),
    fetchJson<FeatureCollection<Polygon | MultiPolygon>>(provincesUrl),
    fetchJson<FeatureCollection<Polygon | MultiPolygon>>(communesUrl),
    fetchJson<FeatureCollection<LineString | MultiLineString>>(backboneUrl),
    fetchOk(towersUrl).then((response) => response.text()),
    fetchOk(populationUrl).then((response) => response.arrayBuffer()),
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
  };
}
