import {
  COLUMN_FILE_MAGIC,
  COLUMN_TYPES,
  type ColumnArray,
  type ColumnFileHeader,
  type ColumnType,
} from './columnFile';

/**
 * A column file (see columnFile) of `columns` in the given order, with `meta` in its header. The same inputs give the
 * same bytes (JSON in insertion order, zero padding), so derived files stay deterministic. Little-endian platforms
 * only (every browser and Node target): the arrays are copied as they are in memory.
 */
export function encodeColumnFile(
  kind: string,
  meta: Record<string, unknown>,
  columns: Record<string, ColumnArray>,
): Uint8Array {
  const entries = Object.entries(columns).map(([name, array]) => ({ name, array, type: columnType(array) }));
  // Offsets depend on the header's length and the header lists them: settle the header's length first.
  let headerLength = 0;
  let header: ColumnFileHeader;
  let headerBytes: Uint8Array;
  for (;;) {
    let offset = align8(8 + headerLength);
    header = {
      format: 'cosite-columns',
      version: 1,
      kind,
      meta,
      columns: entries.map(({ name, array, type }) => {
        const column = { name, type, length: array.length, offset };
        offset = align8(offset + array.byteLength);
        return column;
      }),
    };
    headerBytes = new TextEncoder().encode(JSON.stringify(header));
    if (headerBytes.length <= headerLength) break;
    headerLength = headerBytes.length;
  }
  const last = header.columns[header.columns.length - 1];
  const size = last ? align8(last.offset + entries[entries.length - 1].array.byteLength) : align8(8 + headerLength);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < 4; i++) bytes[i] = COLUMN_FILE_MAGIC.charCodeAt(i);
  new DataView(bytes.buffer).setUint32(4, headerLength, true);
  bytes.set(headerBytes, 8);
  // Spaces pad the header to the length its offsets assume.
  bytes.fill(0x20, 8 + headerBytes.length, 8 + headerLength);
  header.columns.forEach((column, k) => {
    const array = entries[k].array;
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), column.offset);
  });
  return bytes;
}

function align8(value: number): number {
  return Math.ceil(value / 8) * 8;
}

function columnType(array: ColumnArray): ColumnType {
  for (const [type, ArrayType] of Object.entries(COLUMN_TYPES)) {
    if (array instanceof ArrayType) return type as ColumnType;
  }
  throw new TypeError('not a supported typed array');
}
