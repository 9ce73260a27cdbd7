import { parseShp } from 'shpjs';
import { LayerFileError } from './layerFileError';

export interface ShpRecords {
  /** One entry per record, in file order: the parsed geometry (null for a null shape), or null when damaged. */
  geometries: unknown[];
  /** Records that could not be read: their 0-based index and why. */
  damaged: { index: number; reason: string }[];
}

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

/**
 * The .shp with every record of more than MAX_SHP_PARTS parts turned into a null shape (in a copy), and those records;
 * throws past MAX_SHP_RECORDS records or MAX_SHP_PART_PAIRS. One pass over the record headers; a damaged one ends the
 * pass (the reading below deals with it).
 */
function boundShpRecords(shp: Uint8Array, base: string): { shp: Uint8Array; oversized: ShpRecords['damaged'] } {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const oversized: ShpRecords['damaged'] = [];
  let bounded = shp;
  let index = 0;
  let pairs = 0;
  for (let offset = SHP_HEADER_BYTES; offset + 8 <= shp.length; index++) {
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    if (contentBytes < 0 || offset + 8 + contentBytes > shp.length) break;
    if (index >= MAX_SHP_RECORDS) throw tooManyRecords(base);
    const parts = partsOf(view, offset, contentBytes);
    if (parts > MAX_SHP_PARTS) {
      if (bounded === shp) bounded = shp.slice();
      new DataView(bounded.buffer).setInt32(offset + 8, 0, true);
      oversized.push({ index, reason: tooManyParts(base, index, parts) });
    } else {
      pairs += parts * parts;
      if (pairs > MAX_SHP_PART_PAIRS) throw tooManyPairs(base);
    }
    offset += 8 + contentBytes;
  }
  return { shp: bounded, oversized };
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
 * header makes it stop (every later record lost) or throw. The .shx index gives each record's offset and length, so
 * when shpjs fails or returns fewer records than the index lists, each record is read on its own from its indexed
 * place and a damaged one is skipped and reported, the rest kept. Without a .shx a damaged file cannot be recovered.
 * A record of more than MAX_SHP_PARTS parts is skipped and reported the same way; more than MAX_SHP_RECORDS records
 * are refused.
 */
export function readShpRecords(file: Uint8Array, shx: Uint8Array | undefined, base: string): ShpRecords {
  if (file.length < SHP_HEADER_BYTES) {
    throw new LayerFileError(`${base}.shp is too short to be a shapefile`, {
      code: 'shpTooShort',
      params: { layer: base },
    });
  }
  const { shp, oversized } = boundShpRecords(file, base);
  const indexed = shx && shx.length >= SHP_HEADER_BYTES ? Math.floor((shx.length - SHP_HEADER_BYTES) / 8) : null;
  let whole: unknown[] | null = null;
  let failure = '';
  try {
    whole = parseShp(shp) as unknown[];
  } catch (error) {
    failure = (error as Error).message;
  }
  if (whole !== null && (indexed === null || whole.length >= indexed)) return { geometries: whole, damaged: oversized };
  if (indexed === null || shx === undefined) {
    throw new LayerFileError(
      `${base}.shp cannot be read (${failure}) and has no .shx index to recover the other records`,
      { code: 'shpUnreadable', params: { layer: base, detail: failure } },
    );
  }
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
  return { geometries, damaged };
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

/**
 * A .dbf whose header claims more records than its length holds (5 million for five, in a hostile file) would be read
 * record by record past its end: the count is cut to the records really there, and the difference reported.
 */
export function boundDbfRecordCount(
  dbf: Uint8Array,
  base: string,
): { dbf: Uint8Array; warning: string | null; declared?: number; real?: number } {
  if (dbf.length < 12) return { dbf, warning: null };
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const declared = view.getUint32(4, true);
  const headerBytes = view.getUint16(8, true);
  const recordBytes = view.getUint16(10, true);
  const real = recordBytes === 0 ? 0 : Math.max(0, Math.floor((dbf.length - headerBytes) / recordBytes));
  if (declared <= real) return { dbf, warning: null };
  const bounded = dbf.slice();
  new DataView(bounded.buffer).setUint32(4, real, true);
  return {
    dbf: bounded,
    warning: `${base}.dbf declares ${declared.toLocaleString('en')} records but holds ${real.toLocaleString('en')}: ${real.toLocaleString('en')} read`,
    declared,
    real,
  };
}
