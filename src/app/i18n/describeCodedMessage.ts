import type { WordedMessage } from '../../core/model/wordedMessage';
import { ownValue } from '../../core/util/ownProperty';
import type { Language } from './strings';

export type MessageParams = Record<string, string | number>;

/** A screen's Vietnamese words for the core's coded messages, by code (English is the core's own reason). */
export type VietnameseTemplates = Readonly<Record<string, (params: MessageParams) => string>>;

/**
 * A message from the core in the UI's language. English: the core's reason as is (the command line's words).
 * Vietnamese: the template of its code; without one, `lead` (what failed, in Vietnamese; may be empty when the screen
 * already says it) and the English reason as the detail, so that the user knows what happened, or the reason alone
 * when `lead` is null (a note that has no words here). A hint follows after '; ', worded the same way.
 */
export function describeCodedMessage(
  message: WordedMessage,
  language: Language,
  templates: VietnameseTemplates,
  lead: string | null,
): string {
  // A reason that already ends with its hint's (the command line's one line) is worded without it, then the hint.
  const tail = message.hint ? `; ${message.hint.reason}` : '';
  const reason = tail && message.reason.endsWith(tail) ? message.reason.slice(0, -tail.length) : message.reason;
  const template = language === 'vi' && message.code !== undefined ? ownValue(templates, message.code) : undefined;
  const text =
    language === 'en'
      ? reason
      : template
        ? template(message.params ?? {})
        : lead === null
          ? reason
          : `${lead ? `${lead} (chi tiết bằng tiếng Anh)` : 'chi tiết bằng tiếng Anh'}: ${reason}`;
  return message.hint ? `${text}; ${describeCodedMessage(message.hint, language, templates, lead)}` : text;
}

/** A number in Vietnamese writing (1.201, 0,02). */
export const viNumber = (value: string | number) =>
  typeof value === 'number' ? value.toLocaleString('vi', { maximumFractionDigits: 6 }) : value;

/** What classifyNonText found, in Vietnamese (by its kind). */
export const NON_TEXT_VI: Record<string, string> = {
  zip: 'một tệp nén zip (sổ tính Excel .xlsx? hãy lưu thành CSV)',
  xls: 'một sổ tính Excel .xls cũ (hãy lưu thành CSV)',
  pdf: 'một tài liệu PDF',
  tiff: 'một ảnh TIFF',
  gzip: 'một tệp nén gzip',
  binaryNul: 'dữ liệu nhị phân (có byte NUL)',
  binaryControl: 'dữ liệu nhị phân (ký tự điều khiển)',
  notUtf8: 'văn bản không phải UTF-8 (hãy lưu thành "CSV UTF-8")',
};

/** What a JSON file held instead of an object, in Vietnamese (the `found` of notGeoJson). */
export const JSON_TYPES_VI: Record<string, string> = {
  list: 'một danh sách',
  string: 'một chuỗi',
  number: 'một số',
  boolean: 'một giá trị đúng/sai',
  null: 'giá trị null',
  undefined: 'không có gì',
};

/** `invalidJson` (parseJsonText): where the syntax breaks, else the engine's words as the detail. */
export const invalidJsonVi = (p: MessageParams) =>
  p.line !== undefined
    ? `tệp không phải JSON hợp lệ: lỗi cú pháp ở dòng ${p.line}, cột ${p.column}`
    : `tệp không phải JSON hợp lệ (chi tiết bằng tiếng Anh: ${p.detail})`;

/** The layer readers' refusals (LayerFileError: GeoJSON, KML, shapefiles, tables), in Vietnamese by code. */
export const LAYER_FILE_TEMPLATES_VI: VietnameseTemplates = {
  invalidJson: invalidJsonVi,
  notGeoJson: (p) =>
    `không phải GeoJSON: cần một đối tượng, nhưng tệp chứa ${JSON_TYPES_VI[String(p.found)] ?? p.found}`,
  noFeaturesList: () => 'FeatureCollection không có danh sách "features"',
  notGeoJsonType: (p) => `không phải GeoJSON: kiểu ${p.type} không phải Feature, FeatureCollection hay một hình học`,
  crsNotSupported: (p) => `tọa độ của tệp theo hệ ${p.crs}, hệ này không được hỗ trợ`,
  xmlMalformed: (p) =>
    p.line !== undefined
      ? `tệp không phải XML hợp lệ: lỗi ở khoảng dòng ${p.line}, cột ${p.column}`
      : `tệp không phải XML hợp lệ (chi tiết bằng tiếng Anh: ${p.detail})`,
  notKml: (p) => `tệp XML có phần tử gốc <${p.root || 'không có'}>, không phải tài liệu KML (<kml>)`,
  kmlTooManyPlacemarks: (p) =>
    `tệp KML có hơn ${viNumber(p.max)} Placemark (mỗi Placemark được đọc cả vào bộ nhớ): hãy lưu danh sách lớn ` +
    'như vậy thành CSV, hoặc chia nhỏ',
  kmlNested: (p) =>
    Number(p.max) === 1
      ? `một <${p.name}> nằm trong một <${p.name}> khác, điều KML không cho phép`
      : `các phần tử <${p.name}> lồng nhau sâu hơn ${viNumber(p.max)} cấp`,
  noShapefile: (p) => `tệp zip không chứa shapefile (.shp); tìm thấy: ${p.found || 'không có gì dùng được'}`,
  layerCrsDiffer: (p) => `các lớp trong tệp nén dùng hệ tọa độ khác nhau (${p.first}, ${p.second})`,
  dbfUnreadable: (p) => `không đọc được ${p.layer}.dbf (chi tiết bằng tiếng Anh: ${p.detail})`,
  dbfRecordTooShort: (p) =>
    `${p.layer}.dbf bị hỏng: phần đầu tệp ghi mỗi bản ghi dài ${p.recordBytes} byte, nhưng các trường của nó cần ` +
    `${p.fieldBytes} byte; tệp không được đọc`,
  shpTooManyRecords: (p) => `${p.layer}.shp có hơn ${viNumber(p.max)} bản ghi: hãy chia nhỏ lớp`,
  shpTooManyRings: (p) =>
    `${p.layer}.shp có quá nhiều vòng trong các hình để đọc kịp thời: hãy đơn giản hóa hoặc chia nhỏ lớp`,
  shpTooShort: (p) => `${p.layer}.shp quá ngắn, không phải một shapefile`,
  shpUnreadable: (p) =>
    `không đọc được ${p.layer}.shp (chi tiết bằng tiếng Anh: ${p.detail}) và không có chỉ mục .shx để cứu các bản ` +
    'ghi khác',
  notTowerGeoJson: (p) =>
    `GeoJSON ${p.type ? `kiểu '${p.type}'` : 'không có kiểu'} không phải Feature hay FeatureCollection các điểm trạm`,
  crsNameUnknown: (p) => `tệp ghi hệ tọa độ '${p.name}', hệ này không nhận ra`,
  headerTooLong: (p) => `dòng tiêu đề dài hơn ${viNumber(p.max)} ký tự`,
  noGeometryColumns: (p) =>
    `bảng không có cột kinh độ/vĩ độ hay cột hình học WKT (tìm thấy: ${p.found || 'không có cột nào'})`,
};
