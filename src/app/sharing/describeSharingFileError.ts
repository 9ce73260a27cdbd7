import { CandidateFileError } from '../../core/io/candidateFileError';
import { type WordedMessage, wordedOf } from '../../core/model/wordedMessage';
import {
  describeCodedMessage,
  invalidJsonVi,
  JSON_TYPES_VI,
  NON_TEXT_VI,
  type VietnameseTemplates,
  viNumber,
} from '../i18n/describeCodedMessage';
import type { Language } from '../i18n/strings';

const CANDIDATE_COLUMNS_VI: Record<string, string> = { id: 'mã (id)', lon: 'kinh độ (lon)', lat: 'vĩ độ (lat)' };

/** parseCandidatesCsv's refusals in Vietnamese, by code. */
const CANDIDATE_TEMPLATES: VietnameseTemplates = {
  notText: (p) => `không phải tệp CSV: tệp trông giống ${NON_TEXT_VI[String(p.kind)] ?? p.looksLike}`,
  emptyFile: () => 'tệp trống (không có dòng tiêu đề)',
  missingColumns: (p) => {
    const missing = String(p.missing)
      .split(', ')
      .map((field) => CANDIDATE_COLUMNS_VI[field] ?? field)
      .join(', ');
    return `thiếu cột ${missing} (tìm thấy: ${p.found || 'không có'}; cần các cột id, lon, lat)`;
  },
};

/**
 * Why a candidate file was refused, as the section shows it: a CandidateFileError's message, code and values; anything
 * else thrown as String(error) (the English the section always showed).
 */
export function candidateRefusalOf(error: unknown): WordedMessage {
  return error instanceof CandidateFileError ? wordedOf(error) : { reason: String(error) };
}

/**
 * A candidate file's refusal in the UI's language (English: the reader's reason as is), for the section's
 * "cannot read the candidate list (…)".
 */
export function describeCandidateRefusal(message: WordedMessage, language: Language): string {
  return describeCodedMessage(message, language, CANDIDATE_TEMPLATES, '');
}

const GEOMETRY_KINDS_VI: Record<string, string> = { polygon: 'đa giác', line: 'đường' };

/** The boundary readers' refusals (BoundaryFileError) in Vietnamese, by code. */
const ZONE_TEMPLATES: VietnameseTemplates = {
  invalidJson: invalidJsonVi,
  noFeaturesList: () => 'FeatureCollection không có danh sách "features"',
  noGeometriesList: () => 'GeometryCollection không có danh sách "geometries"',
  noCoordinatesList: () => 'MultiPolygon không có danh sách tọa độ',
  notGeoJson: (p) => `không phải GeoJSON: cần một đối tượng, nhưng gặp ${JSON_TYPES_VI[String(p.found)] ?? p.found}`,
  noPolygon: (p) => `tệp không có Polygon hay MultiPolygon nào (tìm thấy: ${p.found || 'không có gì'})`,
  noRings: () => 'một Polygon không có vòng nào',
  shortRing: () => 'một vòng của đa giác có ít hơn 3 điểm',
  notPosition: (p) =>
    `một vị trí của ${GEOMETRY_KINDS_VI[String(p.kind)] ?? p.kind} không phải [kinh độ, vĩ độ]: ${p.found}`,
  notDegrees: (p) =>
    `tọa độ không phải độ kinh/vĩ (gặp [${viNumber(p.lon)}; ${viNumber(p.lat)}]): hãy chuyển tệp sang EPSG:4326 ` +
    '(WGS 84)',
};

/** An exclusion-zone file's refusal (wordedOf the error thrown) in the UI's language (English: its message as is). */
export function describeZoneFileError(message: WordedMessage, language: Language): string {
  return describeCodedMessage(message, language, ZONE_TEMPLATES, 'không đọc được tệp vùng loại trừ');
}
