/**
 * The rows of a clean tower CSV, read as columns: the shared part of readCleanTowersCsv (Tower objects) and
 * readCleanTowersCsvAsArrays (TowerArrays). Kept free of the CRS code (proj4), so that the command lines that only
 * need the arrays load little.
 */
import { haversineDistanceM } from '../geo/haversineDistanceM';
import { VIETNAM_BOUNDS } from '../geo/vietnamBounds';
import { findOperator } from '../model/operators';
import { MAST_TYPES, MAX_MAST_HEIGHT_M, MAX_TOWER_RADIUS_M, type MastType, MIN_TOWER_RADIUS_M } from '../model/tower';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { applyColumnMapping } from './applyColumnMapping';
import { categoricalValueKey, proposeMastType, resolveMastTypeChoice } from './classifyMastType';
import { describeNonText } from './describeNonText';
import { MAX_RECORD_CHARS } from './readCsvRecord';
import { STATION_ROW_MAX_DISTANCE_M } from './towerCollector';
import type { TowerField } from './towerFields';
import type { CategoricalValueCount, TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';

const COMMA = 44;
const SPACE = 32;
const QUOTE = 34;
const DELETE = 127;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Numbers of at most this many digits are read exactly by integer / power of ten (both exact doubles). */
const MAX_EXACT_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, k) => 10 ** k);
/** Distinct tenant lists shared between towers (as the full reader's ListInterner does). */
const MAX_SHARED_LISTS = 4096;
/** Distinct words of a categorical field the full reader keeps counts for. */
const MAX_DISTINCT_VALUES = 500;
const ROWS_PER_CHECKPOINT = 4096;
const NO_TENANTS: readonly string[] = Object.freeze([]);
/** Words are printable ASCII (checked as they are scanned): their bytes decode as UTF-8 alike. */
const ASCII = new TextDecoder('utf-8');

/** Why the fast path gave the file back to the full reader (any quirk at all). */
class NotClean extends Error {}

/** A clean file's rows as columns: what the Tower objects or the TowerArrays are made from. */
export interface CleanRows {
  count: number;
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** NaN: none (null in the Tower). */
  heightM: Float64Array;
  radiusM: Float64Array;
  /** Index in MAST_TYPES, -1: none. */
  mastType: Int8Array;
  /** The owner first, then the other tenants: shared frozen lists. */
  tenants: (readonly string[])[];
  /** -1: absent, 0: false, 1: true. */
  has4g: Int8Array;
  /** NaN: absent. */
  radius5gM: Float64Array;
  /** The 5G tenants (each Tower gets its own copy); undefined: absent. */
  tenants5g: (readonly string[] | undefined)[];
  /** The header's names and the columns no field uses (for the full reader's header warning). */
  names: string[];
  unusedIndices: number[];
  /** The categorical words' counts, as the full reader reports them (for 'towers' reads only). */
  categoricalValues: TowerParseResult['categoricalValues'] | null;
}

/** What a read makes: the Tower objects (every field read) or the arrays (the fields they hold). */
export type CleanReadKind = 'towers' | 'arrays';

/**
 * The rows of a clean tower CSV (see readCleanTowersCsv for what clean means) as columns, or null when the file is
 * not clean or the options change the reading. A 'towers' read checks every field as the full reader would; an
 * 'arrays' read checks the fields the TowerArrays do not hold for the file's structure only.
 */
export async function readCleanTowerRows(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions,
  kind: CleanReadKind,
): Promise<CleanRows | null> {
  if (
    options.columns !== undefined ||
    options.crs !== undefined ||
    options.areaPolygons !== undefined ||
    options.valueMapping !== undefined ||
    options.ownOperator !== undefined
  ) {
    return null;
  }
  try {
    return await readClean(bytes, options, kind);
  } catch (error) {
    if (error instanceof NotClean) return null;
    throw error;
  }
}

// What each column is read as.
const SKIP = 0;
const ID = 1;
const OPERATOR = 2;
const CROSS_CHECK = 3;
const LON = 4;
const LAT = 5;
const HEIGHT = 6;
const RADIUS = 7;
const MAST_TYPE = 8;
const TENANTS = 9;
const HAS_4G = 10;
const HAS_5G = 11;
const RADIUS_5G = 12;
const TENANTS_5G = 13;
const KIND_BY_FIELD: Partial<Record<TowerField, number>> = {
  id: ID,
  operator: OPERATOR,
  lon: LON,
  lat: LAT,
  height_m: HEIGHT,
  radius_m: RADIUS,
  mast_type: MAST_TYPE,
  tenants: TENANTS,
  has_4g: HAS_4G,
  has_5g: HAS_5G,
  radius_5g_m: RADIUS_5G,
  tenants_5g: TENANTS_5G,
};
/** Columns the arrays do not hold: checked for structure only in an 'arrays' read. */
const NOT_IN_ARRAYS = new Set([CROSS_CHECK, MAST_TYPE, HAS_4G, HAS_5G, RADIUS_5G, TENANTS_5G]);

async function readClean(
  bytes: Uint8Array,
  options: LongCallOptions & Pick<TowerReadOptions, 'keepStationRows'>,
  kind: CleanReadKind,
): Promise<CleanRows> {
  const length = bytes.length;
  const text = new TextDecoder('utf-8').decode(bytes);
  if (describeNonText(text) !== null) throw new NotClean();
  const headerEnd = lineEnd(bytes, 0);
  const headerStop = contentEnd(bytes, 0, headerEnd);
  // Printable ASCII only (the data rows are checked as they are read): the text is its bytes, one character each.
  for (let i = 0; i < headerStop; i++) if (bytes[i] < 32 || bytes[i] > 126) throw new NotClean();
  const headerLine = text.slice(0, headerStop);
  if (/^sep=/i.test(headerLine) || /[;\t"]/.test(headerLine) || headerLine.trim() === '') throw new NotClean();
  const names = headerLine.split(',');
  // Without a CRS: the automatic columns, as for WGS 84 (only VN-2000 grids change them).
  const columns = applyColumnMapping(names, {});
  if (columns.missing.length > 0 || columns.notes.length > 0) throw new NotClean();
  const fieldCount = names.length;
  const kinds = new Uint8Array(fieldCount);
  for (const [field, index] of Object.entries(columns.indexByField) as [TowerField, number][]) {
    const fieldKind = KIND_BY_FIELD[field];
    if (fieldKind === undefined) throw new NotClean();
    kinds[index] = fieldKind;
  }
  const crossCheckColumns = columns.alternateIndicesByField.operator ?? [];
  for (const index of crossCheckColumns) kinds[index] = CROSS_CHECK;
  if (kind === 'arrays') for (let c = 0; c < fieldCount; c++) if (NOT_IN_ARRAYS.has(kinds[c])) kinds[c] = SKIP;
  const has = (fieldKind: number) => kinds.includes(fieldKind);
  const hasTenants5g = has(TENANTS_5G);

  const words = new WordCaches();
  // Rows are at most one per line: the columns are sized by the line count.
  let capacity = 1;
  for (let i = bytes.indexOf(LF, headerEnd); i >= 0; i = bytes.indexOf(LF, i + 1)) capacity++;
  const ids: string[] = [];
  const idHashes = new Int32Array(capacity);
  const lons = new Float64Array(capacity);
  const lats = new Float64Array(capacity);
  const heights = new Float64Array(capacity);
  const radii = new Float64Array(capacity);
  const mastTypes = new Int8Array(capacity);
  const tenantLists: (readonly string[])[] = [];
  const has4gs = new Int8Array(capacity);
  const radii5g = new Float64Array(capacity);
  const tenants5gLists: (readonly string[] | undefined)[] = [];
  const crossCheckWords = new Int32Array(fieldCount).fill(-1);
  let n = 0;
  const last = fieldCount - 1;

  // One row into the columns, each field read in one pass over its bytes (split, checked and parsed together): a
  // function of its own, so that the engine optimises it as a whole.
  const readRow = (lineStart: number, stop: number): void => {
    let idStart = 0;
    let idEnd = 0;
    let idHash = 0;
    let operatorWord = -1;
    let lon = Number.NaN;
    let lat = Number.NaN;
    let heightM = Number.NaN;
    let radiusM = Number.NaN;
    let mastTypeWord = -1;
    let tenantsWord = -1;
    let has4g = -1;
    let has5g = -1;
    let radius5gM = Number.NaN;
    let tenants5gWord = -1;
    let pos = lineStart;
    for (let c = 0; c <= last; c++) {
      switch (kinds[c]) {
        case ID:
          scanText(bytes, pos, stop);
          idStart = pos;
          idEnd = scan.end;
          idHash = scan.hash;
          break;
        case OPERATOR:
          scanText(bytes, pos, stop);
          operatorWord = words.operatorWords.index(bytes, pos, scan.end, scan.hash);
          break;
        case CROSS_CHECK:
          scanText(bytes, pos, stop);
          crossCheckWords[c] = words.crossCheckWords(c).index(bytes, pos, scan.end, scan.hash);
          break;
        case LON:
          scanNumber(bytes, pos, stop, true);
          lon = scan.number;
          break;
        case LAT:
          scanNumber(bytes, pos, stop, true);
          lat = scan.number;
          break;
        case HEIGHT:
          scanNumber(bytes, pos, stop, false);
          heightM = scan.number;
          // Out of its range: the full reader warns about it.
          if (heightM > MAX_MAST_HEIGHT_M) throw new NotClean();
          break;
        case RADIUS:
          scanNumber(bytes, pos, stop, false);
          radiusM = scan.number;
          // 0 ("not known": read as empty with a warning) and out of range: the full reader words them.
          if (radiusM > MAX_TOWER_RADIUS_M || radiusM < MIN_TOWER_RADIUS_M) throw new NotClean();
          break;
        case MAST_TYPE:
          scanText(bytes, pos, stop);
          mastTypeWord = words.mastTypeWords.index(bytes, pos, scan.end, scan.hash);
          break;
        case TENANTS:
          scanText(bytes, pos, stop);
          tenantsWord = words.tenantWords.index(bytes, pos, scan.end, scan.hash);
          break;
        case HAS_4G:
          scanFlag(bytes, pos, stop);
          has4g = scan.number;
          break;
        case HAS_5G:
          scanFlag(bytes, pos, stop);
          has5g = scan.number;
          break;
        case RADIUS_5G:
          scanNumber(bytes, pos, stop, false);
          radius5gM = scan.number;
          break;
        case TENANTS_5G:
          scanText(bytes, pos, stop);
          tenants5gWord = words.list5gWords.index(bytes, pos, scan.end, scan.hash);
          break;
        default:
          scanText(bytes, pos, stop);
      }
      // Each field but the last ends at its comma; the last at the line's end (else the field count differs).
      if (c < last ? scan.end >= stop : scan.end !== stop) throw new NotClean();
      pos = scan.end + 1;
    }

    if (idStart === idEnd) throw new NotClean();
    const operator = words.operator(operatorWord);
    for (const index of crossCheckColumns) {
      if (crossCheckWords[index] < 0) continue;
      const other = words.crossCheck(index, crossCheckWords[index]);
      if (other !== null && other !== operator) throw new NotClean();
    }
    if (
      !(lon >= VIETNAM_BOUNDS.west && lon <= VIETNAM_BOUNDS.east) ||
      !(lat >= VIETNAM_BOUNDS.south && lat <= VIETNAM_BOUNDS.north)
    ) {
      throw new NotClean(); // also empty (NaN)
    }
    const mastType = mastTypeWord < 0 ? null : words.mastType(mastTypeWord, Number.isNaN(heightM) ? null : heightM);
    const tenants = words.tenants(operator, tenantsWord);
    const listed = hasTenants5g && tenants5gWord >= 0 ? words.list5g(tenants5gWord) : undefined;
    let tenants5g: readonly string[] | undefined;
    if (listed !== undefined && listed.length > 0) {
      if (has5g === 0) throw new NotClean();
      tenants5g = words.tenants5g(tenants, listed);
    } else if (has5g === 1) tenants5g = tenants;
    else if (has5g === 0 || listed !== undefined) tenants5g = NO_TENANTS;

    ids.push(text.slice(idStart, idEnd));
    idHashes[n] = idHash;
    lons[n] = lon;
    lats[n] = lat;
    heights[n] = heightM;
    radii[n] = radiusM;
    mastTypes[n] = mastType === null ? -1 : MAST_TYPES.indexOf(mastType);
    tenantLists.push(tenants);
    has4gs[n] = has4g;
    radii5g[n] = radius5gM;
    tenants5gLists.push(tenants5g);
    n++;
  };

  const checkpoint = createYieldClock(options);
  let lineStart = headerEnd;
  while (lineStart < length) {
    if (n % ROWS_PER_CHECKPOINT === 0) await checkpoint(lineStart / length);
    const end = lineEnd(bytes, lineStart);
    const stop = contentEnd(bytes, lineStart, end);
    if (stop - lineStart > MAX_RECORD_CHARS) throw new NotClean();
    readRow(lineStart, stop);
    lineStart = end;
  }
  if (n === 0 || hasRepeatedId(ids, idHashes.subarray(0, n))) throw new NotClean();
  // Further stations of one mast (the full reader merges them, with a note): not clean.
  if (!options.keepStationRows && hasStationRows(lons, lats, tenantLists, n)) throw new NotClean();

  const rows: CleanRows = {
    count: n,
    ids,
    lon: lons.slice(0, n),
    lat: lats.slice(0, n),
    heightM: heights.slice(0, n),
    radiusM: radii.slice(0, n),
    mastType: mastTypes.subarray(0, n),
    tenants: tenantLists,
    has4g: has4gs.subarray(0, n),
    radius5gM: radii5g.subarray(0, n),
    tenants5g: tenants5gLists,
    names,
    unusedIndices: columns.unusedIndices,
    categoricalValues: kind === 'towers' ? words.categoricalValues() : null,
  };
  options.onProgress?.(1);
  return rows;
}

/** What the last field scanner found: where the field ends (its comma, or the line's end) and its value. */
const scan = { end: 0, hash: 0, number: 0 };

/** A text field: printable ASCII without spaces or quotes; its FNV-1a hash. */
function scanText(bytes: Uint8Array, start: number, stop: number): void {
  let hash = 0x811c9dc5;
  let i = start;
  for (; i < stop; i++) {
    const b = bytes[i];
    if (b === COMMA) break;
    if (b <= SPACE || b >= DELETE || b === QUOTE) throw new NotClean(); // also CR, tab, non-ASCII
    hash = Math.imul(hash ^ b, 0x01000193);
  }
  scan.end = i;
  scan.hash = hash;
}

/**
 * A plain decimal `[-]digits[.digits]` (the sign only where `signed`), NaN when empty; anything else is not clean.
 * Exact: with at most 15 digits the digits form an exact integer and 10^k is exact, so their quotient is the double
 * nearest the decimal, as Number() gives.
 */
function scanNumber(bytes: Uint8Array, start: number, stop: number, signed: boolean): void {
  let i = start;
  const negative = i < stop && bytes[i] === MINUS;
  if (negative) {
    if (!signed) throw new NotClean();
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDot = false;
  for (; i < stop; i++) {
    const b = bytes[i];
    if (b >= ZERO && b <= NINE) {
      mantissa = mantissa * 10 + (b - ZERO);
      digits++;
      if (seenDot) decimals++;
    } else if (b === DOT && !seenDot && digits > 0) seenDot = true;
    else if (b === COMMA) break;
    else throw new NotClean();
  }
  scan.end = i;
  if (i === start) {
    scan.number = Number.NaN;
    return;
  }
  if (digits === 0 || (seenDot && decimals === 0) || digits > MAX_EXACT_DIGITS) throw new NotClean();
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
  scan.number = negative ? -value : value;
}

/** has_4g / has_5g: 1, 0 or empty (-1); the full reader's other yes/no words are not clean. */
function scanFlag(bytes: Uint8Array, start: number, stop: number): void {
  scan.end = start;
  scan.number = -1;
  if (start === stop || bytes[start] === COMMA) return;
  const b = bytes[start];
  if (b !== ZERO && b !== ZERO + 1) throw new NotClean();
  scan.number = b - ZERO;
  scan.end = start + 1;
  if (scan.end < stop && bytes[scan.end] !== COMMA) throw new NotClean();
}

/** Index just past the line's end (after its LF), or the text's length. */
function lineEnd(bytes: Uint8Array, start: number): number {
  const at = bytes.indexOf(LF, start);
  return at < 0 ? bytes.length : at + 1;
}

/** End of the line's content: before its LF or CRLF. */
function contentEnd(bytes: Uint8Array, start: number, end: number): number {
  let stop = end;
  if (stop > start && bytes[stop - 1] === LF) stop--;
  if (stop > start && bytes[stop - 1] === CR) stop--;
  return stop;
}

/**
 * Whether two towers share an id: distinct hashes prove distinct ids (an open-addressing set of 32-bit hashes beats a
 * Set of strings); only when two hashes collide are the ids themselves compared.
 */
function hasRepeatedId(ids: readonly string[], hashes: Int32Array): boolean {
  let size = 1024;
  while (size < hashes.length * 2) size *= 2;
  const table = new Int32Array(size);
  const used = new Uint8Array(size);
  const mask = size - 1;
  for (let i = 0; i < hashes.length; i++) {
    const hash = hashes[i];
    let slot = Math.imul(hash, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (used[slot] === 0) {
        used[slot] = 1;
        table[slot] = hash;
        break;
      }
      if (table[slot] === hash) return new Set(ids).size !== ids.length;
      slot++;
    }
  }
  return false;
}

/** Rows per latitude bucket key: row indices below 2^20 fit beside a bucket in a double exactly. */
const ROW_BITS = 2 ** 20;
/** Latitude buckets per degree: 1e-5° (about 1.1 m). */
const BUCKETS_PER_DEG = 1e5;

/**
 * Whether two rows of one operator stand within STATION_ROW_MAX_DISTANCE_M of each other (the full reader's
 * further stations of one mast). Rows sorted by latitude bucket (one native sort of packed keys), then each compared
 * with the rows after it less than the distance north: about 20-25 ms of a 250-300 ms read of the 87,632 national
 * masts (measured with and without it, keepStationRows).
 */
function hasStationRows(
  lons: Float64Array,
  lats: Float64Array,
  tenantLists: readonly (readonly string[])[],
  n: number,
): boolean {
  if (n >= ROW_BITS) return true; // too many rows to pack: the full reader decides
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.floor((lats[i] + 90) * BUCKETS_PER_DEG) * ROW_BITS + i;
  keys.sort();
  // Buckets apart that may still be within the distance (a bucket is at least 1.1 m of latitude).
  const reach = Math.ceil(STATION_ROW_MAX_DISTANCE_M / 1.1) + 1;
  // Rows on one parallel (a latitude column rounded, or filled with one value) would make this quadratic: past this
  // many comparisons the full reader decides (its grid of cells has no such case).
  let budget = 50 * n + 10_000;
  for (let p = 0; p < n; p++) {
    const bucket = Math.floor(keys[p] / ROW_BITS);
    const i = keys[p] - bucket * ROW_BITS;
    for (let q = p + 1; q < n; q++) {
      const other = Math.floor(keys[q] / ROW_BITS);
      if (other - bucket > reach) break;
      if (--budget < 0) return true;
      const j = keys[q] - other * ROW_BITS;
      // 0.0001° of longitude is over 10 m at Việt Nam's latitudes.
      if (Math.abs(lons[i] - lons[j]) > 1e-4 || tenantLists[i][0] !== tenantLists[j][0]) continue;
      if (haversineDistanceM(lons[i], lats[i], lons[j], lats[j]) <= STATION_ROW_MAX_DISTANCE_M) return true;
    }
  }
  return false;
}

/**
 * The distinct words of one column, found from their bytes (their hash, then the bytes compared) without making a
 * string per row: index k is the k-th distinct word in order of first appearance, `counts[k]` its rows.
 */
class ByteWords {
  readonly words: string[] = [];
  readonly counts: number[] = [];
  private readonly wordBytes: Uint8Array[] = [];
  private readonly nextWithHash: number[] = [];
  private readonly firstByHash = new Map<number, number>();

  /** The word [start, end) of `bytes`, whose FNV-1a hash is `hash` (see scanText). */
  index(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const first = this.firstByHash.get(hash);
    for (let k = first ?? -1; k >= 0; k = this.nextWithHash[k]) {
      if (sameBytes(this.wordBytes[k], bytes, start, end)) {
        this.counts[k]++;
        return k;
      }
    }
    const k = this.words.length;
    const word = bytes.slice(start, end);
    this.words.push(ASCII.decode(word));
    this.wordBytes.push(word);
    this.counts.push(1);
    this.nextWithHash.push(first ?? -1);
    this.firstByHash.set(hash, k);
    return k;
  }
}

function sameBytes(word: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word[i] !== bytes[start + i]) return false;
  return true;
}

/** The full reader's answer for each distinct word, computed once, and the categorical word counts. */
class WordCaches {
  readonly operatorWords = new ByteWords();
  readonly mastTypeWords = new ByteWords();
  readonly tenantWords = new ByteWords();
  readonly list5gWords = new ByteWords();
  /** Per column (a second operator column such as mcc_mnc): its words and the operator each names, or null. */
  private readonly crossCheckWordsByColumn = new Map<number, ByteWords>();
  private readonly crossCheckNames = new Map<number, (string | null)[]>();
  private readonly operatorNames: (string | null)[] = [];
  private readonly mastProposals: ReturnType<typeof proposeMastType>[] = [];
  private readonly tenantLists: Map<string, string[]>[] = [];
  private readonly noTenantLists = new Map<string, string[]>();
  private readonly lists5g: (readonly string[])[] = [];
  private readonly tenants5gLists = new Map<readonly string[], Map<readonly string[], readonly string[]>>();
  private sharedLists = 0;

  /** A known operator's canonical name; an empty or unknown spelling (a warning for the full reader) is not clean. */
  operator(word: number): string {
    if (this.operatorNames[word] === undefined) {
      const text = this.operatorWords.words[word];
      this.operatorNames[word] = text === '' ? null : (findOperator(text)?.name ?? null);
    }
    const name = this.operatorNames[word];
    if (name === null) throw new NotClean();
    return name;
  }

  crossCheckWords(column: number): ByteWords {
    let words = this.crossCheckWordsByColumn.get(column);
    if (words === undefined) {
      words = new ByteWords();
      this.crossCheckWordsByColumn.set(column, words);
      this.crossCheckNames.set(column, []);
    }
    return words;
  }

  /** The operator a second operator column's word names, or null when it names none. */
  crossCheck(column: number, word: number): string | null {
    const names = this.crossCheckNames.get(column) as (string | null)[];
    if (names[word] === undefined) names[word] = findOperator(this.crossCheckWords(column).words[word])?.name ?? null;
    return names[word];
  }

  mastType(word: number, heightM: number | null): MastType | null {
    const text = this.mastTypeWords.words[word];
    if (text === '') return null;
    if (this.mastProposals[word] === undefined) this.mastProposals[word] = proposeMastType(text);
    const proposal = this.mastProposals[word];
    if (proposal === null) throw new NotClean();
    const resolved = resolveMastTypeChoice(proposal.choice, heightM);
    if (resolved.note !== undefined) throw new NotClean();
    return resolved.mastType;
  }

  /**
   * The owner then the named tenants (word -1: no tenants column), known operators only; one frozen list per distinct
   * value, as the full reader's ListInterner shares them (up to as many lists).
   */
  tenants(owner: string, word: number): string[] {
    let byOwner = word < 0 ? this.noTenantLists : this.tenantLists[word];
    if (byOwner === undefined) {
      byOwner = new Map();
      this.tenantLists[word] = byOwner;
    }
    const known = byOwner.get(owner);
    if (known !== undefined) return known;
    const text = word < 0 ? '' : this.tenantWords.words[word];
    if (/^\d+([.,]0+)?$/.test(text) && findOperator(text) === null) throw new NotClean(); // a count of tenants
    const list = [owner];
    for (const item of text.split(/[;|]/)) {
      if (item === '') continue;
      if (/^\d{1,3}$/.test(item)) throw new NotClean();
      const name = findOperator(item)?.name;
      if (name === undefined) throw new NotClean();
      if (!list.includes(name)) list.push(name);
    }
    if (this.sharedLists >= MAX_SHARED_LISTS) return list;
    this.sharedLists++;
    byOwner.set(owner, Object.freeze(list) as string[]);
    return list;
  }

  /** The listed 5G operators that are tenants, each once; one that is not a tenant (a warning) is not clean. */
  tenants5g(tenants: readonly string[], listed: readonly string[]): readonly string[] {
    let byTenants = this.tenants5gLists.get(tenants);
    if (byTenants === undefined) {
      byTenants = new Map();
      this.tenants5gLists.set(tenants, byTenants);
    }
    const known = byTenants.get(listed);
    if (known !== undefined) return known;
    const list: string[] = [];
    for (const name of listed) {
      if (!tenants.includes(name)) throw new NotClean();
      if (!list.includes(name)) list.push(name);
    }
    byTenants.set(listed, list);
    return list;
  }

  /** tenants_5g's operator names (unknown spellings kept as written: they are then no tenant, and not clean). */
  list5g(word: number): readonly string[] {
    if (this.lists5g[word] === undefined) {
      this.lists5g[word] = this.list5gWords.words[word]
        .split(/[;|]/)
        .filter((item) => item !== '')
        .map((item) => findOperator(item)?.name ?? item);
    }
    return this.lists5g[word];
  }

  categoricalValues(): { operator: CategoricalValueCount[]; mast_type: CategoricalValueCount[] } {
    return { operator: byKey(this.operatorWords), mast_type: byKey(this.mastTypeWords) };
  }
}

/** Word counts merged by categoricalValueKey in order of first appearance, most frequent first (stable). */
function byKey(words: ByteWords): CategoricalValueCount[] {
  const byKeyMap = new Map<string, CategoricalValueCount>();
  words.words.forEach((word, k) => {
    if (word === '') return;
    const key = categoricalValueKey(word);
    const known = byKeyMap.get(key);
    if (known) known.count += words.counts[k];
    else {
      if (byKeyMap.size >= MAX_DISTINCT_VALUES) throw new NotClean();
      byKeyMap.set(key, { key, value: word, count: words.counts[k] });
    }
  });
  return [...byKeyMap.values()].sort((a, b) => b.count - a.count);
}
