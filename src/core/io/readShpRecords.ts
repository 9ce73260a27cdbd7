import { parseShp } from 'shpjs';
import { LayerFileError } from './layerFileError';

export interface ShpRecords {
  /** One entry per record, in file order: the parsed geometry (null for a null shape), or null when damaged. */
  geometries: unknown[];
  /** Records that could not be read: their 0-based index and why. */
  damaged: { index: number; reason: string }[];
  /**
   * Damaged record headers found without an index to go by, in file order: where reading broke, and where it went on
   * (null for the last when no record after it could be found: the records from there on are not in `geometries`).
   */
  breaks: ShpBreak[];
}

/** What is wrong with a record header: its length is negative, or runs past the end of the file. */
export type ShpDamage = 'negativeLength' | 'pastEnd';

export interface ShpBreak {
  /** 1-based number of the damaged record. */
  record: number;
  damage: ShpDamage;
  /** 1-based number of the record reading resumed at; null when it stopped at `record`. */
  resumedAt: number | null;
}

/** A record header's damage in words (the command line's; the UI words it by `damage`). */
export const describeShpDamage = (damage: ShpDamage) =>
  damage === 'negativeLength' ? 'its length is negative' : 'its length runs past the end of the file';

const SHP_HEADER_BYTES = 100;
/**
 * Records a .shp may hold: each is at least 8 bytes, and each null record becomes a rejected feature, so 256 MiB of
 * zeros (a 260 KB zip) ran Node out of memory; a real layer of a province or the country holds far fewer.
 */
export const MAX_SHP_RECORDS = 1_000_000;
/**
 * Parts (rings or lines) one record may have: shpjs matches holes to outer rings quadratically (in the hostile fixture
 * rings_40000.zip, 40,000 parts took 5.7 s, 20,000 0.7 s, 10,000 0.15 s).
 */
export const MAX_SHP_PARTS = 10_000;
/** The sum over records of their parts squared (1.5-3.6 ns each to match, measured above): some 10 s of work at most. */
const MAX_SHP_PART_PAIRS = 4e9;

/**
 * A record's part count when shpjs will read it as parts (0 when not): shpjs reads every record that is not a null
 * shape by the file header's type (less 20 for the M types), polylines and polygons (3, 5, 13, 15) with parts.
 */
function partsOf(view: DataView, offset: number, contentBytes: number): number {
  const headerType = view.getInt32(32, true);
  const readAs = headerType > 20 ? headerType - 20 : headerType;
  if (![3, 5, 13, 15].includes(readAs) || contentBytes < 44 || view.getInt32(offset + 8, true) === 0) return 0;
  return view.getInt32(offset + 8 + 36, true);
}

const tooManyParts = (base: string, index: number, parts: number) =>
  `${base}.shp record ${index + 1} has ${parts.toLocaleString('en')} parts, more than the ${MAX_SHP_PARTS.toLocaleString('en')} read: skipped`;

/** One pass over the record headers from one offset (see walkShpRecords). */
interface RecordWalk {
  /** Where the pass ended: before the last (under 8) bytes of the file, or at a damaged record header. */
  end: number;
  /** Records passed over. */
  count: number;
  /** Records of more than MAX_SHP_PARTS parts: their 0-based index, header offset and parts. */
  oversized: { index: number; offset: number; parts: number }[];
  /** What is wrong with the record header at `end`; null when the pass reached the end of the file. */
  damage: ShpDamage | null;
}

/**
 * One pass over the record headers from `start` (the record of 0-based index `firstIndex`), as shpjs walks them:
 * each record's length gives the next one's offset. Collects the records of more than MAX_SHP_PARTS parts and counts
 * the parts' pairs into `budget`; throws past MAX_SHP_RECORDS records or MAX_SHP_PART_PAIRS. It ends at the end of the
 * file or at a damaged header (a negative length, or one past the end), where shpjs stops (or throws) and every later
 * record would be lost without a word.
 */
function walkShpRecords(
  shp: Uint8Array,
  start: number,
  firstIndex: number,
  base: string,
  budget: { pairs: number },
): RecordWalk {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const oversized: RecordWalk['oversized'] = [];
  let index = firstIndex;
  let offset = start;
  for (; offset + 8 <= shp.length; index++) {
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    if (contentBytes < 0 || offset + 8 + contentBytes > shp.length) {
      return {
        end: offset,
        count: index - firstIndex,
        oversized,
        damage: contentBytes < 0 ? 'negativeLength' : 'pastEnd',
      };
    }
    if (index >= MAX_SHP_RECORDS) throw tooManyRecords(base);
    const parts = partsOf(view, offset, contentBytes);
    if (parts > MAX_SHP_PARTS) {
      oversized.push({ index, offset, parts });
    } else {
      budget.pairs += parts * parts;
      if (budget.pairs > MAX_SHP_PART_PAIRS) throw tooManyPairs(base);
    }
    offset += 8 + contentBytes;
  }
  return { end: offset, count: index - firstIndex, oversized, damage: null };
}

/**
 * The records from `start` to `end` parsed by shpjs, as a file of their own (the header copied before them) unless
 * they are the whole file; records of too many parts are turned into null shapes first (in the copy).
 */
function parseSegment(shp: Uint8Array, start: number, end: number, oversized: RecordWalk['oversized']): unknown[] {
  if (start === SHP_HEADER_BYTES && end === shp.length && oversized.length === 0) return parseShp(shp) as unknown[];
  const segment = new Uint8Array(SHP_HEADER_BYTES + end - start);
  segment.set(shp.subarray(0, SHP_HEADER_BYTES));
  segment.set(shp.subarray(start, end), SHP_HEADER_BYTES);
  const view = new DataView(segment.buffer);
  view.setInt32(24, segment.length / 2, false);
  for (const record of oversized) view.setInt32(SHP_HEADER_BYTES + record.offset - start + 8, 0, true);
  return parseShp(segment) as unknown[];
}

/**
 * The next record after a damaged header at `from` (the record of 0-based index `brokenIndex`) that can be trusted,
 * found by the record numbers the format writes into each header (1, 2, 3, …), or null. A candidate, at an even
 * offset (lengths count 16-bit words), must carry a number after the damaged record's, no more after it than records
 * of 8 bytes or more fit in between (so the attributes stay in step), a length that fits in the file, the file's shape
 * type (or null), and be followed by the end of the file or by the next number's header of the same kind: coordinates
 * read as such a pair by chance are not to be expected.
 */
function findNextRecord(shp: Uint8Array, from: number, brokenIndex: number): { offset: number; index: number } | null {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const fileType = view.getInt32(32, true);
  const plausible = (at: number, number: number) => {
    if (at + 12 > shp.length || view.getInt32(at, false) !== number) return false;
    const contentBytes = view.getInt32(at + 4, false) * 2;
    if (contentBytes < 4 || at + 8 + contentBytes > shp.length) return false;
    const type = view.getInt32(at + 8, true);
    return type === 0 || type === fileType;
  };
  for (let at = from + 8; at + 12 <= shp.length; at += 2) {
    const number = view.getInt32(at, false);
    if (number < brokenIndex + 2 || number > brokenIndex + 1 + (at - from) / 8) continue;
    if (!plausible(at, number)) continue;
    const next = at + 8 + view.getInt32(at + 4, false) * 2;
    if (next + 8 <= shp.length && !plausible(next, number + 1)) continue;
    return { offset: at, index: number - 1 };
  }
  return null;
}

const tooManyRecords = (base: string) =>
  new LayerFileError(`${base}.shp holds more than ${MAX_SHP_RECORDS.toLocaleString('en')} records; split the layer`, {
    code: 'shpTooManyRecords',
    params: { layer: base, max: MAX_SHP_RECORDS },
  });
const tooManyPairs = (base: string) =>
  new LayerFileError(`${base}.shp has too many rings in its shapes to read in time; simplify or split the layer`, {
    code: 'shpTooManyRings',
    params: { layer: base },
  });

/**
 * The records of a .shp file. shpjs reads them one after another, trusting each record's length: one damaged record
 * header makes it stop (every later record lost) or throw, so it is given the records before the first damaged
 * header only. The .shx index gives each record's offset and length, so when that leaves fewer records than the
 * index lists, or shpjs throws, each record is read on its own from its indexed place and a damaged one is skipped
 * and reported, the rest kept. Without an index (or with one that lists no more), reading goes on from the next
 * record whose number and length can be trusted (see findNextRecord), the records in between skipped and reported;
 * when there is none, it stops at the damaged record and `breaks` says so. A record of more than MAX_SHP_PARTS parts
 * is skipped and reported the same way; more than MAX_SHP_RECORDS records are refused.
 */
export function readShpRecords(file: Uint8Array, shx: Uint8Array | undefined, base: string): ShpRecords {
  if (file.length < SHP_HEADER_BYTES) {
    throw new LayerFileError(`${base}.shp is too short to be a shapefile`, {
      code: 'shpTooShort',
      params: { layer: base },
    });
  }
  const budget = { pairs: 0 };
  const walk = walkShpRecords(file, SHP_HEADER_BYTES, 0, base, budget);
  const oversized: ShpRecords['damaged'] = walk.oversized.map(({ index, parts }) => ({
    index,
    reason: tooManyParts(base, index, parts),
  }));
  const indexed = shx && shx.length >= SHP_HEADER_BYTES ? Math.floor((shx.length - SHP_HEADER_BYTES) / 8) : null;
  let whole: unknown[] | null = null;
  let failure = '';
  try {
    // Up to the damaged header, if any: shpjs would stop there (or throw, on a negative length).
    whole = parseSegment(file, SHP_HEADER_BYTES, walk.damage === null ? file.length : walk.end, walk.oversized);
  } catch (error) {
    failure = (error as Error).message;
  }
  if (indexed !== null && shx !== undefined && (whole === null || whole.length < indexed)) {
    return readByIndex(file, shx, indexed, base, oversized);
  }
  if (whole === null) {
    throw new LayerFileError(
      `${base}.shp cannot be read (${failure}) and has no .shx index to recover the other records`,
      { code: 'shpUnreadable', params: { layer: base, detail: failure } },
    );
  }
  if (walk.damage === null) return { geometries: whole, damaged: oversized, breaks: [] };
  return readOnAfterDamage(file, base, whole, oversized, walk, budget);
}

/**
 * Reading on without an index from the damaged header where `walk` ended, `geometries` (the records before it) and
 * `damaged` filled on: each damaged header is followed by the next record that can be trusted, the records in
 * between skipped and reported, until the end of the file or a damaged header after which none can be found.
 */
function readOnAfterDamage(
  shp: Uint8Array,
  base: string,
  geometries: unknown[],
  damaged: ShpRecords['damaged'],
  firstWalk: RecordWalk,
  budget: { pairs: number },
): ShpRecords {
  const breaks: ShpBreak[] = [];
  let walk = firstWalk;
  let brokenIndex = walk.count;
  while (walk.damage !== null) {
    const damage = walk.damage;
    const found = findNextRecord(shp, walk.end, brokenIndex);
    if (found === null) {
      breaks.push({ record: brokenIndex + 1, damage, resumedAt: null });
      break;
    }
    breaks.push({ record: brokenIndex + 1, damage, resumedAt: found.index + 1 });
    for (let index = brokenIndex; index < found.index; index++) {
      geometries.push(null);
      damaged.push({
        index,
        reason:
          index === brokenIndex
            ? `${base}.shp record ${index + 1} is damaged (${describeShpDamage(damage)}): skipped`
            : `${base}.shp record ${index + 1} is lost in the damaged bytes after record ${brokenIndex + 1}: skipped`,
      });
    }
    walk = walkShpRecords(shp, found.offset, found.index, base, budget);
    let segment: unknown[];
    try {
      segment = parseSegment(shp, found.offset, walk.end, walk.oversized);
    } catch (error) {
      const detail = (error as Error).message;
      throw new LayerFileError(
        `${base}.shp cannot be read (${detail}) and has no .shx index to recover the other records`,
        { code: 'shpUnreadable', params: { layer: base, detail } },
      );
    }
    // One by one: spreading a million records into push() would overflow the call stack.
    for (const geometry of segment) geometries.push(geometry);
    for (const { index, parts } of walk.oversized) damaged.push({ index, reason: tooManyParts(base, index, parts) });
    brokenIndex = found.index + walk.count;
  }
  return { geometries, damaged, breaks };
}

/** Every record the .shx index lists, read on its own from its indexed place; damaged ones skipped and reported. */
function readByIndex(
  shp: Uint8Array,
  shx: Uint8Array,
  indexed: number,
  base: string,
  oversized: ShpRecords['damaged'],
): ShpRecords {
  if (indexed > MAX_SHP_RECORDS) throw tooManyRecords(base);
  const shxView = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
  const geometries: unknown[] = [];
  const damaged: ShpRecords['damaged'] = [];
  const budget = { pairs: 0 };
  for (let index = 0; index < indexed; index++) {
    const offset = shxView.getInt32(SHP_HEADER_BYTES + index * 8, false) * 2;
    const length = shxView.getInt32(SHP_HEADER_BYTES + index * 8 + 4, false) * 2;
    const reason = readOneRecord(shp, offset, length, geometries, index, base, budget);
    if (reason !== null) {
      geometries.push(null);
      damaged.push({
        index,
        reason:
          typeof reason === 'string'
            ? `${base}.shp record ${index + 1} is damaged (${reason}): skipped`
            : reason.skipped,
      });
    }
  }
  const seen = new Set(damaged.map((loss) => loss.index));
  damaged.push(...oversized.filter((loss) => !seen.has(loss.index)));
  damaged.sort((a, b) => a.index - b.index);
  return { geometries, damaged, breaks: [] };
}

/**
 * Parses the record at `offset` (header included) as a one-record file; pushes it, or returns why it cannot (a record
 * of too many parts among the reasons, the parts counted into `budget` as boundShpRecords does).
 */
function readOneRecord(
  shp: Uint8Array,
  offset: number,
  length: number,
  out: unknown[],
  index: number,
  base: string,
  budget: { pairs: number },
): string | { skipped: string } | null {
  if (offset < SHP_HEADER_BYTES || length < 4 || offset + 8 + length > shp.length) {
    return 'its index entry points outside the file';
  }
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(offset + 4, false) * 2 !== length) return "its length does not match the index's";
  const parts = partsOf(view, offset, length);
  if (parts > MAX_SHP_PARTS) return { skipped: tooManyParts(base, index, parts) };
  budget.pairs += parts * parts;
  if (budget.pairs > MAX_SHP_PART_PAIRS) throw tooManyPairs(base);
  const single = new Uint8Array(SHP_HEADER_BYTES + 8 + length);
  single.set(shp.subarray(0, SHP_HEADER_BYTES));
  single.set(shp.subarray(offset, offset + 8 + length), SHP_HEADER_BYTES);
  new DataView(single.buffer).setInt32(24, single.length / 2, false);
  try {
    const rows = parseShp(single) as unknown[];
    if (rows.length !== 1) return 'it does not parse as one shape';
    out.push(rows[0]);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
