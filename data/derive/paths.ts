import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the derived demo files are written. */
export const DEMO_DIR = resolve(REPO_ROOT, 'data', 'demo');

/** Where the derived national files are written. */
export const NATIONAL_DIR = resolve(REPO_ROOT, 'data', 'national');

/** The shared folder with the real source data: $COSITE_SHARED_DATA, else ../shared/data next to the repository. */
export function sharedDataDir(): string {
  const fromEnv = process.env.COSITE_SHARED_DATA;
  return fromEnv ? resolve(fromEnv) : resolve(REPO_ROOT, '..', 'shared', 'data');
}

/** Source files, relative to the shared data folder. */
export const SOURCE_FILES = {
  provinces34: 'boundaries/vn-provinces-34-2025.geojson',
  communes2009: 'boundaries/vn-communes-2009-census.geojson',
  population: 'population/vnm_ppp_2020_1km_Aggregated_UNadj.tif',
  backbone: 'backbone/vn-national-roads-rail.geojson',
  elevationNational: 'elevation/vn-srtm30plus-0.02deg.tif',
  elevationDanang: 'elevation/danang-srtm-1arcsec.tif',
} as const;

/** The elevation sources: the demo's terrain only (the national dataset has none). */
export const TERRAIN_SOURCE_KEYS: readonly SourceKey[] = ['elevationNational', 'elevationDanang'];

export type SourceKey = keyof typeof SOURCE_FILES;

/** Absolute paths of the source files; throws with a clear message when the shared folder or a file is missing. */
export function sourcePaths(): Record<SourceKey, string> {
  const dir = sharedDataDir();
  if (!existsSync(dir)) {
    throw new Error(`Shared source data not found at ${dir}: set COSITE_SHARED_DATA to the folder holding boundaries/`);
  }
  const paths = {} as Record<SourceKey, string>;
  for (const key of Object.keys(SOURCE_FILES) as SourceKey[]) {
    const path = resolve(dir, SOURCE_FILES[key]);
    if (!existsSync(path)) throw new Error(`Source file missing: ${path}`);
    paths[key] = path;
  }
  return paths;
}
