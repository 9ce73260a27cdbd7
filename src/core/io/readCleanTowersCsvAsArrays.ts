import { MAX_OPERATORS_IN_ARRAYS, type TowerArrays } from '../model/towerArrays';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { type CleanRows, readCleanTowerRows } from './readCleanTowerRows';
import type { TowerReadOptions } from './towerReadOptions';

/**
 * The masts of a clean tower CSV (see readCleanTowersCsv) as the flat arrays packTowers would make of the full
 * reader's towers, without making the Tower objects, for callers that need nothing else (the command line's
 * fixed-radius coverage and co-location); every row is accepted (nothing rejected). Fields the arrays do not hold are
 * only checked for the file's structure (mast type, 4G/5G, the mcc_mnc cross-check): whatever they say, the full
 * reader would accept the row with the same arrays. Null when the file is not clean.
 */
export async function readCleanTowersCsvAsArrays(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions = {},
): Promise<TowerArrays | null> {
  const rows = await readCleanTowerRows(bytes, options, 'arrays');
  return rows === null ? null : arraysOfRows(rows);
}

/** packTowers(towersOfRows(rows)), without the objects: operators numbered in order of first appearance. */
function arraysOfRows(rows: CleanRows): TowerArrays {
  const { count } = rows;
  const operatorNames: string[] = [];
  const bitsByList = new Map<readonly string[], number>();
  const ownerIndex = new Uint8Array(count);
  const tenantBits = new Uint8Array(count);
  const tenantCount = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const list = rows.tenants[i];
    let bits = bitsByList.get(list);
    if (bits === undefined) {
      bits = 0;
      for (const name of list) {
        let k = operatorNames.indexOf(name);
        if (k < 0) {
          // Unreachable with known operators only (five); packTowers' own limit, kept in step.
          if (operatorNames.length >= MAX_OPERATORS_IN_ARRAYS) throw new Error('more than 8 distinct operators');
          k = operatorNames.push(name) - 1;
        }
        bits |= 1 << k;
      }
      bitsByList.set(list, bits);
    }
    ownerIndex[i] = operatorNames.indexOf(list[0]);
    tenantBits[i] = bits;
    tenantCount[i] = Math.min(255, list.length);
  }
  return {
    count,
    ids: rows.ids,
    operatorNames,
    lon: rows.lon,
    lat: rows.lat,
    radiusM: rows.radiusM,
    heightM: rows.heightM,
    ownerIndex,
    tenantBits,
    tenantCount,
  };
}
