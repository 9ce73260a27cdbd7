import type { InputProblem } from '../../core/model/tower';
import type { WordedMessage } from '../../core/model/wordedMessage';
import {
  describeCodedMessage,
  LAYER_FILE_TEMPLATES_VI,
  NON_TEXT_VI,
  type VietnameseTemplates,
} from '../i18n/describeCodedMessage';
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
  technology: { vi: 'công nghệ', en: 'technology' },
  geometry: { vi: 'hình học', en: 'geometry' },
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
    vi: (p) => `mã trạm '${p.id}' trùng với trạm đã nhận ở dòng ${p.line ?? p.row}`,
    en: (p) => `id '${p.id}' duplicates the mast accepted at row ${p.line ?? p.row}`,
  },
  notNumber: {
    vi: (p, f) => `${f} không phải là số: '${p.value}'`,
    en: (p, f) => `${f} is not a number: '${p.value}'`,
  },
  excelError: {
    vi: (p, f) => `${f}: ô chứa lỗi Excel ${p.value} (công thức không cho giá trị; sửa công thức hoặc dán giá trị)`,
    en: (p, f) =>
      `${f}: the cell holds the Excel error ${p.value} (its formula gives no value; fix it or paste values)`,
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
  outsideArea: {
    vi: (p) =>
      `cột '${p.id}' ở ${p.lon}, ${p.lat} nằm ngoài ${p.area || 'tỉnh'} (quá ranh giới hơn khoảng 11 km): bỏ qua; sửa tọa độ, hoặc nhập cột này vào tỉnh của nó`,
    en: (p) =>
      `mast '${p.id}' at ${p.lon}, ${p.lat} is outside ${p.area || 'the province'} (more than about 11 km beyond its bounds): left out; fix its position, or import it into its own province`,
  },
  degreesBesideMetres: {
    vi: (p) =>
      `${p.field === 'lon' ? 'kinh độ' : 'vĩ độ'} ${p.value} nằm cạnh ${p.other === 'lon' ? 'kinh độ' : 'vĩ độ'} ${p.otherValue} tính bằng độ: gõ nhầm? (một dòng không thể vừa mét vừa độ)`,
    en: (p) =>
      `${p.field === 'lon' ? 'longitude' : 'latitude'} ${p.value} beside ${p.other === 'lon' ? 'longitude' : 'latitude'} ${p.otherValue} in degrees: a typing error? (a row cannot mix metres and degrees)`,
  },
  positionNotNumbers: {
    vi: (p) => `vị trí ${p.position} có tọa độ không phải là số`,
    en: (p) => `position ${p.position} has coordinates that are not numbers`,
  },
  positionNotDegrees: {
    vi: (p) =>
      `vị trí ${p.position} không phải kinh độ/vĩ độ${p.projected ? ' (mét của một hệ tọa độ phẳng? hãy chọn hệ tọa độ)' : ''}`,
    en: (p) =>
      `position ${p.position} is not longitude/latitude${p.projected ? ' (metres of a projected CRS? give the CRS)' : ''}`,
  },
  badGeometry: {
    vi: (p) => `hình học không dùng được (chi tiết bằng tiếng Anh: ${p.detail})`,
    en: (p) => `${p.detail}`,
  },
  zeroRadius: {
    vi: () => 'bán kính 0 m được hiểu là chưa biết: dùng bán kính mặc định',
    en: () => 'radius 0 m read as not known: the default radius applies',
  },
  implausibleSize: {
    vi: (p, f) => `${f} ${p.value} m không nằm trong khoảng ${p.min ?? 0}-${p.max} m (gõ nhầm?): để trống`,
    en: (p, f) => `${f} ${p.value} m is not between ${p.min ?? 0} and ${p.max} m (a typing error?): left empty`,
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
  notFeature: {
    vi: (p) => `không phải một đối tượng (Feature) GeoJSON (gặp ${p.found})`,
    en: (p) => `not a GeoJSON Feature (found ${p.found})`,
  },
  noGeometry: {
    vi: () => 'đối tượng không có hình học (null)',
    en: () => 'feature has no geometry (null)',
  },
  notPoint: {
    vi: (p) => `hình học của đối tượng là ${p.type ?? p.found}, không phải một điểm (Point)`,
    en: (p) => `feature geometry is ${p.found}, not a Point`,
  },
  noCoordinates: {
    vi: (p) => `điểm không có tọa độ [kinh độ, vĩ độ] bằng số${p.found ? ` (gặp ${p.found})` : ''}`,
    en: (p) =>
      p.found ? `Point coordinates must be numbers, found ${p.found}` : 'Point has no [lon, lat] coordinates',
  },
  badValue: {
    vi: (p, f) => `${f} có giá trị không đọc được (${p.value}): để trống`,
    en: (p, f) => `${f} has a value that cannot be read (${p.value}): left empty`,
  },
  operatorDisagrees: {
    vi: (p) => `nhà mạng '${p.value}' (${p.operator}) không khớp với cột ${p.column} '${p.other}' (${p.otherOperator})`,
    en: (p) => `operator '${p.value}' (${p.operator}) disagrees with ${p.column} '${p.other}' (${p.otherOperator})`,
  },
  notTextOrNumber: {
    vi: (p, f) => `${f} phải là chữ hoặc số, nhưng là ${p.found}`,
    en: (p, f) => `${f} must be text or a number, found ${p.found}`,
  },
  notOwnOperator: {
    vi: (p) =>
      `cột của ${p.operator} (mã '${p.id}'): tài khoản nhà mạng ${p.own} chỉ nhập cột của mình, dòng này bỏ qua`,
    en: (p) => `a mast of ${p.operator} (id '${p.id}'): the ${p.own} account imports only its own masts, row left out`,
  },
};

/** A file format named in Vietnamese (FileFormat of the core's sniffFileFormat). */
const FORMAT_NAMES: Record<string, string> = {
  csv: 'một bảng CSV/văn bản',
  geojson: 'GeoJSON',
  kml: 'KML',
  kmz: 'KMZ (KML nén)',
  'shapefile-zip': 'một shapefile nén zip',
  xlsx: 'một sổ tính Excel .xlsx',
  xls: 'một sổ tính Excel .xls cũ',
  zip: 'một tệp nén zip',
  shp: 'một tệp .shp đơn lẻ',
  tiff: 'một ảnh TIFF',
  pdf: 'một tài liệu PDF',
  gzip: 'một tệp nén gzip',
  xml: 'XML',
  'column-file': 'một tệp cột của CoSite (như masts.bin của bộ cột toàn quốc)',
  empty: 'một tệp rỗng',
};

const formatName = (format: string | number | undefined) => FORMAT_NAMES[String(format)] ?? String(format);

/** A file no tower reader takes, with the advice the command line gives (readTowersSync's describeUnusable). */
const UNUSABLE_VI: Record<string, string> = {
  // The command line's advice is --population; in the app a .tif is a DEM for the terrain layer.
  tiff: 'một ảnh TIFF (tệp DEM .tif được thêm ở lớp địa hình)',
  xls: 'một sổ tính Excel .xls cũ (hãy lưu thành .xlsx hoặc CSV)',
  shp: 'một tệp .shp đơn lẻ (hãy nén zip cùng các tệp .dbf, .shx và .prj của nó)',
  zip: 'một tệp nén zip không có shapefile, KML hay sổ tính Excel bên trong',
  xml: 'XML nhưng không phải KML',
  'column-file': 'một tệp cột của CoSite (masts.bin chỉ dùng cho đánh giá toàn quốc; hãy nhập cột dạng CSV)',
};

/** What a refused file's kind of failure is called, before the reader's own words (English) as the detail. */
const REFUSAL_KINDS: Record<string, string> = {
  archive: 'tệp nén hỏng hoặc vượt giới hạn',
  workbook: 'không đọc được sổ tính Excel',
  budget: 'tệp vượt giới hạn đọc (kích thước hoặc thời gian)',
  crs: 'hệ tọa độ không dùng được',
  layer: 'không đọc được tệp',
};

const ENCODING_ADVICE: Record<string, (inside: boolean) => string> = {
  'windows-1258': () =>
    'tệp không phải UTF-8: đọc theo Windows-1258 (ANSI tiếng Việt); hãy lưu thành "CSV UTF-8" để chắc chắn tên đúng',
  'windows-1252': () =>
    'tệp không phải UTF-8: đọc theo Windows-1252 (ANSI phương Tây); tên có dấu có thể sai, hãy lưu thành "CSV UTF-8"',
  tcvn3: (inside) =>
    `văn bản có vẻ ${inside ? 'được gõ bằng bảng mã' : 'dùng bảng mã cũ'} TCVN3 (ABC, phông .Vn): đã chuyển sang ` +
    'Unicode; hãy kiểm tra tên (chữ gõ bằng phông chữ hoa .VnTimeH sẽ thành chữ thường)',
  vni: (inside) =>
    `văn bản có vẻ ${inside ? 'được gõ bằng bảng mã' : 'dùng bảng mã cũ'} VNI (phông VNI-Windows): chữ tiếng Việt ` +
    'sẽ bị lỗi (số và mã ASCII vẫn đúng); hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của UniKey) và lưu ' +
    'thành "CSV UTF-8"',
};

/** What is wrong with a damaged .shp record header (readShpRecords' ShpDamage). */
const SHP_DAMAGE_VI: Record<string, string> = {
  negativeLength: 'độ dài ghi trong đầu bản ghi là số âm',
  pastEnd: 'độ dài ghi trong đầu bản ghi vượt quá cuối tệp',
};

/**
 * File-level notes and refusals, in Vietnamese; in English the reader's own reason is shown (it is the same text),
 * so only `vi` is written here.
 */
const FILE_TEMPLATES: Record<string, (p: Params) => string> = {
  encoding: (p) =>
    (ENCODING_ADVICE[String(p.encoding)]?.(p.inside === 1) ?? `bảng mã ${p.encoding}`) +
    (p.bom === 1 ? ' (tệp bắt đầu bằng dấu BOM của UTF-8 nhưng phần còn lại không phải UTF-8)' : ''),
  formatMismatch: (p) => `tệp mang đuôi .${p.extension} nhưng chứa ${formatName(p.format)}: đọc theo đúng nội dung đó`,
  otherSheets: (p) => `đọc trang tính '${p.sheet}' (${p.position}/${p.total}); các trang khác không được đọc`,
  mergedClipped: (p) => `${p.sheet}: ${p.count} vùng gộp ô vượt quá dữ liệu của trang đã được cắt theo dữ liệu`,
  mergedIgnored: (p) =>
    `${p.sheet}: bỏ qua ${p.count} vùng gộp ô (không đọc được, hoặc quá ${p.maxRanges} vùng hay ` +
    `${Number(p.maxCells).toLocaleString('vi')} ô gộp); các ô của chúng được đọc là trống`,
  missingSharedText: (p) =>
    `${p.sheet}: ô ${p.cells}${Number(p.more) > 0 ? ` và ${p.more} ô khác` : ''} trỏ tới văn bản dùng chung mà sổ ` +
    `tính không có (sổ có ${p.count}): đọc là trống`,
  unusedColumns: (p) => `cột không dùng: ${p.names}`,
  summaryRows: (p) => `bỏ qua ${p.count} dòng tổng cộng không có tọa độ (dòng ${p.lines})`,
  operatorFromAccount: (p) =>
    `tệp không có cột nhà mạng: mọi dòng được coi là trạm của ${p.operator} (nhà mạng của tài khoản)`,
  titleLinesSkipped: (p) => `bỏ qua ${p.count} dòng tiêu đề phía trên dòng tên cột ('${p.first}')`,
  twoRowHeader: (p) =>
    `dòng tên cột viết trên hai dòng (dòng ${p.line} và dòng kế tiếp): đọc gộp thành một (${p.names})`,
  surveyOrder: (p) =>
    `cột ${p.northing}/${p.easting} được đọc theo thứ tự trắc địa VN-2000: ${p.northing} = tọa độ bắc (northing), ` +
    `${p.easting} = tọa độ đông (easting) (nếu không đúng, hãy chọn lại cột kinh độ, vĩ độ)`,
  sectorRowsMerged: (p) =>
    `${p.count} dòng là các sector khác của một trạm đã có ở trên (cùng mã và nhà mạng, cách không quá ` +
    `${p.distanceM} m): đã gộp vào trạm đó (thêm góc phương vị, góc nghiêng và băng tần)`,
  stationRowsMerged: (p) =>
    `${p.count} dòng là các trạm khác (mã khác, cùng nhà mạng) của một cột đã có ở trên, cách không quá ` +
    `${p.distanceM} m: đã gộp vào cột đó thành một vị trí (thêm công nghệ, sector và băng tần): ` +
    `${mergedStations(p)}${Number(p.more) > 0 ? ', …' : ''}`,
  crowdedStationRows: (p) =>
    `${p.count} dòng của cùng một nhà mạng nằm ở ${p.places} vị trí, mỗi vị trí hơn ${p.max} dòng trong vòng ` +
    `${p.distanceM} m: quá nhiều để là các trạm của một cột (tọa độ gần đúng, ví dụ trung tâm xã?): giữ mỗi dòng là ` +
    'một cột riêng',
  tenantCounts: (p) =>
    `${p.count} cột ghi số nhà mạng dùng chung thay vì tên: được tính là dùng chung khi số từ 2 trở lên, còn số ` +
    'liệu theo nhà mạng (số cột, vùng phủ) chỉ tính nhà mạng sở hữu',
  nonFinite: (p) =>
    `tệp có ${p.count} giá trị NaN hoặc Infinity mà JSON không cho phép: đọc là trống (đối tượng bị loại nếu đó là ` +
    'tọa độ)',
  missingColumns: (p) => {
    const missing = String(p.missing)
      .split(', ')
      .map((field) => fieldLabel(field, 'vi'))
      .join(', ');
    const noHeader = p.noHeader === 1 ? ' — dòng đầu là dữ liệu, không phải dòng tiêu đề' : '';
    return `thiếu cột ${missing} (tìm thấy: ${p.found || 'không có'})${noHeader}`;
  },
  noColumn: (p) => `không có cột '${p.column}' cho ${fieldLabel(String(p.field), 'vi')} (các cột: ${p.found})`,
  sheetEmpty: (p) => `trang tính '${p.sheet}' trống (không có dòng tiêu đề)`,
  emptyFile: () => 'tệp trống (không có dòng tiêu đề)',
  notText: (p) => `không phải tệp CSV hay GeoJSON: tệp trông giống ${NON_TEXT_VI[String(p.kind)] ?? p.looksLike}`,
  notTowerFile: (p) => `không phải danh sách trạm: tệp chứa ${UNUSABLE_VI[String(p.format)] ?? formatName(p.format)}`,
  fileRefused: (p) => `${REFUSAL_KINDS[String(p.kind)] ?? 'không đọc được tệp'} (chi tiết: ${p.detail})`,
  shapefileNoDbf: (p) => `${p.layer}.shp không có tệp .dbf: các đối tượng không có thuộc tính`,
  shapefileRecordCounts: (p) =>
    `${p.layer}: ${p.shapes} hình nhưng ${p.records} bản ghi thuộc tính; các bản ghi thừa bị bỏ qua`,
  shapefileFewerRecords: (p) =>
    `${p.layer}: ${p.shapes} hình nhưng chỉ có ${p.records} bản ghi thuộc tính; ${p.missing} hình cuối không có ` +
    'thuộc tính',
  shpReadStopped: (p) =>
    `${p.layer}.shp dừng ở bản ghi ${p.record}, bản ghi này bị hỏng (${SHP_DAMAGE_VI[String(p.damage)] ?? p.damage}) ` +
    `và không tìm thấy bản ghi nào sau nó: đọc được ${p.shapes} hình` +
    (p.unmatched === '' ? '' : `, ${p.unmatched} bản ghi thuộc tính không có hình`),
  shpReadResumed: (p) =>
    `${p.layer}.shp: bản ghi ${p.record} bị hỏng (${SHP_DAMAGE_VI[String(p.damage)] ?? p.damage}): đọc tiếp từ ` +
    `bản ghi ${p.resumedAt}, bản ghi nguyên vẹn tiếp theo (tìm theo số thứ tự bản ghi); ` +
    (Number(p.resumedAt) - Number(p.record) === 1
      ? `bỏ qua bản ghi ${p.record}`
      : `bỏ qua các bản ghi ${p.record} đến ${Number(p.resumedAt) - 1}`),
  shapefilePrjUnknown: (p) => `${p.layer}.prj ghi một hệ tọa độ không nhận ra; tọa độ được đọc như trong tệp`,
  shapefilePrjUsed: (p) => `${p.layer}.prj ghi hệ ${p.crs}; dùng hệ này thay cho ${p.given}`,
  shapefileNoPrj: (p) =>
    p.crs === 'EPSG:4326'
      ? 'shapefile không có tệp .prj: tọa độ được đọc là kinh độ, vĩ độ WGS 84'
      : `shapefile không có tệp .prj: tọa độ được đọc theo ${p.crs} đã chọn`,
  shapefileDbfEncoding: (p) =>
    `${p.layer}.dbf không có tệp .cpg và không phải UTF-8: chữ được đọc theo ${p.encoding}` +
    (p.looksLike ? ` (có vẻ là ${String(p.looksLike).toUpperCase()}: chữ tiếng Việt sẽ bị lỗi)` : ''),
  kmlNoPlacemark: () => 'tài liệu KML không có Placemark nào',
  dbfRecordCount: (p) =>
    `${p.layer}.dbf khai báo ${Number(p.declared).toLocaleString('vi')} bản ghi nhưng chỉ có ` +
    `${Number(p.real).toLocaleString('vi')}: đọc ${Number(p.real).toLocaleString('vi')} bản ghi`,
  crsNotUnderstood: (p) => `tệp ghi hệ tọa độ '${p.name}' không nhận ra; tọa độ được đọc theo ${p.crs}`,
  crsDeclared: (p) => `tệp khai báo hệ ${p.crs}; dùng hệ này thay cho ${p.given}`,
  // Why a column was proposed for a field (the confidence cell's tooltip), and the proposal's notes.
  knownName: (p) => `tiêu đề là một tên quen thuộc của ${fieldLabel(String(p.field), 'vi')}`,
  containsName: (p) => `tiêu đề chứa '${p.spelling}', một tên của ${fieldLabel(String(p.field), 'vi')}`,
  valuesLon: () => 'các giá trị là kinh độ trong phạm vi Việt Nam',
  valuesLat: () => 'các giá trị là vĩ độ trong phạm vi Việt Nam',
  valuesOperator: () => 'các giá trị là tên nhà mạng hoặc mã MCC-MNC',
  valuesMastType: () => 'các giá trị là loại cột (A1, A2a, A2b, A2c)',
  holdsEastings: (p) => `${p.name} chứa tọa độ đông (thứ tự trắc địa X = bắc, Y = đông)`,
  holdsNorthings: (p) => `${p.name} chứa tọa độ bắc (thứ tự trắc địa X = bắc, Y = đông)`,
  metresNotDegrees: () =>
    'các cột tọa độ chứa mét, không phải độ: hãy chọn hệ tọa độ (múi VN-2000, UTM) trước khi nhập',
  surveyOrderProposed: (p) =>
    `${p.northing} = tọa độ bắc và ${p.easting} = tọa độ đông (thứ tự trắc địa Việt Nam), nên ${p.easting} được gán ` +
    `cho kinh độ/tọa độ đông và ${p.northing} cho vĩ độ/tọa độ bắc`,
  chooseZone: () => 'tọa độ tính bằng mét: hãy chọn múi VN-2000 trước khi nhập',
};

/** A coordinate system's name from the core's catalogue (crsDefinitions), its few English words in the UI's language. */
export function crsNameIn(name: string, language: Language): string {
  if (language === 'en') return name;
  return name
    .replace('(longitude, latitude in degrees)', '(kinh độ, vĩ độ, đơn vị độ)')
    .replace('central meridian', 'kinh tuyến trục')
    .replace('(web maps)', '(bản đồ web)')
    .replace(/\bzone\b/g, 'múi');
}

/** One problem in the UI's language: the worded code when known, else the reader's English reason. */
function describeOne(
  entry: { field?: string; reason: string; code?: string; params?: Params },
  language: Language,
): string {
  const template = entry.code ? TEMPLATES[entry.code] : undefined;
  if (template) {
    return template[language](entry.params ?? {}, fieldLabel(entry.field ?? (entry.params?.field as string), language));
  }
  const file = entry.code && language === 'vi' ? FILE_TEMPLATES[entry.code] : undefined;
  return file ? file(entry.params ?? {}) : entry.reason;
}

/**
 * Every reason of a row's problem, in the UI's language, joined. The first entry's `reason` holds all the row's
 * reasons joined (the command line's one line): without a template of its own, only its own part is shown, before
 * the others' worded ones.
 */
export function describeInputProblem(problem: InputProblem, language: Language): string {
  const more = problem.more ?? [];
  const first = { ...problem };
  const tail = more.map((entry) => entry.reason).join('; ');
  if (more.length > 0 && first.reason.endsWith(`; ${tail}`)) {
    first.reason = first.reason.slice(0, first.reason.length - tail.length - 2);
  }
  return [first, ...more].map((entry) => describeOne(entry, language)).join('; ');
}

/**
 * A file-level message (a note or a refusal) in the UI's language, with its hint. Without words of its own in
 * Vietnamese, a refusal shows its reason (English) after a Vietnamese lead, so that the user knows what happened.
 */
export function describeWorded(message: WordedMessage, language: Language, refusal = false): string {
  return describeCodedMessage(message, language, IMPORT_TEMPLATES_VI, refusal ? 'không nhập được' : null);
}

/** Every Vietnamese template of the import, by code: the file-level ones and the row problems' (field named). */
const IMPORT_TEMPLATES_VI: VietnameseTemplates = {
  ...LAYER_FILE_TEMPLATES_VI,
  ...Object.fromEntries(
    Object.entries(TEMPLATES).map(([code, template]) => [
      code,
      (p: Params) => template.vi(p, fieldLabel(p.field as string | undefined, 'vi')),
    ]),
  ),
  ...FILE_TEMPLATES,
};

/** The merged stations of a stationRowsMerged note, in Vietnamese: "MBF-1-NR (dòng 4) → MBF-1, …". */
function mergedStations(p: Params): string {
  const ids = String(p.ids ?? '').split('\n');
  const lines = String(p.lines ?? '').split('\n');
  const sites = String(p.sites ?? '').split('\n');
  return ids.map((id, i) => `${id}${lines[i] ? ` (dòng ${lines[i]})` : ''} → ${sites[i] ?? ''}`).join(', ');
}
