import Papa from 'papaparse';
import { insideVietnam } from '../crs/detectCoordinateProblems';
import type { InputProblem } from '../model/tower';
import type { UserSite } from '../siting/siteCandidate';
import { CandidateFileError } from './candidateFileError';
import { titleLinesNote } from './cutCsvTitleLines';
import { classifyNonText } from './describeNonText';
import { parseDecimal } from './parseDecimal';
import { parseDegreesMinutesSeconds } from './parseDegreesMinutesSeconds';
import {
  countLineBreaks,
  isStrayQuote,
  nextLineStart,
  RECORD_TOO_LONG,
  readCsvRecord,
  STRAY_QUOTE,
  UNTERMINATED_QUOTE,
} from './readCsvRecord';
import { shortColumnList } from './shortColumnList';
import { normalizeColumnName } from './towerFields';

export interface CandidateParseResult {
  sites: UserSite[];
  rejected: InputProblem[];
  /** Rows kept with an optional value left out (a height that is not a height): the row and the reason. */
  warnings: InputProblem[];
}

/** Optional column: the antenna height above ground of a new mast there, metres (else the plan's new-mast height). */
const HEIGHT_NAMES: readonly string[] = [
  'height_m',
  'height',
  'antenna_height_m',
  'chieu_cao',
  'chieu_cao_m',
  'chieu_cao_cot',
  'chieu_cao_cot_m',
  'do_cao',
  'do_cao_m',
  'do_cao_cot',
  'do_cao_cot_m',
];
/** The tallest antenna height accepted, metres (the tallest Vietnamese lattice towers are about 150 m). */
const MAX_HEIGHT_M = 300;

/**
 * Header spellings, compared as normalizeColumnName gives them (no diacritics, lower case, '_' between words: "Mã vị
 * trí" is ma_vi_tri). No x / y: Vietnamese survey tables put X = northing, the opposite of GIS habit.
 */
const COLUMN_NAMES: Record<'id' | 'lon' | 'lat', readonly string[]> = {
  id: [
    'id',
    'site_id',
    'siteid',
    'site_code',
    'site',
    'code',
    'ma',
    'ma_tram',
    'ma_vi_tri',
    'ma_diem',
    'ma_site',
    'ten_vi_tri',
    'ten_tram',
    'name',
  ],
  lon: ['lon', 'lng', 'long', 'longitude', 'kinh_do'],
  lat: ['lat', 'latitude', 'vi_do'],
};

/** Lines searched for the header: a sheet saved as CSV often has a title and blank lines above it. */
const HEADER_SEARCH_LINES = 20;

/**
 * Candidate sites from CSV with columns `id,lon,lat` (also `;` or tab delimited, with decimal commas then; UTF-8,
 * BOM allowed; quoted values may hold the delimiter and line breaks; coordinates in decimal degrees or in degrees,
 * minutes and seconds) and optionally `height_m` (the antenna height of a new mast there, > 0 and at most 300 m); other columns
 * are ignored. A row with an empty or repeated id, or coordinates that are not longitude/latitude degrees, is rejected
 * with its record number (`row`, 1 = first after the header) and file line; the rest are kept. A height that does not
 * parse or is out of range is a warning: the row is kept without it. Throws CandidateFileError when the file is not
 * text (code 'notText'), is empty ('emptyFile') or lacks a column ('missingColumns').
 */
export function parseCandidatesCsv(text: string): CandidateParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nonText = classifyNonText(body);
  if (nonText) {
    throw new CandidateFileError(`not a CSV file: looks like ${nonText.words}`, {
      code: 'notText',
      params: { kind: nonText.kind, looksLike: nonText.words },
    });
  }
  const lines = body.split(/\r\n|\n|\r/);
  const nonEmpty: number[] = [];
  for (let index = 0; index < lines.length && nonEmpty.length < HEADER_SEARCH_LINES; index++) {
    if (lines[index].trim() !== '' && !/^[\s,;\t]*$/.test(lines[index])) nonEmpty.push(index);
  }
  if (nonEmpty.length === 0) throw new CandidateFileError('the file is empty (no header row)', { code: 'emptyFile' });

  // The header: of the first non-empty lines, the one (and delimiter) naming the most of id, lon, lat; the first line
  // on a tie, so that a file without those columns is refused naming its first line's.
  let best: { delimiter: string; names: string[]; indices: Record<string, number>; lineIndex: number } | null = null;
  for (const lineIndex of nonEmpty) {
    for (const delimiter of [',', ';', '\t']) {
      const names = (Papa.parse<string[]>(lines[lineIndex], { delimiter }).data[0] ?? []).map((name) =>
        name.trim().toLowerCase(),
      );
      const normalized = names.map(normalizeColumnName);
      // Keyed by the file's own words: no inherited member (see util/ownProperty).
      const indices: Record<string, number> = Object.create(null);
      // The list's order decides between two columns that both could be the field ("id" before "name").
      for (const [field, aliases] of Object.entries(COLUMN_NAMES)) {
        for (const alias of aliases) {
          const at = normalized.indexOf(alias);
          if (at >= 0) {
            indices[field] = at;
            break;
          }
        }
      }
      if (!best || Object.keys(indices).length > Object.keys(best.indices).length) {
        best = { delimiter, names, indices, lineIndex };
      }
    }
  }
  const header = best as NonNullable<typeof best>;
  const headerLineIndex = header.lineIndex;
  const titles = nonEmpty
    .filter((index) => index < headerLineIndex)
    .map((index) => lines[index].replace(/[,;\t]+/g, ' ').trim());
  const missing = (['id', 'lon', 'lat'] as const).filter((field) => header.indices[field] === undefined);
  if (missing.length > 0) {
    const found = shortColumnList(header.names);
    throw new CandidateFileError(
      `missing column(s) ${missing.join(', ')} (found: ${found || 'none'}; expected id,lon,lat)`,
      { code: 'missingColumns', params: { missing: missing.join(', '), found } },
    );
  }
  const decimalComma = header.delimiter !== ',';
  const heightIndex = header.names.findIndex((name) => HEIGHT_NAMES.includes(normalizeColumnName(name)));
  const sites: UserSite[] = [];
  const rejected: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  if (titles.length > 0) warnings.push({ row: 0, line: headerLineIndex + 1, ...titleLinesNote(titles) });
  const seen = new Map<string, number>();
  let row = 0;
  // Records, not lines, from the line after the header: a quoted value may hold the delimiter or a line break (a name
  // "Trường THCS Lê Lợi, Hải Châu" or a note over two lines), read as the tower files are (readCsvRecord).
  let at = 0;
  for (let index = 0; index <= headerLineIndex && at >= 0; index++) at = nextLineStart(body, at);
  let line = headerLineIndex + 2;
  while (at >= 0 && at < body.length) {
    const read = readCsvRecord(body, at, header.delimiter, true);
    if (read.kind === 'incomplete') break;
    if (read.kind === 'overlong') {
      row++;
      rejected.push({ row, line, ...RECORD_TOO_LONG });
      at = read.end;
      line++;
      continue;
    }
    const lineBreaks = countLineBreaks(body, at, read.end);
    const recordLine = line;
    if (read.fields.every((field) => /^[\s,;\t]*$/.test(field))) {
      at = read.end;
      line += lineBreaks;
      continue;
    }
    row++;
    if (isStrayQuote(body, at, read, header.names.length)) {
      // A stray quote swallowed the next lines: this line alone is rejected, the next ones are read on their own.
      rejected.push({ row, line: recordLine, ...STRAY_QUOTE });
      at = nextLineStart(body, at);
      line++;
      continue;
    }
    at = read.end;
    line += lineBreaks;
    if (read.problem === 'unterminated') {
      rejected.push({ row, line: recordLine, ...UNTERMINATED_QUOTE });
      continue;
    }
    const fields = read.fields;
    const id = (fields[header.indices.id] ?? '').trim();
    const lonText = fields[header.indices.lon] ?? '';
    const latText = fields[header.indices.lat] ?? '';
    type Reason = { field: string; reason: string; code: string; params?: Record<string, string | number> };
    const reasons: Reason[] = [];
    if (id === '') reasons.push({ field: 'id', reason: 'id is empty', code: 'empty' });
    else if (seen.has(id)) {
      const first = seen.get(id) as number;
      reasons.push({
        field: 'id',
        reason: `id "${id}" repeats row ${first}`,
        code: 'duplicateId',
        params: { id, row: first },
      });
    }
    // Degrees, minutes and seconds as surveys write them (108°14'45.6"E), else a decimal number.
    const lon = parseDegreesMinutesSeconds(lonText) ?? parseDecimal(lonText, decimalComma);
    const lat = parseDegreesMinutesSeconds(latText) ?? parseDecimal(latText, decimalComma);
    const coordinate = (field: 'lon' | 'lat', value: number | null, text: string, limit: number, what: string) => {
      if (value === null) {
        // "108,25" in a comma file was quoted to keep its comma: a decimal comma is read in ; or tab files only.
        const hint =
          !decimalComma && /^\s*[+-]?\d+,\d+\s*$/.test(text)
            ? ' (a decimal comma is only read in files separated by ; or tab)'
            : '';
        reasons.push({
          field,
          reason: `${field} "${text.trim()}" is not a number${hint}`,
          code: 'notNumber',
          params: { value: text.trim() },
        });
      } else if (Math.abs(value) > limit) {
        reasons.push({
          field,
          reason: `${field} ${value} is not a ${what} in degrees`,
          code: 'outOfRange',
          params: { value, min: -limit, max: limit },
        });
      }
    };
    coordinate('lon', lon, lonText, 180, 'longitude');
    coordinate('lat', lat, latText, 90, 'latitude');
    // Degrees, but not a place in Việt Nam: empty cells written as zeros, or another country (the tower readers'
    // rules; a site in Paris was planned on).
    if (reasons.every((reason) => reason.field === 'id') && lon !== null && lat !== null) {
      if (lon === 0 && lat === 0) {
        reasons.push({
          field: 'lon',
          reason: 'position (0, 0) is not a real position (empty coordinates written as zeros?)',
          code: 'zeroPosition',
        });
      } else if (!insideVietnam(lon, lat)) {
        reasons.push({
          field: 'lon',
          reason: `lon ${lon}, lat ${lat} is outside Việt Nam`,
          code: 'outsideVietnam',
          params: { lon, lat },
        });
      }
    }
    if (reasons.length > 0) {
      const [first, ...rest] = reasons;
      rejected.push({
        row,
        line: recordLine,
        field: first.field,
        reason: reasons.map((r) => r.reason).join('; '),
        code: first.code,
        ...(first.params ? { params: first.params } : {}),
        ...(rest.length > 0 ? { more: rest } : {}),
      });
      continue;
    }
    seen.set(id, row);
    const site: UserSite = { id, lon: lon as number, lat: lat as number };
    const heightText = heightIndex >= 0 ? (fields[heightIndex] ?? '').trim() : '';
    if (heightText !== '') {
      const heightM = parseDecimal(heightText, decimalComma);
      if (heightM !== null && heightM > 0 && heightM <= MAX_HEIGHT_M) site.heightM = heightM;
      else {
        warnings.push({
          row,
          line: recordLine,
          field: 'height_m',
          reason: `height_m "${heightText}" is not an antenna height in m (0-${MAX_HEIGHT_M}): left out`,
          code: 'badValue',
          params: { value: heightText },
        });
      }
    }
    sites.push(site);
  }
  return { sites, rejected, warnings };
}
