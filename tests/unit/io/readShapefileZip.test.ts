import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { describeWorded } from '../../../src/app/import/describeInputProblem';
import { boundDbfRecords, MAX_DBF_HEADER_BYTES } from '../../../src/core/io/boundDbfRecords';
import { inflateEntryPrefix } from '../../../src/core/io/inflateEntryPrefix';
import { LayerFileError } from '../../../src/core/io/layerFileError';
import { readShapefileZip } from '../../../src/core/io/readShapefileZip';
import { readCentralDirectory } from '../../../src/core/io/readZipDirectory';
import type { InputProblem } from '../../../src/core/model/tower';
import { wordedOf } from '../../../src/core/model/wordedMessage';
import { shapefileDbfLyingCount, shapefileZip } from '../../fixtures/hostile/makeHostileFiles';

// The DBF parser, watched: what it is handed tells how much work a lying header can make it do.
const dbfParser = vi.hoisted(() => ({ recordsHanded: [] as number[], bytesHanded: [] as number[] }));
vi.mock('shpjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('shpjs')>();
  return {
    ...actual,
    parseDbf: (dbf: Uint8Array, encoding?: string) => {
      dbfParser.recordsHanded.push(new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint32(4, true));
      dbfParser.bytesHanded.push(dbf.byteLength);
      return actual.parseDbf(dbf, encoding);
    },
  };
});
beforeEach(() => {
  dbfParser.recordsHanded.length = 0;
  dbfParser.bytesHanded.length = 0;
});

const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]]';
const POINT_RECORD_BYTES = 28;
const SHP_HEADER_BYTES = 100;

/** A point .shp and its .shx (record i at 100 + 28 i: number, length in 16-bit words, then type 1, x, y). */
function pointShapefile(count: number): { shp: Uint8Array; shx: Uint8Array } {
  const shp = new Uint8Array(SHP_HEADER_BYTES + count * POINT_RECORD_BYTES);
  const shx = new Uint8Array(SHP_HEADER_BYTES + count * 8);
  for (const [file, view] of [shp, shx].map((bytes) => [bytes, new DataView(bytes.buffer)] as const)) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, file.length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, 1, true);
  }
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  for (let i = 0; i < count; i++) {
    const at = SHP_HEADER_BYTES + i * POINT_RECORD_BYTES;
    shpView.setInt32(at, i + 1, false);
    shpView.setInt32(at + 4, 10, false);
    shpView.setInt32(at + 8, 1, true);
    shpView.setFloat64(at + 12, 108.1 + i * 1e-3, true);
    shpView.setFloat64(at + 20, 16.0 + i * 1e-3, true);
    shxView.setInt32(SHP_HEADER_BYTES + i * 8, at / 2, false);
    shxView.setInt32(SHP_HEADER_BYTES + i * 8 + 4, 10, false);
  }
  return { shp, shx };
}

interface DbfField {
  name: string;
  type: 'C' | 'N';
  bytes: number;
}
const TOWER_FIELDS: DbfField[] = [
  { name: 'id', type: 'C', bytes: 20 },
  { name: 'operator', type: 'C', bytes: 20 },
  { name: 'height_m', type: 'N', bytes: 8 },
];
const towerRows = (count: number) => Array.from({ length: count }, (_, i) => [`P${i}`, 'Viettel', '30']);

/** A dBase III file: header, descriptors, terminator, records; `declared` and `recordBytes` may lie. */
function dbfFile(
  fields: DbfField[],
  rows: string[][],
  lies: { declared?: number; recordBytes?: number; tail?: Uint8Array } = {},
): Uint8Array {
  const headerBytes = 32 + 32 * fields.length + 1;
  const recordBytes = 1 + fields.reduce((sum, field) => sum + field.bytes, 0);
  const records = rows.map((row) =>
    [
      ' ',
      ...fields.map((field, i) => (field.type === 'N' ? row[i].padStart(field.bytes) : row[i].padEnd(field.bytes))),
    ].join(''),
  );
  const body = strToU8(records.join(''));
  const tail = lies.tail ?? new Uint8Array([0x1a]);
  const out = new Uint8Array(headerBytes + body.length + tail.length);
  const view = new DataView(out.buffer);
  out[0] = 3;
  view.setUint32(4, lies.declared ?? rows.length, true);
  view.setUint16(8, headerBytes, true);
  view.setUint16(10, lies.recordBytes ?? recordBytes, true);
  fields.forEach((field, i) => {
    out.set(strToU8(field.name), 32 + i * 32);
    out[32 + i * 32 + 11] = field.type.charCodeAt(0);
    out[32 + i * 32 + 16] = field.bytes;
  });
  out[headerBytes - 1] = 0x0d;
  out.set(body, headerBytes);
  out.set(tail, headerBytes + body.length);
  return out;
}

/** A zipped layer `t` of 20 points, attributes and .prj, with parts replaced or left out (undefined). */
function layerZip(parts: Partial<Record<'shp' | 'shx' | 'dbf' | 'prj', Uint8Array | undefined>> = {}): Uint8Array {
  const { shp, shx } = pointShapefile(20);
  const all = { shp, shx, dbf: dbfFile(TOWER_FIELDS, towerRows(20)), prj: strToU8(WGS84_PRJ), ...parts };
  const entries: Record<string, Uint8Array> = {};
  for (const [extension, bytes] of Object.entries(all)) if (bytes) entries[`t.${extension}`] = bytes;
  return zipSync(entries, { level: 9 });
}

const codes = (problems: InputProblem[]) => problems.map((problem) => problem.code);
const noteOf = (problems: InputProblem[], code: string) => problems.find((problem) => problem.code === code);
const ids = (result: ReturnType<typeof readShapefileZip>) => result.features.map((feature) => feature.properties?.id);

describe('a .dbf whose header lies about its records (audit: shp_dbf_bomb, shp_dbf_reclen1)', () => {
  it('refuses records shorter than their fields, with a worded code (1-byte records, a 254-byte field: 17 s, 1.5 GB)', () => {
    const dbf = dbfFile([{ name: 'id', type: 'C', bytes: 254 }], [], {
      declared: 0xffffffff,
      recordBytes: 1,
      tail: new Uint8Array(4000).fill(0x41),
    });
    let error: unknown;
    try {
      readShapefileZip(layerZip({ dbf }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LayerFileError);
    expect(wordedOf(error)).toEqual({
      reason: 't.dbf is damaged: its header says each record is 1 byte long, but its fields take 255; not read',
      code: 'dbfRecordTooShort',
      params: { layer: 't', recordBytes: 1, fieldBytes: 255 },
    });
    expect(describeWorded(wordedOf(error), 'vi', true)).toBe(
      't.dbf bị hỏng: phần đầu tệp ghi mỗi bản ghi dài 1 byte, nhưng các trường của nó cần 255 byte; tệp không được đọc',
    );
    expect(dbfParser.recordsHanded).toEqual([]);
  });

  it('hands the parser no more records than there are shapes (4 billion declared, 512 KiB held: 200 MiB took 2.5 GB, over 60 s)', () => {
    const filler = new Uint8Array(512 * 1024);
    for (let i = 0; i < filler.length; i += 2) filler.set([0x20, 0x41], i);
    const dbf = dbfFile([{ name: 'id', type: 'C', bytes: 1 }], [], { declared: 0xffffffff, tail: filler });
    const zip = layerZip({ dbf });
    expect(zip.length).toBeLessThan(20_000);
    const result = readShapefileZip(zip);
    expect(result.features).toHaveLength(20);
    expect(result.features.every((feature) => feature.properties?.id === 'A')).toBe(true);
    // The header and 20 records of 2 bytes, and nothing after.
    expect(dbfParser.recordsHanded).toEqual([20]);
    expect(dbfParser.bytesHanded).toEqual([65 + 20 * 2]);
    expect(result.warnings).toEqual([
      {
        row: 0,
        reason: 't: 20 shapes but 4,294,967,295 attribute records; extra records ignored',
        code: 'shapefileRecordCounts',
        params: { layer: 't', shapes: 20, records: 0xffffffff },
      },
    ]);
  });

  it('inflates only the head of the .dbf: the header, then the records of the shapes and one more', () => {
    const filler = new Uint8Array(1024 * 1024).fill(0x41);
    const dbf = dbfFile([{ name: 'id', type: 'C', bytes: 100 }], [], { declared: 0xffffffff, tail: filler });
    const zip = zipSync({ 't.dbf': dbf }, { level: 9 });
    const [entry] = readCentralDirectory(zip);
    const asked: number[] = [];
    const inflated: number[] = [];
    const bounded = boundDbfRecords(
      (keepBytes) => {
        asked.push(keepBytes);
        const prefix = inflateEntryPrefix(zip, entry, keepBytes);
        inflated.push(prefix.data.length);
        return prefix;
      },
      1000,
      't',
    );
    // 1,001 records of 101 bytes after the 65-byte header are more than the header's read: a second, longer read.
    expect(asked).toEqual([MAX_DBF_HEADER_BYTES, 65 + 1001 * 101]);
    expect(inflated).toEqual(asked);
    expect(bounded).toMatchObject({
      declaredRecords: 0xffffffff,
      heldRecords: null,
      records: 0xffffffff,
      readRecords: 1000,
    });
    expect(bounded.dbf.length).toBe(65 + 1000 * 101);
    expect(new DataView(bounded.dbf.buffer).getUint32(4, true)).toBe(1000);
  });

  it('inflateEntryPrefix says whether it read the whole entry', () => {
    const zip = zipSync({ 'a.dbf': new Uint8Array(5000).fill(7), 'b.dbf': new Uint8Array(10) }, { level: 9 });
    const [big, small] = readCentralDirectory(zip);
    expect(inflateEntryPrefix(zip, big, 100)).toMatchObject({ whole: false });
    expect(inflateEntryPrefix(zip, big, 100).data).toEqual(new Uint8Array(100).fill(7));
    expect(inflateEntryPrefix(zip, big, 5000)).toMatchObject({ whole: true });
    expect(inflateEntryPrefix(zip, small, 100)).toEqual({ data: new Uint8Array(10), whole: true });
  });

  it('still reads a .dbf that declares more records than it holds for those it holds', () => {
    const result = readShapefileZip(layerZip({ dbf: dbfFile(TOWER_FIELDS, towerRows(20), { declared: 5_000_000 }) }));
    expect(result.features).toHaveLength(20);
    expect(result.warnings.map((warning) => warning.reason)).toEqual([
      't.dbf declares 5,000,000 records but holds 20: 20 read',
    ]);
    expect(dbfParser.recordsHanded).toEqual([20]);
  });
});

describe('a damaged .shp record without a .shx (audit: shp_damaged_no_shx lost 15 masts without a word)', () => {
  /** The 20-point .shp with record `number`'s content length set to `words` (16-bit words). */
  function damagedShp(number: number, words: number): Uint8Array {
    const { shp } = pointShapefile(20);
    new DataView(shp.buffer).setInt32(SHP_HEADER_BYTES + (number - 1) * POINT_RECORD_BYTES + 4, words, false);
    return shp;
  }

  it('reads on from the next intact record, the damaged one rejected and the resumption noted', () => {
    const result = readShapefileZip(layerZip({ shp: damagedShp(6, 9999), shx: undefined }));
    expect(result.features).toHaveLength(19);
    expect(ids(result)).toEqual(
      towerRows(20)
        .map(([id]) => id)
        .filter((id) => id !== 'P5'),
    );
    expect(result.rejected).toEqual([
      {
        row: 6,
        field: 'geometry',
        reason: 't.shp record 6 is damaged (its length runs past the end of the file): skipped',
      },
    ]);
    expect(result.warnings).toEqual([
      {
        row: 0,
        reason:
          't.shp record 6 is damaged (its length runs past the end of the file): reading resumed at record 7, the ' +
          'next intact one (found by its record number); record 6 skipped',
        code: 'shpReadResumed',
        params: { layer: 't', record: 6, damage: 'pastEnd', resumedAt: 7 },
      },
    ]);
    expect(describeWorded(result.warnings[0], 'vi')).toBe(
      't.shp: bản ghi 6 bị hỏng (độ dài ghi trong đầu bản ghi vượt quá cuối tệp): đọc tiếp từ bản ghi 7, bản ghi ' +
        'nguyên vẹn tiếp theo (tìm theo số thứ tự bản ghi); bỏ qua bản ghi 6',
    );
  });

  it('skips every record swallowed by the damage, keeping the attributes in step', () => {
    const shp = damagedShp(6, -1);
    // Record 7's header is garbage too: the next one to trust is record 8.
    new DataView(shp.buffer).setInt32(SHP_HEADER_BYTES + 6 * POINT_RECORD_BYTES, 0x7fff_0000, false);
    const result = readShapefileZip(layerZip({ shp, shx: undefined }));
    expect(result.features).toHaveLength(18);
    expect(result.features[5].properties?.id).toBe('P7');
    expect(result.rejected.map((problem) => [problem.row, problem.reason])).toEqual([
      [6, 't.shp record 6 is damaged (its length is negative): skipped'],
      [7, 't.shp record 7 is lost in the damaged bytes after record 6: skipped'],
    ]);
    expect(noteOf(result.warnings, 'shpReadResumed')?.params).toEqual({
      layer: 't',
      record: 6,
      damage: 'negativeLength',
      resumedAt: 8,
    });
    expect(describeWorded(noteOf(result.warnings, 'shpReadResumed') as InputProblem, 'vi')).toMatch(
      /bỏ qua các bản ghi 6 đến 7$/,
    );
  });

  it('says where reading stopped and how many attribute records were left without a shape (a cut .shp)', () => {
    // Cut in the middle of record 6: no record after it.
    const shp = pointShapefile(20).shp.slice(0, SHP_HEADER_BYTES + 5 * POINT_RECORD_BYTES + 12);
    const result = readShapefileZip(layerZip({ shp, shx: undefined }));
    expect(result.features).toHaveLength(5);
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([
      {
        row: 0,
        reason:
          't.shp stops at record 6, which is damaged (its length runs past the end of the file), and no record ' +
          'after it could be found: 5 shapes read, 15 attribute records left without a shape',
        code: 'shpReadStopped',
        params: { layer: 't', record: 6, damage: 'pastEnd', shapes: 5, unmatched: 15 },
      },
    ]);
    expect(describeWorded(result.warnings[0], 'vi')).toBe(
      't.shp dừng ở bản ghi 6, bản ghi này bị hỏng (độ dài ghi trong đầu bản ghi vượt quá cuối tệp) và không tìm ' +
        'thấy bản ghi nào sau nó: đọc được 5 hình, 15 bản ghi thuộc tính không có hình',
    );
  });

  it('does not resume at a record whose number is out of step (renumbered records are not trusted)', () => {
    const shp = damagedShp(3, 9999);
    const view = new DataView(shp.buffer);
    for (let i = 3; i < 20; i++) view.setInt32(SHP_HEADER_BYTES + i * POINT_RECORD_BYTES, 1, false);
    const result = readShapefileZip(layerZip({ shp, shx: undefined, dbf: undefined }));
    expect(result.features).toHaveLength(2);
    expect(codes(result.warnings)).toEqual(['shapefileNoDbf', 'shpReadStopped']);
    expect(noteOf(result.warnings, 'shpReadStopped')?.reason).toBe(
      't.shp stops at record 3, which is damaged (its length runs past the end of the file), and no record after ' +
        'it could be found: 2 shapes read',
    );
  });

  it('with a .shx, still reads each record from its indexed place (no note: the row says it)', () => {
    const result = readShapefileZip(layerZip({ shp: damagedShp(6, 9999) }));
    expect(result.features).toHaveLength(19);
    expect(result.rejected.map((problem) => problem.row)).toEqual([6]);
    expect(result.warnings).toEqual([]);
  });
});

describe('shapefiles as CoSite writes them', () => {
  it('read whole, the .dbf parsed for its records only, and a lying count reported as before', () => {
    const result = readShapefileZip(shapefileZip());
    expect(ids(result)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(result.features[0].properties).toMatchObject({ operator: 'Viettel', height_m: 30 });
    expect(result.warnings).toEqual([]);
    const lying = readShapefileZip(shapefileDbfLyingCount());
    expect(ids(lying)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(lying.warnings.map((warning) => warning.reason)).toEqual([
      'towers.dbf declares 5,000,000 records but holds 5: 5 read',
    ]);
    expect(dbfParser.recordsHanded).toEqual([5, 5]);
  });
});

describe('shapefile notes', () => {
  it('a .prj not understood is said once, not also as a missing .prj', () => {
    const result = readShapefileZip(layerZip({ prj: strToU8('garbage [[[ not wkt') }));
    expect(codes(result.warnings)).toEqual(['shapefilePrjUnknown']);
    expect(codes(readShapefileZip(layerZip({ prj: undefined })).warnings)).toEqual(['shapefileNoPrj']);
  });

  it('fewer attribute records than shapes leave the last shapes without attributes; more are ignored', () => {
    const fewer = readShapefileZip(layerZip({ dbf: dbfFile(TOWER_FIELDS, towerRows(15)) }));
    expect(fewer.warnings).toEqual([
      {
        row: 0,
        reason: 't: 20 shapes but 15 attribute records; the last 5 shapes have no attributes',
        code: 'shapefileFewerRecords',
        params: { layer: 't', shapes: 20, records: 15, missing: 5 },
      },
    ]);
    expect(describeWorded(fewer.warnings[0], 'vi')).toBe(
      't: 20 hình nhưng chỉ có 15 bản ghi thuộc tính; 5 hình cuối không có thuộc tính',
    );
    const more = readShapefileZip(layerZip({ dbf: dbfFile(TOWER_FIELDS, towerRows(25)) }));
    expect(more.warnings.map((warning) => [warning.code, warning.reason])).toEqual([
      ['shapefileRecordCounts', 't: 20 shapes but 25 attribute records; extra records ignored'],
    ]);
    expect(dbfParser.recordsHanded).toEqual([15, 20]);
  });
});
