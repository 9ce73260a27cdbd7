import { COLUMN_TYPES, type ColumnArray, type ColumnFileHeader, isColumnFile } from './columnFile';
import { InputFileError } from './inputFileError';

export interface DecodedColumnFile {
  kind: string;
  meta: Record<string, unknown>;
  /** Views on the file's buffer (no copy) when the columns are aligned in it, else copies. */
  columns: Record<string, ColumnArray>;
}

/**
 * The columns of a column file (see columnFile). Throws InputFileError naming `fileName` when the bytes are not one,
 * or a column runs past the end.
 */
export function decodeColumnFile(bytes: Uint8Array, fileName = 'column file'): DecodedColumnFile {
  const fail = (reason: string) => new InputFileError(fileName, reason);
  if (!isColumnFile(bytes)) throw fail('not a CoSite column file (no CSCF magic)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw fail('the header runs past the end of the file');
  let header: ColumnFileHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw fail('the header is not JSON');
  }
  if (header === null || typeof header !== 'object' || header.format !== 'cosite-columns' || header.version !== 1) {
    throw fail('unknown column file version');
  }
  if (!Array.isArray(header.columns)) throw fail('the header lists no columns');
  if (header.meta === null || typeof header.meta !== 'object') throw fail('the header has no meta object');
  const columns: Record<string, ColumnArray> = {};
  for (const { name, type, length, offset } of header.columns) {
    const ArrayType = Object.hasOwn(COLUMN_TYPES, type) ? COLUMN_TYPES[type] : undefined;
    if (!ArrayType) throw fail(`column ${name}: unknown type ${type}`);
    // A length or offset that is not a count of bytes would make a typed array throw (or view the wrong bytes).
    if (!Number.isSafeInteger(length) || length < 0) throw fail(`column ${name}: length ${length} is not a count`);
    if (!Number.isSafeInteger(offset) || offset < 8 + headerLength) {
      throw fail(`column ${name}: offset ${offset} is not past the header`);
    }
    const byteLength = length * ArrayType.BYTES_PER_ELEMENT;
    if (offset + byteLength > bytes.length) throw fail(`column ${name} runs past the end of the file`);
    const start = bytes.byteOffset + offset;
    columns[name] =
      start % ArrayType.BYTES_PER_ELEMENT === 0
        ? new ArrayType(bytes.buffer as ArrayBuffer, start, length)
        : new ArrayType(bytes.slice(offset, offset + byteLength).buffer);
  }
  return { kind: header.kind, meta: header.meta, columns };
}
