import type { InputProblem, Tower } from '../model/tower';
import type { TowerParseResult } from './towerParseResult';

/**
 * A read with the towers `problemOf` names a problem for moved to the rejected rows (each at its row and file line,
 * in the file's order with the other problems), the others kept with their rows and lines: nothing dropped silently.
 * The read as it is when no tower has a problem.
 */
export function rejectTowers(
  read: TowerParseResult,
  problemOf: (tower: Tower) => Omit<InputProblem, 'row' | 'line'> | null,
): TowerParseResult {
  const rows = read.towerRows;
  const lines = read.towerLines;
  const kept: number[] = [];
  const rejected: InputProblem[] = [];
  read.towers.forEach((tower, index) => {
    const problem = problemOf(tower);
    if (!problem) {
      kept.push(index);
      return;
    }
    rejected.push({ row: rows?.[index] ?? 0, ...(lines ? { line: lines[index] } : {}), ...problem });
  });
  if (rejected.length === 0) return read;
  return {
    ...read,
    towers: kept.map((index) => read.towers[index]),
    ...(rows ? { towerRows: kept.map((index) => rows[index]) } : {}),
    ...(lines ? { towerLines: kept.map((index) => lines[index]) } : {}),
    rejected: [...read.rejected, ...rejected].sort((a, b) => a.row - b.row),
  };
}
