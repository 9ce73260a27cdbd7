import type { Feature, Point } from 'geojson';
import type { SyntheticTower } from './syntheticTowers';

export const TOWER_CSV_COLUMNS = [
  'id',
  'operator',
  'mcc_mnc',
  'lon',
  'lat',
  'height_m',
  'radius_m',
  'mast_type',
  'tenants',
] as const;

/** The values of TOWER_CSV_COLUMNS for one mast, as written in towers.csv. */
export function towerCsvFields(tower: SyntheticTower): string[] {
  return [
    tower.id,
    tower.operator,
    tower.mccMnc,
    tower.lon.toFixed(6),
    tower.lat.toFixed(6),
    String(tower.heightM),
    String(tower.radiusM),
    tower.mastType,
    tower.tenants.join(';'),
  ];
}

/** towers.csv: header, one row per mast, tenants joined with ';' (owner first), LF line endings. */
export function towersCsv(towers: readonly SyntheticTower[]): string {
  const rows = towers.map((tower) => towerCsvFields(tower).join(','));
  return `${[TOWER_CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

export interface TowerFeatureProperties {
  id: string;
  operator: string;
  mcc_mnc: string;
  height_m: number;
  radius_m: number;
  mast_type: string;
  tenants: string[];
  synthetic: true;
}

/** towers.geojson features: the CSV's columns as properties (tenants as an array), position as geometry. */
export function towerFeatures(towers: readonly SyntheticTower[]): Feature<Point, TowerFeatureProperties>[] {
  return towers.map((tower) => ({
    type: 'Feature',
    properties: {
      id: tower.id,
      operator: tower.operator,
      mcc_mnc: tower.mccMnc,
      height_m: tower.heightM,
      radius_m: tower.radiusM,
      mast_type: tower.mastType,
      tenants: [...tower.tenants],
      synthetic: true,
    },
    geometry: { type: 'Point', coordinates: [tower.lon, tower.lat] },
  }));
}
