/** The tower attributes a file can carry, named as in outputs (units in names). */
export type TowerField = 'id' | 'operator' | 'lon' | 'lat' | 'height_m' | 'radius_m' | 'mast_type' | 'tenants';

export const REQUIRED_TOWER_FIELDS: readonly TowerField[] = ['id', 'operator', 'lon', 'lat'];

/**
 * Column names (CSV headers, GeoJSON property keys) recognised for each field, most specific first: when a file has
 * several columns for one field (say `id` and `name`), the earlier spelling wins.
 * Compared after `normalizeColumnName`, so case, diacritics, spaces and "(m)" do not matter:
 * "Kinh độ" matches `kinh_do`, "Height (m)" matches `height_m`.
 */
export const TOWER_FIELD_COLUMN_NAMES: Readonly<Record<TowerField, readonly string[]>> = {
  id: ['id', 'site_id', 'siteid', 'site_code', 'ma_tram', 'site', 'name', 'ten_tram'],
  operator: ['operator', 'carrier', 'nha_mang', 'doanh_nghiep', 'owner', 'mcc_mnc', 'mnc'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', 'kinh_do'],
  lat: ['lat', 'latitude', 'y', 'vi_do'],
  height_m: ['height_m', 'height', 'antenna_height_m', 'chieu_cao', 'do_cao'],
  radius_m: ['radius_m', 'radius', 'range_m', 'ban_kinh'],
  mast_type: ['mast_type', 'mast_class', 'loai_cot'],
  tenants: ['tenants', 'tenant', 'tenant_operators', 'shared_by', 'dung_chung'],
};

/**
 * Lower-case ASCII key of a column name: Vietnamese diacritics removed (đ -> d), brackets dropped, runs of spaces,
 * hyphens and dots turned into one underscore. "Tên trạm" -> "ten_tram", "Height (m)" -> "height_m".
 */
export function normalizeColumnName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[()[\]]/g, ' ')
    .trim()
    .replace(/[\s\-.]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}
