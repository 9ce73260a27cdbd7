import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { CsvTowerStream } from './csvTowerStream';
import { detectTextEncoding, textDecoderFor } from './decodeTextFile';
import { classifyNonText } from './describeNonText';
import type { ReadDeadline } from './readBudget';
import { withEncodingHint } from './readTowersSync';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';

/**
 * Bytes decoded and parsed per slice: big enough to keep papaparse busy, small enough to keep memory flat and to
 * yield often (a slice takes ~0.1-0.3 s here, the longest a cancel waits).
 */
const SLICE_BYTES = 1024 * 1024;

/**
 * parseTowersCsv for large files given as bytes: decodes and parses 1 MB at a time, so the whole file never exists as
 * one string; reports progress (fraction of bytes) and stops at the next slice when `signal` aborts (CancelledError).
 * The encoding is detected once over the bytes (see decodeTextFileWithReport); a legacy encoding adds a warning.
 */
export async function readTowersCsvChunked(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions & { deadline?: ReadDeadline } = {},
): Promise<TowerParseResult> {
  const checkpoint = createYieldClock(options);
  const encoding = detectTextEncoding(bytes);
  const decoder = textDecoderFor(encoding);
  const nonText = classifyNonText(textDecoderFor(encoding).decode(bytes.subarray(0, 4096), { stream: true }));
  if (nonText) {
    throw new TowerFileError(`not a CSV or GeoJSON tower file: looks like ${nonText.words}`, {
      code: 'notText',
      params: { looksLike: nonText.words, kind: nonText.kind },
    });
  }
  const stream = new CsvTowerStream(options);
  let result: TowerParseResult;
  try {
    for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
      await checkpoint(offset / bytes.length);
      options.deadline?.check();
      stream.push(decoder.decode(bytes.subarray(offset, offset + SLICE_BYTES), { stream: true }));
    }
    stream.push(decoder.decode());
    result = stream.end();
  } catch (error) {
    throw withEncodingHint(error, encoding.warning);
  }
  options.onProgress?.(1);
  if (encoding.warning) result.warnings.unshift({ row: 0, ...encoding.warning });
  return result;
}
