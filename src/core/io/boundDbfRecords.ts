import type { EntryPrefix } from './inflateEntryPrefix';
import { LayerFileError } from './layerFileError';

/** A .dbf cut to the records a layer uses, and what its header says against what it holds. */
export interface BoundedDbf {
  /** A copy of the header and of the records to read, its record count set to them: what the DBF parser is given. */
  dbf: Uint8Array;
  /** Records the header declares. */
  declaredRecords: number;
  /** Records the file holds by its length; null when it holds more than were inflated to look (more than the shapes). */
  heldRecords: number | null;
  /** Attribute records of the file, as far as known: the held ones when known, else the declared ones. */
  records: number;
  /** Records handed to the parser: at most the shapes, the declared and the held records. */
  readRecords: number;
}

/**
 * Bytes of the largest header the DBF parser (parsedbf) reads: it reads 32-byte field descriptors while their offset
 * is below the 16-bit header length less one, and looks at the byte after each for the terminator.
 */
export const MAX_DBF_HEADER_BYTES = 0xffff + 32;
const DBF_FIELD_DESCRIPTOR_BYTES = 32;
const DBF_HEADER_TERMINATOR = 0x0d;

/**
 * The .dbf of a layer of `shapes` shapes, cut to the records those shapes use, from `readPrefix` (the file's first
 * bytes, inflated on demand). The parser reads as many records as the header declares, each `recLen` bytes after the
 * last, and every field of each: a header that declares 4 billion records of 2 bytes (a 205 KB zip of a 200 MiB .dbf)
 * made it parse 100 million records (2.5 GB, over a minute), and one whose records are 1 byte long but whose field is
 * 254 made each record read 254 bytes (4 million records, 1.5 GB, 17 s). So a record length shorter than the deletion
 * flag and the fields is refused (the file is damaged: its fields would overlap), and no more than `shapes` records
 * (one more is inflated, to know whether the file holds more) are inflated or handed to the parser: records without
 * a shape are never used. The held records are counted from the file's length, after the header, as before.
 * Throws LayerFileError `dbfRecordTooShort`.
 */
export function boundDbfRecords(readPrefix: (bytes: number) => EntryPrefix, shapes: number, base: string): BoundedDbf {
  const head = readPrefix(MAX_DBF_HEADER_BYTES);
  if (head.data.length < 12) {
    // Too short for a header: the parser refuses it (dbfUnreadable), reading no record.
    return { dbf: head.data.slice(), declaredRecords: 0, heldRecords: 0, records: 0, readRecords: 0 };
  }
  const headView = new DataView(head.data.buffer, head.data.byteOffset, head.data.byteLength);
  const declaredRecords = headView.getUint32(4, true);
  const headerBytes = headView.getUint16(8, true);
  const recordBytes = headView.getUint16(10, true);
  // The field descriptors as the parser walks them (dbfRowHeader in parsedbf), to know what each record must hold.
  let fields = 0;
  let fieldBytes = 0;
  let descriptorsCut = false;
  for (let at = DBF_FIELD_DESCRIPTOR_BYTES; at < headerBytes - 1; at += DBF_FIELD_DESCRIPTOR_BYTES) {
    if (at + DBF_FIELD_DESCRIPTOR_BYTES >= head.data.length) {
      descriptorsCut = true;
      break;
    }
    fields++;
    fieldBytes += head.data[at + 16];
    if (head.data[at + DBF_FIELD_DESCRIPTOR_BYTES] === DBF_HEADER_TERMINATOR) break;
  }
  if (descriptorsCut) {
    // The parser reads past the end of these descriptors and refuses the file (dbfUnreadable): no record is read.
    const dbf = head.data.slice();
    new DataView(dbf.buffer).setUint32(4, 0, true);
    return { dbf, declaredRecords, heldRecords: 0, records: 0, readRecords: 0 };
  }
  // Each record is a deletion flag and then the fields, one after another.
  const neededRecordBytes = 1 + fieldBytes;
  if (recordBytes < neededRecordBytes) {
    throw new LayerFileError(
      `${base}.dbf is damaged: its header says each record is ${recordBytes} ${recordBytes === 1 ? 'byte' : 'bytes'} ` +
        `long, but its fields take ${neededRecordBytes}; not read`,
      { code: 'dbfRecordTooShort', params: { layer: base, recordBytes, fieldBytes: neededRecordBytes } },
    );
  }
  // Where the parser reads the first record (after the descriptors and the terminator), whatever the header length
  // says; the records are counted from the header length, or from there when that is further.
  const recordsStartBytes = Math.max(headerBytes, (fields + 1) * DBF_FIELD_DESCRIPTOR_BYTES + 1);
  const keptRecords = Math.min(declaredRecords, shapes + 1);
  const keptBytes = recordsStartBytes + keptRecords * recordBytes;
  const prefix = keptBytes <= head.data.length ? head : readPrefix(keptBytes);
  const heldRecords = prefix.whole
    ? Math.max(0, Math.floor((prefix.data.length - recordsStartBytes) / recordBytes))
    : null;
  const records = heldRecords === null ? declaredRecords : Math.min(declaredRecords, heldRecords);
  const readRecords = Math.min(records, shapes);
  // A copy of its own: the parser slices the underlying buffer, so a view into a larger one would let it read on.
  const dbf = prefix.data.slice(0, Math.min(prefix.data.length, recordsStartBytes + readRecords * recordBytes));
  new DataView(dbf.buffer).setUint32(4, readRecords, true);
  return { dbf, declaredRecords, heldRecords, records, readRecords };
}
