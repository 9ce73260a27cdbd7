import type { TowerParseResult } from '../io/towerParseResult';
import {
  defaultMergeMode,
  mergeTowers,
  TOWER_MERGE_MODES,
  type TowerMergeDiff,
  type TowerMergeMode,
} from './mergeTowers';
import type { InputProblem, Tower } from './tower';
import type { TowerColumns } from './towerColumns';

/** Rejected rows (and warnings) a review lists at most; the totals say how many there are. */
export const MAX_REVIEWED_PROBLEMS = 5000;

/** What the import dialog shows before anything changes: counts, problems up to a cap, and each merge mode's diff. */
export interface TowerImportReview {
  /** The read file without its towers, its problems up to the cap (file-level warnings always). */
  result: TowerParseResult;
  acceptedCount: number;
  rejectedCount: number;
  /** Rows accepted with at least one warning. */
  warnedRowCount: number;
  diffs: Record<TowerMergeMode, TowerMergeDiff>;
  defaultMode: TowerMergeMode;
}

/** A review with the accepted towers as columns (what a worker sends the page). */
export interface ImportReadResult extends TowerImportReview {
  columns: TowerColumns;
}

/**
 * The review of a read tower file against the masts loaded now: what each merge mode would do (mergeTowers), the
 * counts, and the problems capped, so that a million-row file does not cost the page a million cloned objects.
 */
export function reviewTowerImport(
  read: TowerParseResult,
  existing: readonly Tower[],
  maxProblems = MAX_REVIEWED_PROBLEMS,
): TowerImportReview {
  const diffs = Object.fromEntries(
    TOWER_MERGE_MODES.map((mode) => [mode, mergeTowers(existing, read.towers, mode).diff]),
  ) as Record<TowerMergeMode, TowerMergeDiff>;
  const warnedRows = new Set(read.warnings.filter((warning) => warning.row !== 0).map((warning) => warning.row));
  return {
    result: {
      ...read,
      towers: [],
      rejected: read.rejected.slice(0, maxProblems),
      warnings: capWarnings(read.warnings, maxProblems),
      problemRecords: read.problemRecords && {
        header: read.problemRecords.header,
        rows: read.problemRecords.rows.slice(0, 2 * maxProblems),
      },
    },
    acceptedCount: read.towers.length,
    rejectedCount: read.rejected.length,
    warnedRowCount: warnedRows.size,
    diffs,
    defaultMode: defaultMergeMode(read.towers),
  };
}

/** The file-level warnings (row 0) always, then the row warnings up to the cap. */
function capWarnings(warnings: InputProblem[], maxProblems: number): InputProblem[] {
  const fileLevel = warnings.filter((warning) => warning.row === 0);
  return [...fileLevel, ...warnings.filter((warning) => warning.row !== 0).slice(0, maxProblems)];
}
