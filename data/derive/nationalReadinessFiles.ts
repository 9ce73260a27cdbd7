import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseRegionsGeoJson } from '../../src/core/geo/parseRegionsGeoJson';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { readTowerFile } from '../../src/core/io/readTowerFile';
import { buildProvinceLabels } from '../../src/core/readiness/buildProvinceLabels';
import { encodeProvinceLabels } from '../../src/core/readiness/encodeProvinceLabels';
import { encodeReadinessMasts } from '../../src/core/readiness/encodeReadinessMasts';
import { packReadinessTowers } from '../../src/core/readiness/packReadinessTowers';
import { locateTowers } from '../../src/core/readiness/prepareReadiness';

/** The binary files the app's national view reads instead of parsing towers.csv and building the label raster. */
export const NATIONAL_READINESS_FILES = ['masts.bin', 'province-labels.bin'] as const;

/**
 * Writes data/national/masts.bin (the masts of towers.csv as readiness reads them, with each mast's province) and
 * province-labels.bin (the province of each population cell), from the files already written in `dir`, through the
 * core's own readers: the same figures as reading the CSV and the boundaries, without the work (see data/README.md).
 */
export async function writeNationalReadinessFiles(dir: string): Promise<{ masts: number; labelledCells: number }> {
  const file = (name: string) => new Uint8Array(readFileSync(resolve(dir, name)));
  const parsed = await readTowerFile(file('towers.csv'), 'towers.csv');
  if (parsed.rejected.length > 0) throw new Error(`towers.csv: ${parsed.rejected.length} row(s) rejected`);
  const towers = packReadinessTowers(parsed.towers);
  const provinces = parseRegionsGeoJson(readFileSync(resolve(dir, 'provinces.geojson'), 'utf8'));
  const polygons = provinces.map((province) => province.polygons);
  const provinceCodes = provinces.map((province) => province.code);
  const grid = await readPopulationGeoTiff(file('population.tif').buffer as ArrayBuffer);
  const towerProvince = locateTowers(polygons, towers);
  writeFileSync(
    resolve(dir, 'masts.bin'),
    encodeReadinessMasts({ towers, towerProvince, provinceCodes }, 'towers.csv'),
  );
  const { labels, overlapCells } = buildProvinceLabels(grid, polygons);
  writeFileSync(
    resolve(dir, 'province-labels.bin'),
    encodeProvinceLabels({ grid, provinceCodes, labels, overlapCells }),
  );
  return { masts: towers.count, labelledCells: labels.reduce((sum, label) => sum + (label > 0 ? 1 : 0), 0) };
}
