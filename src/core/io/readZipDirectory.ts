import { Inflate } from 'fflate';
import { describeZipFailure, ZipArchiveError } from './unzipChecked';

/** One entry of a zip archive's central directory, with where its data starts. */
export interface ZipDirectoryEntry {
  name: string;
  /** 0 stored, 8 deflated; others are refused when read. */
  method: number;
  compressedBytes: number;
  /** What the archive says the entry inflates to: a claim, checked while inflating. */
  declaredBytes: number;
  localHeaderOffset: number;
}

/** Compressed bytes given to the inflater per step: at most ~1,032 times this (2 MiB) comes out, DEFLATE's ceiling. */
const INFLATE_STEP_BYTES = 2 * 1024;

/**
 * The central directory of a zip archive (zip64 too). Throws ZipArchiveError when it is missing or runs past the end
 * of the file.
 */
export function readCentralDirectory(bytes: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () =>
    new ZipArchiveError('the zip archive is truncated or damaged (its table of contents is missing)');
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged();
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(end - 12, true));
    if (zip64End + 56 > bytes.length || view.getUint32(zip64End, true) !== 0x06064b50) throw damaged();
    count = Number(view.getBigUint64(zip64End + 32, true));
    offset = Number(view.getBigUint64(zip64End + 48, true));
  }
  const entries: ZipDirectoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw damaged();
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength + extraLength > bytes.length) throw damaged();
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const entry: ZipDirectoryEntry = {
      name: flags & 0x800 ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes),
      method: view.getUint16(offset + 10, true),
      compressedBytes: view.getUint32(offset + 20, true),
      declaredBytes: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    readZip64Extra(view, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset that do not fit 32 bits are in the zip64 extra field (id 1), in this order, when saturated. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipDirectoryEntry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= at + 4 + size ? Number(view.getBigUint64(field, true)) : Number.NaN;
        field += 8;
        return value;
      };
      if (entry.declaredBytes === 0xffffffff) entry.declaredBytes = next();
      if (entry.compressedBytes === 0xffffffff) entry.compressedBytes = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/**
 * An entry's stored bytes (compressed as they are), found through its local header; a ZipArchiveError when the header
 * is missing or the data runs past the archive's end.
 */
export function entryData(bytes: Uint8Array, entry: ZipDirectoryEntry): Uint8Array {
  const local = entry.localHeaderOffset;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
    throw new ZipArchiveError(`the zip archive is truncated or damaged (entry '${entry.name}' is missing)`);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + entry.compressedBytes;
  if (end > bytes.length || !Number.isFinite(end)) {
    throw new ZipArchiveError(`the zip archive is truncated or damaged (entry '${entry.name}' runs past its end)`);
  }
  return bytes.subarray(start, end);
}

/**
 * The bytes of one entry, inflated step by step with a running count: past `maxBytes` real bytes (whatever the entry
 * declares) it stops and throws ZipArchiveError with `overBudget(bytesSoFar)`'s message.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipDirectoryEntry,
  maxBytes: number,
  overBudget: (bytesSoFar: number) => string,
): Uint8Array {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipArchiveError(overBudget(data.length));
    return data.slice();
  }
  if (entry.method !== 8) {
    throw new ZipArchiveError(
      `zip entry '${entry.name}' uses compression method ${entry.method}, which is not supported`,
    );
  }
  const parts: Uint8Array[] = [];
  let inflated = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    parts.push(chunk);
    inflated += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < data.length && !finished; at += INFLATE_STEP_BYTES) {
      const stop = Math.min(data.length, at + INFLATE_STEP_BYTES);
      inflater.push(data.subarray(at, stop), stop === data.length);
      if (inflated > maxBytes) throw new ZipArchiveError(overBudget(inflated));
    }
  } catch (error) {
    if (error instanceof ZipArchiveError) throw error;
    throw new ZipArchiveError(describeZipFailure(error));
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(inflated);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
