import { normalizeText } from '../util/normalizeText';
/** The tower attributes a file can carry, named as in outputs (units in names). */
export type TowerField =
  | 'id'
  | 'operator'
  | 'lon'
  | 'lat'
  | 'height_m'
  | 'radius_m'
  | 'mast_type'
  | 'tenants'
  | 'azimuth_deg'
  | 'tilt_deg'
  | 'band'
  | 'has_4g'
  | 'has_5g'
  | 'radius_5g_m'
  | 'tenants_5g'
  | 'technology';

/** Every field, in the order outputs and the mapping dialog list them. */
export const TOWER_FIELDS: readonly TowerField[] = [
  'id',
  'operator',
  'lon',
  'lat',
  'height_m',
  'radius_m',
  'mast_type',
  'tenants',
  'azimuth_deg',
  'tilt_deg',
  'band',
  'has_4g',
  'has_5g',
  'radius_5g_m',
  'tenants_5g',
  'technology',
];

export const REQUIRED_TOWER_FIELDS: readonly TowerField[] = ['id', 'operator', 'lon', 'lat'];

/**
 * Column names (CSV headers, GeoJSON property keys) recognised for each field, most specific first: when a file has
 * several columns for one field (say `id` and `name`), the earlier spelling wins.
 * Compared after `normalizeColumnName`, so case, diacritics, spaces and "(m)" do not matter:
 * "Kinh độ" matches `kinh_do`, "Height (m)" matches `height_m`.
 */
export const TOWER_FIELD_COLUMN_NAMES: Readonly<Record<TowerField, readonly string[]>> = {
  id: [
    'id',
    'site_id',
    'siteid',
    'site_code',
    'ma_tram',
    'site',
    'name',
    'ten_tram',
    'site_name',
    'ma_site',
    'ten_site',
  ],
  operator: [
    'operator',
    'carrier',
    'nha_mang',
    'doanh_nghiep',
    'owner',
    'mcc_mnc',
    'mnc',
    'nha_khai_thac',
    'don_vi_quan_ly',
    'network',
  ],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', 'kinh_do', 'easting'],
  lat: ['lat', 'latitude', 'y', 'vi_do', 'northing'],
  height_m: [
    'height_m',
    'height',
    'antenna_height_m',
    'chieu_cao',
    'do_cao',
    'do_cao_cot',
    'chieu_cao_cot',
    'do_cao_cot_m',
    'chieu_cao_cot_m',
    'do_cao_dinh_cot_anten_m',
    'do_cao_dinh_cot_anten',
    'do_cao_dinh_cot_m',
    'tower_height_m',
    'tower_height',
    'mast_height_m',
  ],
  radius_m: ['radius_m', 'radius', 'range_m', 'ban_kinh'],
  mast_type: ['mast_type', 'mast_class', 'loai_cot', 'loai_cot_anten', 'tower_type'],
  tenants: [
    'tenants',
    'tenant',
    'tenant_operators',
    'tenant_count',
    'shared_by',
    'dung_chung',
    'so_nha_mang_dung_chung',
    'so_doanh_nghiep_dung_chung',
    'nha_mang_dung_chung',
  ],
  azimuth_deg: ['azimuth_deg', 'azimuth', 'azimuths', 'huong', 'goc_phuong_vi', 'phuong_vi', 'huong_anten'],
  tilt_deg: ['tilt_deg', 'tilt', 'tilts', 'downtilt', 'do_nghieng', 'goc_nghieng'],
  band: ['band', 'bands', 'bang_tan', 'tan_so', 'frequency_band', 'frequency_mhz', 'frequency', 'freq'],
  has_4g: ['has_4g', '4g', 'lte', 'tram_4g'],
  has_5g: ['has_5g', '5g', 'nr', 'tram_5g'],
  radius_5g_m: ['radius_5g_m', 'radius_5g', 'ban_kinh_5g'],
  tenants_5g: ['tenants_5g', 'operators_5g'],
  // The radio generations a station runs, as operators list them ("2G/3G/4G", "4G, 5G", "LTE + NR").
  technology: ['technology', 'technologies', 'cong_nghe', 'cong_nghe_vo_tuyen', 'radio_technology', 'rat'],
};

/**
 * Lower-case ASCII key of a column name: Vietnamese diacritics removed (đ -> d), brackets dropped, runs of spaces,
 * hyphens and dots turned into one underscore. "Tên trạm" -> "ten_tram", "Height (m)" -> "height_m".
 */
export function normalizeColumnName(name: string): string {
  return normalizeText(name, 'NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[()[\]]/g, ' ')
    .trim()
    .replace(/[\s\-.]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}
