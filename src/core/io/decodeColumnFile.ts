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
  if (header.format !== 'cosite-columns' || header.version !== 1) throw fail('unknown column file version');
  const columns: Record<string, ColumnArray> = {};
  for (const { name, type, length, offset } of header.columns) {
    const ArrayType = COLUMN_TYPES[type];
    if (!ArrayType) throw fail(`column ${name}: unknown type ${type}`);
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
