import { Inflate } from 'fflate';
import { entryData, type ZipDirectoryEntry } from './readZipDirectory';
import { describeZipFailure, ZipArchiveError } from './unzipChecked';

/** The first bytes of a zip entry. */
export interface EntryPrefix {
  /** At most the bytes asked for: fewer only when the entry is shorter. */
  data: Uint8Array;
  /** True when `data` is the whole entry (it ends within the bytes asked for). */
  whole: boolean;
}

/** Compressed bytes given to the inflater per step: at most ~1,032 times this (2 MiB) comes out, DEFLATE's ceiling. */
const INFLATE_STEP_BYTES = 2 * 1024;

/**
 * The first `keepBytes` bytes of one entry, inflating no further than they need (plus one step): a reader that uses
 * the head of a large entry (a .dbf's header and the records its shapes use) neither waits for nor holds the rest,
 * which a hostile archive may make hundreds of MiB of. The rest of the entry is not checked. Throws ZipArchiveError
 * when the entry is damaged within the bytes read or uses a compression other than stored or deflate.
 */
export function inflateEntryPrefix(bytes: Uint8Array, entry: ZipDirectoryEntry, keepBytes: number): EntryPrefix {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    return { data: data.slice(0, keepBytes), whole: data.length <= keepBytes };
  }
  if (entry.method !== 8) {
    throw new ZipArchiveError(
      `zip entry '${entry.name}' uses compression method ${entry.method}, which is not supported`,
    );
  }
  // Parts rather than one buffer of `keepBytes`: the bytes asked for may be far more than the entry holds.
  const parts: Uint8Array[] = [];
  let kept = 0;
  let inflatedBytes = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    // Only the part of each chunk that fits is kept: a step may give 2 MiB past what is wanted.
    const fitting = Math.min(chunk.length, keepBytes - kept);
    if (fitting > 0) parts.push(fitting === chunk.length ? chunk : chunk.slice(0, fitting));
    kept += fitting;
    inflatedBytes += chunk.length;
    if (final) finished = true;
  });
  let at = 0;
  try {
    for (; at < data.length && !finished && inflatedBytes <= keepBytes; at += INFLATE_STEP_BYTES) {
      const stop = Math.min(data.length, at + INFLATE_STEP_BYTES);
      inflater.push(data.subarray(at, stop), stop === data.length);
    }
  } catch (error) {
    throw new ZipArchiveError(describeZipFailure(error));
  }
  // The last step was pushed as final (the inflater throws when the stream is cut short), so a loop that ran to the
  // end of the compressed bytes read the whole entry.
  const whole = (finished || at >= data.length) && inflatedBytes <= keepBytes;
  if (parts.length === 1) return { data: parts[0], whole };
  const out = new Uint8Array(kept);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return { data: out, whole };
}
