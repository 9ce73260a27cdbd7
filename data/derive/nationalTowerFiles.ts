import type { TowerRadios } from './radios';
import type { SyntheticTower } from './syntheticTowers';
import { TOWER_CSV_COLUMNS, towerCsvFields } from './towerFiles';

/** The national towers.csv: the demo's columns, then the province code and the radio columns. */
export const NATIONAL_TOWER_CSV_COLUMNS = [
  ...TOWER_CSV_COLUMNS,
  'province',
  'has_4g',
  'has_5g',
  'radius_5g_m',
  'tenants_5g',
] as const;

export interface NationalTowerRow {
  province: string;
  tower: SyntheticTower;
  radios: TowerRadios;
}

/**
 * One row per mast, provinces in code order and masts in each province's order (north to south, west to east).
 * `has_4g`/`has_5g` are 1 or 0, `radius_5g_m` and `tenants_5g` (';'-separated) are empty when the mast has no 5G.
 */
export function nationalTowersCsv(rows: readonly NationalTowerRow[]): string {
  const lines = rows.map(({ province, tower, radios }) =>
    [
      ...towerCsvFields(tower),
      province,
      radios.has4g ? '1' : '0',
      radios.tenants5g.length > 0 ? '1' : '0',
      radios.radius5gM === null ? '' : String(radios.radius5gM),
      radios.tenants5g.join(';'),
    ].join(','),
  );
  return `${[NATIONAL_TOWER_CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
