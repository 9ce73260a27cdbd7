import { type PreparedReadiness, prepareReadiness } from '../src/core/readiness/prepareReadiness';
import { readNationalReadinessInputs } from '../src/core/readiness/readNationalReadinessInputs';
import { fetchNationalFiles, type NationalFileUrls } from './fetchNationalFiles';

let cached: { key: string; prepared: Promise<PreparedReadiness> } | null = null;

/**
 * The national files read and prepared (label raster, masts located) once per worker and set of files, for the
 * ministry's drill-downs: each province after the first costs only its own rows. The preparation is shared by every
 * drill-down that asks while it runs, so no one caller's cancellation stops it (a caller cancelled meanwhile drops the
 * result itself: see withJob); a failed one is not kept.
 */
export function preparedNational(urls: NationalFileUrls): Promise<PreparedReadiness> {
  const key = JSON.stringify(urls);
  if (cached?.key === key) return cached.prepared;
  const prepared = (async () => {
    const files = await fetchNationalFiles(urls);
    const { input } = await readNationalReadinessInputs(files, {});
    return prepareReadiness(input);
  })();
  cached = { key, prepared };
  prepared.catch(() => {
    if (cached?.prepared === prepared) cached = null;
  });
  return prepared;
}
