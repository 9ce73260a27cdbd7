import * as Comlink from 'comlink';
import { keepOwnOperatorTowers } from '../src/core/io/keepOwnOperatorTowers';
import { keepTowersNearArea } from '../src/core/io/keepTowersNearArea';
import { readTowerFile } from '../src/core/io/readTowerFile';
import type { TowerReadOptions } from '../src/core/io/towerReadOptions';
import { mergeTowers, type TowerMergeMode } from '../src/core/model/mergeTowers';
import { type ImportReadResult, reviewTowerImport } from '../src/core/model/reviewTowerImport';
import type { Tower, TowerSource } from '../src/core/model/tower';
import type { TowerArrays } from '../src/core/model/towerArrays';
import { packTowers } from '../src/core/model/towerArrays';
import {
  decodeTowerColumns,
  encodeTowerColumns,
  type TowerColumns,
  towerColumnBuffers,
} from '../src/core/model/towerColumns';
import { buildTowerDrawIndex } from '../src/core/model/towerDrawIndex';
import type { LongCallOptions } from '../src/core/util/cooperativeLoop';
import { towerArraysBuffers } from './transferables';

/**
 * Reads the whole file with the confirmed mapping, CRS and value mappings and reviews it against the masts loaded
 * now (reviewTowerImport); the accepted towers, each with the import's `source`, go to the page as columns, transferred.
 */
export async function readImportForReview(
  bytes: Uint8Array,
  fileName: string,
  options: TowerReadOptions,
  source: TowerSource,
  existing: readonly Tower[],
  call: LongCallOptions,
  ownOperator: string | null = null,
): Promise<ImportReadResult> {
  const all = await readTowerFile(bytes, fileName, {
    ...options,
    ...(ownOperator ? { ownOperator } : {}),
    ...call,
  });
  // Masts far outside the province are rejected rows (the server's register would refuse the whole file for one),
  // and signed in as an operator, so are the other operators' masts.
  const near = keepTowersNearArea(all, options.areaPolygons, options.areaName);
  const read = ownOperator ? keepOwnOperatorTowers(near, ownOperator) : near;
  for (const tower of read.towers) tower.source = source;
  const columns = await encodeTowerColumns(read.towers);
  const result: ImportReadResult = { ...reviewTowerImport(read, existing), columns };
  return Comlink.transfer(result, towerColumnBuffers(columns));
}

/** The masts after an import: columns (for the workers and storage), the page's arrays (ids left empty: the page has
 * them from the decoded towers) and the map's draw order and KDBush index data. */
export interface MergedImport {
  columns: TowerColumns;
  arrays: TowerArrays;
  drawOrder: Uint32Array;
  drawIndexData: ArrayBuffer | null;
}

/**
 * The masts after an import, as the chosen mode merges the read ones (columns) into `existing`; returned as columns,
 * with the page's arrays and the map's draw index built here too (for 100,000 masts each is tens of ms on the page).
 */
export async function mergeImportedTowers(
  existing: readonly Tower[],
  incoming: TowerColumns,
  mode: TowerMergeMode,
): Promise<MergedImport> {
  const merged = mergeTowers(existing, decodeTowerColumns(incoming), mode).towers;
  const columns = await encodeTowerColumns(merged);
  const arrays = packTowers(merged);
  const { order, index } = buildTowerDrawIndex(arrays);
  const drawIndexData = index ? (index.data as ArrayBuffer) : null;
  const result: MergedImport = { columns, arrays: { ...arrays, ids: [] }, drawOrder: order, drawIndexData };
  return Comlink.transfer(result, [
    ...towerColumnBuffers(columns),
    ...towerArraysBuffers(arrays),
    order.buffer as ArrayBuffer,
    ...(drawIndexData ? [drawIndexData] : []),
  ]);
}
