import Papa from 'papaparse';
import type { InputProblem } from '../model/tower';
import type { UserSite } from '../siting/siteCandidate';
import { CandidateFileError } from './candidateFileError';
import { classifyNonText } from './describeNonText';
import { parseDecimal } from './parseDecimal';

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
  'chieu cao',
  'chiều cao',
  'chieu cao (m)',
  'chiều cao (m)',
  'chieu cao cot',
  'chiều cao cột',
];
/** The tallest antenna height accepted, metres (the tallest Vietnamese lattice towers are about 150 m). */
const MAX_HEIGHT_M = 300;

/** Header spellings (lower case). No x / y: Vietnamese survey tables put X = northing, the opposite of GIS habit. */
const COLUMN_NAMES: Record<'id' | 'lon' | 'lat', readonly string[]> = {
  id: ['id', 'site_id', 'site id', 'ma', 'mã', 'ma tram', 'mã trạm'],
  lon: ['lon', 'lng', 'long', 'longitude', 'kinh do', 'kinh độ'],
  lat: ['lat', 'latitude', 'vi do', 'vĩ độ'],
};

/**
 * Candidate sites from CSV with columns `id,lon,lat` (also `;` or tab delimited, with decimal commas then; UTF-8,
 * BOM allowed) and optionally `height_m` (the antenna height of a new mast there, > 0 and at most 300 m); other columns
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
  const headerLineIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerLineIndex < 0) throw new CandidateFileError('the file is empty (no header row)', { code: 'emptyFile' });

  let best: { delimiter: string; names: string[]; indices: Record<string, number> } | null = null;
  for (const delimiter of [',', ';', '\t']) {
    const names = (Papa.parse<string[]>(lines[headerLineIndex], { delimiter }).data[0] ?? []).map((name) =>
      name.trim().toLowerCase(),
    );
    // Keyed by the file's own words: no inherited member (see util/ownProperty).
    const indices: Record<string, number> = Object.create(null);
    for (const [field, aliases] of Object.entries(COLUMN_NAMES)) {
      const at = names.findIndex((name) => aliases.includes(name));
      if (at >= 0) indices[field] = at;
    }
    if (!best || Object.keys(indices).length > Object.keys(best.indices).length) best = { delimiter, names, indices };
  }
  const header = best as NonNullable<typeof best>;
  const missing = (['id', 'lon', 'lat'] as const).filter((field) => header.indices[field] === undefined);
  if (missing.length > 0) {
    const found = header.names.join(', ');
    throw new CandidateFileError(
      `missing column(s) ${missing.join(', ')} (found: ${found || 'none'}; expected id,lon,lat)`,
      { code: 'missingColumns', params: { missing: missing.join(', '), found } },
    );
  }
  const decimalComma = header.delimiter !== ',';
  const heightIndex = header.names.findIndex((name) => HEIGHT_NAMES.includes(name));
  const sites: UserSite[] = [];
  const rejected: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const seen = new Map<string, number>();
  let row = 0;
  for (let lineIndex = headerLineIndex + 1; lineIndex < lines.length; lineIndex++) {
    const lineText = lines[lineIndex];
    if (lineText.trim() === '' || /^[\s,;\t]*$/.test(lineText)) continue;
    row++;
    const line = lineIndex + 1;
    const fields = Papa.parse<string[]>(lineText, { delimiter: header.delimiter }).data[0] ?? [];
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
    const lon = parseDecimal(lonText, decimalComma);
    const lat = parseDecimal(latText, decimalComma);
    const coordinate = (field: 'lon' | 'lat', value: number | null, text: string, limit: number, what: string) => {
      if (value === null) {
        reasons.push({
          field,
          reason: `${field} "${text.trim()}" is not a number`,
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
    if (reasons.length > 0) {
      const [first, ...rest] = reasons;
      rejected.push({
        row,
        line,
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
          line,
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
