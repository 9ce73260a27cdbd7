import backboneUrl from '../../../data/national/backbone.geojson?url';
import mastsUrl from '../../../data/national/masts.bin?url';
import populationUrl from '../../../data/national/population.tif?url';
import provinceLabelsUrl from '../../../data/national/province-labels.bin?url';
import provincesUrl from '../../../data/national/provinces.geojson?url';
import type { NationalFileUrls } from '../../../workers/fetchNationalFiles';

/**
 * Where the national files bundled with the app are: real WorldPop grid, boundaries and backbone; synthetic masts as
 * typed columns (masts.bin: read without parsing the 7 MB towers.csv) and the province of every population cell
 * (province-labels.bin), both written by `npm run data`. The worker fetches and reads them, off the page.
 */
export function nationalFileUrls(): NationalFileUrls {
  const absolute = (url: string) => new URL(url, location.href).href;
  return {
    populationTif: absolute(populationUrl),
    provincesGeoJson: absolute(provincesUrl),
    masts: absolute(mastsUrl),
    provinceLabels: absolute(provinceLabelsUrl),
    backboneGeoJson: absolute(backboneUrl),
  };
}
