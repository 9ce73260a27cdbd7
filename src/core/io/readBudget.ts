import { formatBytes, type UnzipLimits } from './unzipChecked';

/**
 * What one read of a file may cost. Time: 10 s plus 0.5 s per MiB of file (a province's list of a few thousand masts
 * reads in well under a second here; 1,000,000 CSV rows, 74 MB, in about 12 s of a 47 s budget). Memory is held to
 * about 1 GB by the sizes a reader accepts: text read whole (GeoJSON, KML and a KMZ's KML) up to 64 MiB, a KML up to
 * 40,000 placemarks, CSV (streamed, towers kept)
 * up to 128 MiB, a workbook up to 64 MiB of XML (see XLSX_LIMITS), a CSV record up to 1 MiB, zip entries by the bytes
 * they really inflate to (see unzipChecked).
 */
export interface ReadBudget {
  /** Milliseconds the read may take; 10,000 + 500 per MiB of the file by default. */
  maxMs?: number;
}

const MIB = 1024 * 1024;
export const MAX_CSV_BYTES = 128 * MIB;
export const MAX_WHOLE_TEXT_BYTES = 64 * MIB;

/**
 * The limits for the KML inside a KMZ: read whole like a KML file, so an entry at most MAX_WHOLE_TEXT_BYTES (64 MiB,
 * where zip entries may otherwise inflate to 512 MiB), or less when the limits given say so.
 */
export function kmzLimits(limits: UnzipLimits = {}): UnzipLimits {
  return { ...limits, maxEntryBytes: Math.min(limits.maxEntryBytes ?? MAX_WHOLE_TEXT_BYTES, MAX_WHOLE_TEXT_BYTES) };
}

/** A read that went past its budget (time or size). One-line message; readers turn it into their own file error. */
export class ReadBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadBudgetError';
  }
}

export function defaultReadMs(fileBytes: number): number {
  return 10_000 + Math.ceil((500 * fileBytes) / MIB);
}

export interface ReadDeadline {
  /** Throws ReadBudgetError once the read's time is spent. */
  check(): void;
  /**
   * A compressed file's budget by what it holds once inflated (an .xlsx's sheets are 6-10 times its bytes, and the
   * work is in them): the default budget of `inflatedBytes` when that is more. A budget the caller set stays.
   */
  inflated(inflatedBytes: number): void;
}

/** A clock for one read: `check()` throws ReadBudgetError once the budget's time is spent. */
export function createReadDeadline(fileBytes: number, budget: ReadBudget = {}): ReadDeadline {
  let maxMs = budget.maxMs ?? defaultReadMs(fileBytes);
  let size = formatBytes(fileBytes);
  const start = performance.now();
  return {
    check() {
      const elapsed = performance.now() - start;
      if (elapsed > maxMs) {
        throw new ReadBudgetError(
          `reading stopped after ${(elapsed / 1000).toFixed(1)} s, past the ${(maxMs / 1000).toFixed(1)} s budget for a ` +
            `file of ${size} (10 s + 0.5 s per MiB); split the file`,
        );
      }
    },
    inflated(inflatedBytes: number) {
      if (budget.maxMs !== undefined || defaultReadMs(inflatedBytes) <= maxMs) return;
      maxMs = defaultReadMs(inflatedBytes);
      size = `${formatBytes(fileBytes)}, ${formatBytes(inflatedBytes)} inflated`;
    },
  };
}

/** Throws ReadBudgetError when a file is larger than what its format may be read from. */
export function checkFileSize(fileBytes: number, maxBytes: number, what: string): void {
  if (fileBytes > maxBytes) {
    throw new ReadBudgetError(
      `the file is ${formatBytes(fileBytes)}, over the ${formatBytes(maxBytes)} a ${what} may have; split the file`,
    );
  }
}
