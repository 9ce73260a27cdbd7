import type { InputProblem } from '../../core/model/tower';
import type { Language } from '../i18n/strings';

/** Field names as the dialog shows them. */
const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  id: { vi: 'mã trạm', en: 'id' },
  operator: { vi: 'nhà mạng', en: 'operator' },
  lon: { vi: 'kinh độ', en: 'longitude' },
  lat: { vi: 'vĩ độ', en: 'latitude' },
  height_m: { vi: 'độ cao cột', en: 'height' },
  radius_m: { vi: 'bán kính', en: 'radius' },
  mast_type: { vi: 'loại cột', en: 'mast type' },
  tenants: { vi: 'nhà mạng dùng chung', en: 'tenants' },
  azimuth_deg: { vi: 'góc phương vị', en: 'azimuth' },
  tilt_deg: { vi: 'góc nghiêng', en: 'tilt' },
  band: { vi: 'băng tần', en: 'band' },
  has_4g: { vi: 'có 4G', en: 'has 4G' },
  has_5g: { vi: 'có 5G', en: 'has 5G' },
  radius_5g_m: { vi: 'bán kính 5G', en: '5G radius' },
  tenants_5g: { vi: 'nhà mạng 5G', en: '5G tenants' },
};

export function fieldLabel(field: string | undefined, language: Language): string {
  if (!field) return '';
  return FIELD_LABELS[field]?.[language] ?? field;
}

type Params = Record<string, string | number>;
type Template = (p: Params, field: string) => string;

const TEMPLATES: Record<string, { vi: Template; en: Template }> = {
  empty: { vi: (_, f) => `${f} bị trống`, en: (_, f) => `${f} is empty` },
  duplicateId: {
    vi: (p) => `mã trạm '${p.id}' trùng với trạm đã nhận ở dòng ${p.row}`,
    en: (p) => `id '${p.id}' duplicates the mast accepted at row ${p.row}`,
  },
  notNumber: {
    vi: (p, f) => `${f} không phải là số: '${p.value}'`,
    en: (p, f) => `${f} is not a number: '${p.value}'`,
  },
  outOfRange: {
    vi: (p, f) => `${f} ${p.value} nằm ngoài khoảng [${p.min}, ${p.max}]`,
    en: (p, f) => `${f} ${p.value} is outside [${p.min}, ${p.max}]`,
  },
  projectedAsDegrees: {
    vi: (p, f) => `${f} ${p.value} là mét của hệ tọa độ phẳng (VN-2000?), không phải độ: chọn hệ tọa độ`,
    en: (p, f) => `${f} ${p.value} is metres of a projected CRS (VN-2000?), not degrees: choose the CRS`,
  },
  notPositionInCrs: {
    vi: (p) => `tọa độ không phải là một vị trí trong ${p.crs}`,
    en: (p) => `the coordinates are not a position in ${p.crs}`,
  },
  zeroPosition: {
    vi: () => 'vị trí (0, 0) không có thật (ô tọa độ trống bị ghi thành 0?)',
    en: () => 'position (0, 0) is not a real position (empty coordinates written as zeros?)',
  },
  outsideVietnam: {
    vi: (p) => `vị trí ${p.lon}, ${p.lat} nằm ngoài Việt Nam`,
    en: (p) => `position ${p.lon}, ${p.lat} is outside Việt Nam`,
  },
  swapped: {
    vi: (p) => `kinh độ và vĩ độ bị đảo? (${p.lon}, ${p.lat})`,
    en: (p) => `longitude and latitude swapped? (${p.lon}, ${p.lat})`,
  },
  negative: {
    vi: (p, f) => `${f} âm (${p.value}): để trống`,
    en: (p, f) => `${f} is negative (${p.value}): left empty`,
  },
  unknownOperator: {
    vi: (p) => `nhà mạng '${p.value}' không xác định, giữ nguyên như trong tệp`,
    en: (p) => `unknown operator '${p.value}', kept as written`,
  },
  unknownMastType: {
    vi: (p) => `loại cột '${p.value}' không nhận ra: để trống (gán trong bảng giá trị)`,
    en: (p) => `mast type '${p.value}' not recognised: left empty (map it in the value table)`,
  },
  groundHeightUnknown: {
    vi: (p) => `'${p.value}': cột dưới đất không rõ độ cao, coi là A2b (đến 50 m)`,
    en: (p) => `'${p.value}': ground mast of unknown height taken as A2b (up to 50 m)`,
  },
  tenantNumberInList: {
    vi: (p) => `'${p.value}' trong danh sách nhà mạng dùng chung là số, không phải nhà mạng: bỏ qua`,
    en: (p) => `'${p.value}' in tenants is a number, not an operator: ignored`,
  },
  unknownTenant: {
    vi: (p) => `nhà mạng dùng chung '${p.value}' không xác định, giữ nguyên`,
    en: (p) => `unknown tenant '${p.value}', kept as written`,
  },
  badTenantCount: {
    vi: (p) => `số nhà mạng dùng chung ${p.value} không nằm trong 1-8: để trống`,
    en: (p) => `tenant count ${p.value} is not between 1 and 8: left empty`,
  },
  unterminatedQuote: {
    vi: () => 'dấu ngoặc kép không được đóng (thiếu một dấu ")',
    en: () => 'unterminated quoted value (a " is never closed)',
  },
  malformedQuote: {
    vi: () => 'dấu ngoặc kép sai chỗ (có chữ ngay sau dấu " đóng)',
    en: () => 'malformed quotes (text right after a closing ")',
  },
  strayQuote: {
    vi: () => 'một dấu " lạc chỗ làm dòng này sai số cột: bỏ dòng này, các dòng sau vẫn được đọc',
    en: () => 'a stray " makes this line the wrong shape: this line is rejected, the next lines are read',
  },
  fieldCount: {
    vi: (p) => `cần ${p.expected} cột, có ${p.found} (giá trị chứa dấu phân cách mà không có ngoặc kép?)`,
    en: (p) => `expected ${p.expected} fields, found ${p.found} (a value containing the delimiter without quotes?)`,
  },
  nulByte: {
    vi: () => 'dòng chứa ký tự NUL (dữ liệu nhị phân?)',
    en: () => 'the row holds a NUL character (binary data?)',
  },
  recordTooLong: {
    vi: (p) => `dòng dài hơn ${p.max} ký tự (thiếu xuống dòng hoặc dấu ngoặc kép?): không đọc`,
    en: (p) => `the record is longer than ${p.max} characters (a missing line break or quote?): not read`,
  },
  nestedTooDeep: {
    vi: (p) => `thuộc tính "${p.property}" lồng sâu hơn ${p.max} cấp: bỏ qua thuộc tính này`,
    en: (p) => `property "${p.property}" nests more than ${p.max} levels deep: left out`,
  },
  badValue: {
    vi: (p, f) => `${f} có giá trị không đọc được (${p.value}): để trống`,
    en: (p, f) => `${f} has a value that cannot be read (${p.value}): left empty`,
  },
};

/** One problem in the UI's language: the worded code when known, else the reader's English reason. */
function describeOne(
  entry: { field?: string; reason: string; code?: string; params?: Params },
  language: Language,
): string {
  const template = entry.code ? TEMPLATES[entry.code] : undefined;
  if (!template) return entry.reason;
  return template[language](entry.params ?? {}, fieldLabel(entry.field ?? (entry.params?.field as string), language));
}

/** Every reason of a row's problem, in the UI's language, joined. */
export function describeInputProblem(problem: InputProblem, language: Language): string {
  return [problem, ...(problem.more ?? [])].map((entry) => describeOne(entry, language)).join('; ');
}
