import backboneUrl from '../../../data/national/backbone.geojson?url';
import populationUrl from '../../../data/national/population.tif?url';
import provincesUrl from '../../../data/national/provinces.geojson?url';
import towersUrl from '../../../data/national/towers.csv?url';
import type { NationalFileUrls } from '../../../workers/fetchNationalFiles';

/**
 * Where the national files bundled with the app are: real WorldPop grid, boundaries and backbone; synthetic towers.
 * The worker fetches, decodes and parses them: 7 MB of CSV text decoded on the page would block it for about 100 ms.
 */
export function nationalFileUrls(): NationalFileUrls {
  const absolute = (url: string) => new URL(url, location.href).href;
  return {
    populationTif: absolute(populationUrl),
    provincesGeoJson: absolute(provincesUrl),
    towersCsv: absolute(towersUrl),
    backboneGeoJson: absolute(backboneUrl),
  };
}
