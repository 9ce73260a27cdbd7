import backboneUrl from '../../../data/national/backbone.geojson?url';
import populationUrl from '../../../data/national/population.tif?url';
import provincesUrl from '../../../data/national/provinces.geojson?url';
import towersUrl from '../../../data/national/towers.csv?url';
import type { NationalReadinessFiles } from '../../../workers/analysisApi';
import { fetchOk } from '../data/fetchOk';

/** The national files bundled with the app: real WorldPop grid, boundaries and backbone; synthetic towers. */
export async function loadNationalFiles(): Promise<NationalReadinessFiles> {
  const [populationTif, provincesGeoJson, towersCsv, backboneGeoJson] = await Promise.all([
    fetchOk(populationUrl).then((response) => response.arrayBuffer()),
    fetchOk(provincesUrl).then((response) => response.text()),
    fetchOk(towersUrl).then((response) => response.text()),
    fetchOk(backboneUrl).then((response) => response.text()),
  ]);
  return { populationTif, provincesGeoJson, towersCsv, backboneGeoJson };
}
