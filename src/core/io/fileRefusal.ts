import { CrsError } from '../crs/crsDefinitions';
import type { WordedFields } from '../model/wordedMessage';
import { ReadBudgetError } from './readBudget';
import { SpreadsheetError } from './readXlsxRows';
import { ZipArchiveError } from './unzipChecked';

/**
 * A lower reader's refusal as a file reader passes it on (`fileRefused`): the kind of failure, which the UI words, and
 * the reader's own words (English) as its detail. Null for anything else.
 */
export function fileRefusal(error: unknown): WordedFields | null {
  const kind =
    error instanceof ZipArchiveError
      ? 'archive'
      : error instanceof SpreadsheetError
        ? 'workbook'
        : error instanceof ReadBudgetError
          ? 'budget'
          : error instanceof CrsError
            ? 'crs'
            : null;
  return kind === null ? null : { code: 'fileRefused', params: { kind, detail: (error as Error).message } };
}
