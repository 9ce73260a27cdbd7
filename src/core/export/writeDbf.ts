import { normalizeColumnName } from '../io/towerFields';

export interface DbfTable {
  /** The .dbf bytes (dBase III, text in UTF-8: write a .cpg saying so). */
  dbf: Uint8Array;
  /** The 10-character field name given to each property key, in column order. */
  fieldNames: { short: string; original: string }[];
  /** Values cut to the 254-byte limit of a text field, as "key (row N)". */
  truncated: string[];
}

type Column = { key: string; short: string; type: 'N' | 'L' | 'C'; length: number; decimals: number };

const MAX_TEXT_BYTES = 254;
const MAX_NUMBER_WIDTH = 24;
const encoder = new TextEncoder();

/**
 * A dBase table of the features' properties, one record per feature, for a shapefile. Columns are typed from their
 * values: all numbers -> N (each written as JavaScript prints it, so it reads back exactly), all booleans -> L, anything
 * else -> C (UTF-8 text, at most 254 bytes; lists and objects as JSON). Field names hold 10 ASCII characters: names are
 * reduced (diacritics removed, cut, made unique) and the mapping returned for a sidecar file.
 */
export function writeDbf(rows: readonly Record<string, unknown>[]): DbfTable {
  const keys: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  const used = new Set<string>();
  const columns: Column[] = keys.map((key) => ({ key, short: shortName(key, used), ...columnType(rows, key) }));
  const recordLength = 1 + columns.reduce((sum, column) => sum + column.length, 0);
  const headerLength = 32 + 32 * columns.length + 1;
  const bytes = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(bytes.buffer);
  const now = new Date();
  bytes[0] = 0x03;
  bytes[1] = now.getFullYear() - 1900;
  bytes[2] = now.getMonth() + 1;
  bytes[3] = now.getDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  columns.forEach((column, i) => {
    const at = 32 + 32 * i;
    bytes.set(encoder.encode(column.short), at);
    bytes[at + 11] = column.type.charCodeAt(0);
    bytes[at + 16] = column.length;
    bytes[at + 17] = column.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  const truncated: string[] = [];
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    bytes[at++] = 0x20; // not deleted
    for (const column of columns) {
      const cell = encodeCell(row[column.key], column);
      if (cell.truncated) truncated.push(`${column.key} (row ${r + 1})`);
      bytes.fill(0x20, at, at + column.length);
      bytes.set(cell.bytes, column.type === 'N' ? at + column.length - cell.bytes.length : at);
      at += column.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return { dbf: bytes, fieldNames: columns.map((c) => ({ short: c.short, original: c.key })), truncated };
}

function columnType(rows: readonly Record<string, unknown>[], key: string): Omit<Column, 'key' | 'short'> {
  const values = rows.map((row) => row[key]).filter((value) => value !== null && value !== undefined);
  if (values.length > 0 && values.every((value) => typeof value === 'number' && Number.isFinite(value))) {
    const texts = values.map((value) => numberText(value as number));
    const width = Math.max(...texts.map((t) => t.length));
    const decimals = Math.min(15, Math.max(...texts.map((t) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0))));
    if (width <= MAX_NUMBER_WIDTH) return { type: 'N', length: Math.max(width, 1), decimals };
  }
  if (values.length > 0 && values.every((value) => typeof value === 'boolean'))
    return { type: 'L', length: 1, decimals: 0 };
  const longest = Math.max(1, ...values.map((value) => encoder.encode(text(value)).length));
  return { type: 'C', length: Math.min(MAX_TEXT_BYTES, longest), decimals: 0 };
}

/**
 * The shorter of JavaScript's two exact spellings of a number ("-0.0000010040744790035092" or "-1.0040744790035092e-6"):
 * both read back to the same number, and the shorter one fits the numeric field where the other would not.
 */
function numberText(value: number): string {
  const plain = String(value);
  const exponent = value.toExponential();
  return exponent.length < plain.length ? exponent : plain;
}

function encodeCell(value: unknown, column: Column): { bytes: Uint8Array; truncated: boolean } {
  if (value === null || value === undefined)
    return { bytes: column.type === 'L' ? encoder.encode('?') : new Uint8Array(0), truncated: false };
  if (column.type === 'L') return { bytes: encoder.encode(value ? 'T' : 'F'), truncated: false };
  const encoded = encoder.encode(column.type === 'N' ? numberText(value as number) : text(value));
  if (encoded.length <= column.length) return { bytes: encoded, truncated: false };
  // Cut at a character boundary (never inside a UTF-8 sequence).
  let end = column.length;
  while (end > 0 && (encoded[end] & 0xc0) === 0x80) end--;
  return { bytes: encoded.subarray(0, end), truncated: true };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** At most 10 ASCII characters, unique among `used` (case-insensitive): "Tên trạm" -> "ten_tram". */
function shortName(key: string, used: Set<string>): string {
  const base = (normalizeColumnName(key).replace(/[^a-z0-9_]/g, '') || 'field').slice(0, 10);
  let name = base;
  for (let n = 1; used.has(name.toLowerCase()); n++) {
    const suffix = `_${n}`;
    name = `${base.slice(0, 10 - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}
