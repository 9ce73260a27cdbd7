import { resolveCrs } from '../crs/crsDefinitions';
import { detectCoordinateProblemsInColumns, VIETNAM_BOUNDS } from '../crs/detectCoordinateProblems';
import { findOperator } from '../model/operators';
import { type InputProblem, MAST_TYPES, type MastType, type Tower } from '../model/tower';
import { MAX_OPERATORS_IN_ARRAYS, type TowerArrays } from '../model/towerArrays';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { applyColumnMapping } from './applyColumnMapping';
import { categoricalValueKey, proposeMastType, resolveMastTypeChoice } from './classifyMastType';
import { describeNonText } from './describeNonText';
import { MAX_RECORD_CHARS } from './readCsvRecord';
import type { TowerField } from './towerFields';
import type { CategoricalValueCount, TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';

/** The fields the fast path reads; a header mapping any other field (azimuth, tilt, band: cell lists) falls back. */
const FAST_FIELDS: ReadonlySet<TowerField> = new Set<TowerField>([
  'id',
  'operator',
  'lon',
  'lat',
  'height_m',
  'radius_m',
  'mast_type',
  'tenants',
  'has_4g',
  'has_5g',
  'radius_5g_m',
  'tenants_5g',
]);

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

/** Why the fast path gave the file back to the full reader (any quirk at all). */
class NotClean extends Error {}

/**
 * The tower reader's fast path for clean comma-separated files, such as the national synthetic masts and most
 * exports: the same TowerParseResult as the full reader (readTowersCsvChunked), or null when the file has anything
 * the fast path does not handle, and the caller then runs the full reader on it. Clean means: printable ASCII only
 * (LF or CRLF line ends, no quotes, no spaces or tabs in data rows), the header on the first line naming the four
 * required columns with commas (no `;` or tab in it), only the fields id, operator, lon, lat, height_m, radius_m,
 * mast_type, tenants, has_4g, has_5g, radius_5g_m and tenants_5g; every row with the header's field count; decimal
 * numbers written as plain digits (`-105.25`, at most 15 digits); positions inside Việt Nam; known operator
 * spellings (a second operator column such as mcc_mnc agreeing); mast types the word list maps to one class;
 * has_4g/has_5g as 1, 0 or empty; ids unique. In short, a file on which the full reader would accept every row
 * without a warning. Options that change the reading (column or value mapping, CRS, area polygons) fall back too.
 *
 * Why: the full reader tokenises quotes and validates every field through general code (about 0.8 s for the 87,632
 * national masts); this reads the bytes once, numbers straight from the digits, words through per-word caches.
 */
export async function readCleanTowersCsv(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions = {},
): Promise<TowerParseResult | null> {
  const rows = await readCleanRows(bytes, options);
  if (rows === null) return null;
  const { summary } = rows;
  return { towers: towersOfRows(rows), ...summary };
}

/**
 * readCleanTowersCsv for the callers that want the masts as flat arrays only (the command line's fixed-radius
 * coverage): the arrays packTowers would make of the towers, without making the Tower objects; with the rest of the
 * result (warnings, counts). Null when the file is not clean, as above.
 */
export async function readCleanTowersCsvAsArrays(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions = {},
): Promise<{ arrays: TowerArrays; summary: Omit<TowerParseResult, 'towers'> } | null> {
  const rows = await readCleanRows(bytes, options);
  return rows === null ? null : { arrays: arraysOfRows(rows), summary: rows.summary };
}

/** A clean file's rows as columns: what the Tower objects or the TowerArrays are made from. */
interface CleanRows {
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
  summary: Omit<TowerParseResult, 'towers'>;
}

async function readCleanRows(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions,
): Promise<CleanRows | null> {
  if (
    options.columns !== undefined ||
    options.crs !== undefined ||
    options.areaPolygons !== undefined ||
    options.valueMapping !== undefined
  ) {
    return null;
  }
  try {
    return await readClean(bytes, options);
  } catch (error) {
    if (error instanceof NotClean) return null;
    throw error;
  }
}

/** The Tower objects the full reader makes, with its keys in its order. */
function towersOfRows(rows: CleanRows): Tower[] {
  const towers: Tower[] = new Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    const tenants = rows.tenants[i] as string[];
    const tower: Tower = {
      id: rows.ids[i],
      operator: tenants[0],
      lon: rows.lon[i],
      lat: rows.lat[i],
      heightM: Number.isNaN(rows.heightM[i]) ? null : rows.heightM[i],
      radiusM: Number.isNaN(rows.radiusM[i]) ? null : rows.radiusM[i],
      mastType: rows.mastType[i] < 0 ? null : MAST_TYPES[rows.mastType[i]],
      tenants,
    };
    if (rows.has4g[i] >= 0) tower.has4g = rows.has4g[i] === 1;
    if (!Number.isNaN(rows.radius5gM[i])) tower.radius5gM = rows.radius5gM[i];
    const tenants5g = rows.tenants5g[i];
    if (tenants5g !== undefined) tower.tenants5g = [...tenants5g];
    towers[i] = tower;
  }
  return towers;
}

/** packTowers(towersOfRows(rows)), without the objects: operators numbered in order of first appearance. */
function arraysOfRows(rows: CleanRows): TowerArrays {
  const { count } = rows;
  const operatorNames: string[] = [];
  const bitsByList = new Map<readonly string[], number>();
  const ownerIndex = new Uint8Array(count);
  const tenantBits = new Uint8Array(count);
  const tenantCount = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const list = rows.tenants[i];
    let bits = bitsByList.get(list);
    if (bits === undefined) {
      bits = 0;
      for (const name of list) {
        let k = operatorNames.indexOf(name);
        if (k < 0) {
          // Unreachable with known operators only (five); packTowers' own limit, kept in step.
          if (operatorNames.length >= MAX_OPERATORS_IN_ARRAYS) throw new Error('more than 8 distinct operators');
          k = operatorNames.push(name) - 1;
        }
        bits |= 1 << k;
      }
      bitsByList.set(list, bits);
    }
    ownerIndex[i] = operatorNames.indexOf(list[0]);
    tenantBits[i] = bits;
    tenantCount[i] = Math.min(255, list.length);
  }
  return {
    count,
    ids: rows.ids,
    operatorNames,
    lon: rows.lon,
    lat: rows.lat,
    radiusM: rows.radiusM,
    heightM: rows.heightM,
    ownerIndex,
    tenantBits,
    tenantCount,
  };
}

async function readClean(bytes: Uint8Array, options: LongCallOptions): Promise<CleanRows> {
  const length = bytes.length;
  const text = new TextDecoder('utf-8').decode(bytes);
  if (describeNonText(text) !== null) throw new NotClean();
  const headerEnd = lineEnd(bytes, 0);
  const headerStop = contentEnd(bytes, 0, headerEnd);
  // Printable ASCII only (the data rows are checked as they are split): the text is its bytes, one character each.
  for (let i = 0; i < headerStop; i++) if (bytes[i] < 32 || bytes[i] > 126) throw new NotClean();
  const headerLine = text.slice(0, headerStop);
  if (/^sep=/i.test(headerLine) || /[;\t"]/.test(headerLine) || headerLine.trim() === '') throw new NotClean();
  const names = headerLine.split(',');
  const columns = applyColumnMapping(names, {}, resolveCrs('EPSG:4326'));
  if (columns.missing.length > 0 || columns.notes.length > 0) throw new NotClean();
  for (const field of Object.keys(columns.indexByField) as TowerField[]) {
    if (!FAST_FIELDS.has(field)) throw new NotClean();
  }
  const fieldCount = names.length;
  const column = (field: TowerField) => columns.indexByField[field] ?? -1;
  const at = {
    id: column('id'),
    operator: column('operator'),
    lon: column('lon'),
    lat: column('lat'),
    heightM: column('height_m'),
    radiusM: column('radius_m'),
    mastType: column('mast_type'),
    tenants: column('tenants'),
    has4g: column('has_4g'),
    has5g: column('has_5g'),
    radius5gM: column('radius_5g_m'),
    tenants5g: column('tenants_5g'),
  };
  const crossCheckColumns = columns.alternateIndicesByField.operator ?? [];
  const warnings: InputProblem[] = [];
  const unusedNames = columns.unusedIndices.map((i) => names[i].trim() || `column ${i + 1} (no name)`);
  if (unusedNames.length > 0)
    warnings.push({ row: 0, line: 1, reason: `column(s) not used: ${unusedNames.join(', ')}` });

  const words = new WordCaches(crossCheckColumns.length);
  // Rows are at most one per line: the columns are sized by the line count.
  let capacity = 0;
  for (let i = bytes.indexOf(LF, headerEnd); i >= 0; i = bytes.indexOf(LF, i + 1)) capacity++;
  capacity++;
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
  let n = 0;
  // Field k of the current row is bytes [starts[k], starts[k + 1] - 1).
  const starts = new Int32Array(fieldCount + 1);
  // One row into the columns: a function of its own, so that the engine optimises it as a whole.
  const readRow = (lineStart: number, stop: number): void => {
    let fields = 0;
    starts[0] = lineStart;
    for (let i = lineStart; i < stop; i++) {
      const b = bytes[i];
      if (b === COMMA) {
        fields++;
        if (fields >= fieldCount) throw new NotClean();
        starts[fields] = i + 1;
      } else if (b <= SPACE || b >= DELETE || b === QUOTE) throw new NotClean(); // also CR, tab, non-ASCII
    }
    if (fields !== fieldCount - 1) throw new NotClean();
    starts[fieldCount] = stop + 1;

    const idStart = starts[at.id];
    const idEnd = starts[at.id + 1] - 1;
    if (idStart === idEnd) throw new NotClean();
    const id = text.slice(idStart, idEnd);
    const operatorWord = words.operatorWords.index(bytes, starts[at.operator], starts[at.operator + 1] - 1);
    const operator = words.operator(operatorWord);
    for (let c = 0; c < crossCheckColumns.length; c++) {
      const index = crossCheckColumns[c];
      const other = words.crossCheck(c, bytes, starts[index], starts[index + 1] - 1);
      if (other !== null && other !== operator) throw new NotClean();
    }
    const lon = readNumber(bytes, starts[at.lon], starts[at.lon + 1] - 1, true);
    const lat = readNumber(bytes, starts[at.lat], starts[at.lat + 1] - 1, true);
    if (
      lon === null ||
      lat === null ||
      !(lon >= VIETNAM_BOUNDS.west && lon <= VIETNAM_BOUNDS.east) ||
      !(lat >= VIETNAM_BOUNDS.south && lat <= VIETNAM_BOUNDS.north)
    ) {
      throw new NotClean();
    }
    const heightM = at.heightM < 0 ? null : readNumber(bytes, starts[at.heightM], starts[at.heightM + 1] - 1, false);
    const radiusM = at.radiusM < 0 ? null : readNumber(bytes, starts[at.radiusM], starts[at.radiusM + 1] - 1, false);
    const mastType =
      at.mastType < 0
        ? null
        : words.mastType(words.mastTypeWords.index(bytes, starts[at.mastType], starts[at.mastType + 1] - 1), heightM);
    const tenants = words.tenants(
      operator,
      at.tenants < 0 ? -1 : words.tenantWords.index(bytes, starts[at.tenants], starts[at.tenants + 1] - 1),
    );
    const has4g = at.has4g < 0 ? undefined : readFlag(bytes, starts[at.has4g], starts[at.has4g + 1] - 1);
    const has5g = at.has5g < 0 ? undefined : readFlag(bytes, starts[at.has5g], starts[at.has5g + 1] - 1);
    const radius5gM =
      at.radius5gM < 0 ? null : readNumber(bytes, starts[at.radius5gM], starts[at.radius5gM + 1] - 1, false);
    const listed =
      at.tenants5g < 0
        ? undefined
        : words.list5g(words.list5gWords.index(bytes, starts[at.tenants5g], starts[at.tenants5g + 1] - 1));
    let tenants5g: readonly string[] | undefined;
    if (listed !== undefined && listed.length > 0) {
      if (has5g === false) throw new NotClean();
      tenants5g = words.tenants5g(tenants, listed);
    } else if (has5g === true) tenants5g = tenants;
    else if (has5g === false || listed !== undefined) tenants5g = NO_TENANTS;

    ids.push(id);
    idHashes[n] = fnv1a(bytes, idStart, idEnd);
    lons[n] = lon;
    lats[n] = lat;
    heights[n] = heightM ?? Number.NaN;
    radii[n] = radiusM ?? Number.NaN;
    mastTypes[n] = mastType === null ? -1 : MAST_TYPES.indexOf(mastType);
    tenantLists.push(tenants);
    has4gs[n] = has4g === undefined ? -1 : has4g ? 1 : 0;
    radii5g[n] = radius5gM ?? Number.NaN;
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

  const count = n;
  const rowNumbers = new Int32Array(count);
  for (let i = 0; i < count; i++) rowNumbers[i] = i + 1;
  const report = detectCoordinateProblemsInColumns(count, rowNumbers, lons, lats, { crs: resolveCrs('EPSG:4326') });
  const summary: Omit<TowerParseResult, 'towers'> = {
    rejected: [],
    warnings,
    crsCounts: { wgs84: count, projected: 0 },
    categoricalValues: words.categoricalValues(),
  };
  if (report.messages.length > 0) summary.coordinateReport = report;
  options.onProgress?.(1);
  return {
    count,
    ids,
    lon: lons.slice(0, count),
    lat: lats.slice(0, count),
    heightM: heights.slice(0, count),
    radiusM: radii.slice(0, count),
    mastType: mastTypes.subarray(0, count),
    tenants: tenantLists,
    has4g: has4gs.subarray(0, count),
    radius5gM: radii5g.subarray(0, count),
    tenants5g: tenants5gLists,
    summary,
  };
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

/** FNV-1a hash of bytes [start, end). */
function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash;
}

/**
 * Whether two towers share an id: distinct hashes prove distinct ids (sorting 32-bit hashes beats a Set of strings);
 * only when two hashes collide are the ids themselves compared.
 */
function hasRepeatedId(ids: readonly string[], hashes: Int32Array): boolean {
  const sorted = hashes.slice().sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) return new Set(ids).size !== ids.length;
  }
  return false;
}

/**
 * A plain decimal `[-]digits[.digits]` (the sign only where `signed`), null when empty; anything else is not clean.
 * Exact: with at most 15 digits the digits form an exact integer and 10^k is exact, so their quotient is the double
 * nearest the decimal, as Number() gives.
 */
function readNumber(bytes: Uint8Array, start: number, end: number, signed: boolean): number | null {
  if (start === end) return null;
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative) {
    if (!signed) throw new NotClean();
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDot = false;
  let digitsBeforeDot = 0;
  for (; i < end; i++) {
    const b = bytes[i];
    if (b >= ZERO && b <= NINE) {
      mantissa = mantissa * 10 + (b - ZERO);
      digits++;
      if (seenDot) decimals++;
      else digitsBeforeDot++;
    } else if (b === DOT && !seenDot) seenDot = true;
    else throw new NotClean();
  }
  if (digitsBeforeDot === 0 || (seenDot && decimals === 0) || digits > MAX_EXACT_DIGITS) throw new NotClean();
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
  return negative ? -value : value;
}

/** has_4g / has_5g: 1, 0 or empty (the full reader's other yes/no words fall back). */
function readFlag(bytes: Uint8Array, start: number, end: number): boolean | undefined {
  if (start === end) return undefined;
  if (end - start === 1 && (bytes[start] === ZERO + 1 || bytes[start] === ZERO)) return bytes[start] === ZERO + 1;
  throw new NotClean();
}

/**
 * The distinct words of one column, found from their bytes (an FNV-1a hash, then the bytes compared) without making a
 * string per row: index k is the k-th distinct word in order of first appearance, `counts[k]` its rows.
 */
class ByteWords {
  readonly words: string[] = [];
  readonly counts: number[] = [];
  private readonly wordBytes: Uint8Array[] = [];
  private readonly nextWithHash: number[] = [];
  private readonly firstByHash = new Map<number, number>();

  index(bytes: Uint8Array, start: number, end: number): number {
    const hash = fnv1a(bytes, start, end);
    const first = this.firstByHash.get(hash);
    for (let k = first ?? -1; k >= 0; k = this.nextWithHash[k]) {
      if (sameBytes(this.wordBytes[k], bytes, start, end)) {
        this.counts[k]++;
        return k;
      }
    }
    const k = this.words.length;
    const word = bytes.slice(start, end);
    this.words.push(String.fromCharCode(...word));
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
  private readonly crossCheckWords: ByteWords[];
  private readonly crossCheckNames: (string | null)[][];
  private readonly operatorNames: (string | null)[] = [];
  private readonly mastProposals: ReturnType<typeof proposeMastType>[] = [];
  private readonly tenantLists: Map<string, string[]>[] = [];
  private readonly noTenantLists = new Map<string, string[]>();
  private readonly lists5g: (readonly string[])[] = [];
  private readonly tenants5gLists = new Map<readonly string[], Map<readonly string[], readonly string[]>>();
  private sharedLists = 0;

  constructor(crossCheckCount: number) {
    this.crossCheckWords = Array.from({ length: crossCheckCount }, () => new ByteWords());
    this.crossCheckNames = Array.from({ length: crossCheckCount }, () => []);
  }

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

  /** The operator a second operator column (mcc_mnc) names, or null when it names none. */
  crossCheck(column: number, bytes: Uint8Array, start: number, end: number): string | null {
    const word = this.crossCheckWords[column].index(bytes, start, end);
    const names = this.crossCheckNames[column];
    if (names[word] === undefined) names[word] = findOperator(this.crossCheckWords[column].words[word])?.name ?? null;
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
    const byOwner = word < 0 ? this.noTenantLists : (this.tenantLists[word] ??= new Map());
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
