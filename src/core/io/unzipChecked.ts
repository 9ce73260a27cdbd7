import { unzipSync } from 'fflate';
import { inflateEntry, readCentralDirectory } from './readZipDirectory';

export interface UnzipLimits {
  /** Largest uncompressed size of one entry (declared and real), bytes; 512 MiB by default. */
  maxEntryBytes?: number;
  /** Largest uncompressed size of all extracted entries together (declared and real), bytes; 1 GiB by default. */
  maxTotalBytes?: number;
  /** Most entries an archive may list; 10,000 by default. */
  maxEntries?: number;
}

/** A zip archive that cannot or must not be opened: damaged, truncated, too large once inflated. One-line message. */
export class ZipArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipArchiveError';
  }
}

export interface ZipEntryInfo {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
}

const MIB = 1024 * 1024;
/** Limits an archive's entries are held to when the caller gives none (a shapefile's .dbf prefixes too). */
export const DEFAULT_MAX_ENTRY_BYTES = 512 * MIB;
export const DEFAULT_MAX_TOTAL_BYTES = 1024 * MIB;

/** The entries a zip archive lists (from its central directory), without inflating anything. */
export function listZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter(file) {
        entries.push({ name: file.name, compressedBytes: file.size, uncompressedBytes: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new ZipArchiveError(describeZipFailure(error));
  }
  return entries;
}

/** Why inflating stopped: the entry past its own limit, or the archive past its total. */
export function inflatedPastLimit(
  entry: { name: string; declaredBytes: number },
  entryOver: boolean,
  maxEntryBytes: number,
  maxTotalBytes: number,
): string {
  if (entryOver) {
    return (
      `zip entry '${entry.name}' inflates to more than ${formatBytes(maxEntryBytes)} (it declares ` +
      `${formatBytes(entry.declaredBytes)}); not opened`
    );
  }
  return `the zip archive inflates to more than ${formatBytes(maxTotalBytes)} (limit); not opened`;
}

/**
 * Inflate the entries `wanted` selects, after checking every selected entry's declared uncompressed size, and their
 * total, against the limits: a zip bomb that says what it is is refused before a byte is inflated. Declared sizes may
 * lie, so each entry is then inflated in small steps with a running count of the bytes it really gives, and refused
 * as soon as it passes the limits (memory stays within them whatever the headers say).
 * Folders and macOS resource forks (`__MACOSX/`) are skipped.
 */
export function unzipChecked(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
  limits: UnzipLimits = {},
): Record<string, Uint8Array> {
  const selected = new Set(checkZipSizes(bytes, wanted, limits).map((entry) => entry.name));
  const maxEntryBytes = limits.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  // Keyed by the file's own words: no inherited member (see util/ownProperty).
  const files: Record<string, Uint8Array> = Object.create(null);
  let total = 0;
  for (const entry of readCentralDirectory(bytes)) {
    if (!selected.has(entry.name) || entry.name in files) continue;
    const data = inflateEntry(bytes, entry, Math.min(maxEntryBytes, maxTotalBytes - total), (inflated) =>
      inflatedPastLimit(entry, inflated > maxEntryBytes, maxEntryBytes, maxTotalBytes),
    );
    total += data.length;
    files[entry.name] = data;
  }
  return files;
}

/**
 * The entries `wanted` selects, after checking their declared uncompressed sizes (each and in total) and the number
 * of entries against the limits; throws ZipArchiveError otherwise. For readers that inflate with another library
 * (exceljs): check first, then hand the bytes over.
 */
export function checkZipSizes(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
  limits: UnzipLimits = {},
): ZipEntryInfo[] {
  const maxEntryBytes = limits.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const maxEntries = limits.maxEntries ?? 10_000;
  const entries = listZipEntries(bytes);
  if (entries.length > maxEntries) {
    throw new ZipArchiveError(`the zip archive lists ${entries.length} entries, more than the limit of ${maxEntries}`);
  }
  const selected: ZipEntryInfo[] = [];
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/') || entry.name.startsWith('__MACOSX/') || !wanted(entry.name)) continue;
    if (entry.uncompressedBytes > maxEntryBytes) {
      throw new ZipArchiveError(
        `zip entry '${entry.name}' would inflate to ${formatBytes(entry.uncompressedBytes)}, over the limit of ` +
          `${formatBytes(maxEntryBytes)}; not opened`,
      );
    }
    total += entry.uncompressedBytes;
    if (total > maxTotalBytes) {
      throw new ZipArchiveError(
        `the zip archive would inflate to more than ${formatBytes(maxTotalBytes)} (limit); not opened`,
      );
    }
    selected.push(entry);
  }
  return selected;
}

export function describeZipFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid zip data/.test(message)) {
    return 'the zip archive is truncated or damaged (its table of contents is missing)';
  }
  if (/unexpected EOF|invalid (block type|length|distance)|unknown compression/.test(message)) {
    return `the zip archive is truncated or damaged (${message})`;
  }
  return `cannot open the zip archive (${message})`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MIB) return `${(bytes / (1024 * MIB)).toFixed(1)} GiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
