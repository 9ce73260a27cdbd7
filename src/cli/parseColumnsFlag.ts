import type { ColumnMapping } from '../core/io/applyColumnMapping';
import { TOWER_FIELDS, type TowerField } from '../core/io/towerFields';
import { CliError } from './cliError';

/** Other words accepted for a field in --columns. */
const FIELD_ALIASES: Record<string, TowerField> = {
  easting: 'lon',
  northing: 'lat',
  longitude: 'lon',
  latitude: 'lat',
  height: 'height_m',
  radius: 'radius_m',
  azimuth: 'azimuth_deg',
  tilt: 'tilt_deg',
};

/**
 * `--columns id=Site,lon=Y,lat=X` as a ColumnMapping: field=column pairs separated by commas; an empty column
 * (`height_m=`) says the file has no such column. In a projected --crs, lon is the easting and lat the northing.
 */
export function parseColumnsFlag(text: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    if (equals < 0)
      throw new CliError(`--columns: '${pair.trim()}' is not field=column (e.g. --columns id=Site,lon=X)`);
    const name = pair.slice(0, equals).trim().toLowerCase();
    const field = (TOWER_FIELDS as readonly string[]).includes(name) ? (name as TowerField) : FIELD_ALIASES[name];
    if (!field) throw new CliError(`--columns: unknown field '${name}' (fields: ${TOWER_FIELDS.join(', ')})`);
    const column = pair.slice(equals + 1).trim();
    mapping[field] = column === '' ? null : column;
  }
  return mapping;
}
