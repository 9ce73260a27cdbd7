import type { NationalReadinessFiles } from '../src/core/readiness/readNationalReadinessInputs';
import { fetchOk } from './fetchOk';

/** Where the national files are (absolute URLs): the worker fetches them, off the page. */
export interface NationalFileUrls {
  populationTif: string;
  provincesGeoJson: string;
  /** The masts as a column file (data/national/masts.bin) or a tower table. */
  masts: string;
  /** The precomputed province label raster (data/national/province-labels.bin). */
  provinceLabels: string;
  backboneGeoJson: string;
}

/** The national files' bytes, named by their URLs (a file that cannot be used is named in the error). */
export async function fetchNationalFiles(urls: NationalFileUrls): Promise<NationalReadinessFiles> {
  const named = async (url: string) => ({
    name: url,
    bytes: new Uint8Array(await (await fetchOk(url)).arrayBuffer()),
  });
  const [population, provinces, towers, provinceLabels, backbone] = await Promise.all([
    named(urls.populationTif),
    named(urls.provincesGeoJson),
    named(urls.masts),
    named(urls.provinceLabels),
    named(urls.backboneGeoJson),
  ]);
  return { population, provinces, towers, provinceLabels, backbone };
}
