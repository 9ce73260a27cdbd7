import type { InputProblem } from '../model/tower';
import type { TowerParseResult } from './towerParseResult';

/**
 * An operator's import keeps only the operator's own masts: an export of its stations often lists the other
 * operators' masts nearby too, which an operator account may not import (the server refuses the whole file). Each
 * other mast becomes a rejected row naming its owner, in the file's order with the other problems, so nothing is
 * dropped silently; the rest of the file is kept.
 */
export function keepOwnOperatorTowers(read: TowerParseResult, ownOperator: string): TowerParseResult {
  const rows = read.towerRows;
  const lines = read.towerLines;
  const kept: number[] = [];
  const others: InputProblem[] = [];
  read.towers.forEach((tower, index) => {
    if (tower.operator === ownOperator) {
      kept.push(index);
      return;
    }
    others.push({
      row: rows?.[index] ?? 0,
      ...(lines ? { line: lines[index] } : {}),
      field: 'operator',
      reason: `a mast of ${tower.operator} (id '${tower.id}'): an operator account imports only its own masts (${ownOperator})`,
      code: 'notOwnOperator',
      params: { operator: tower.operator, own: ownOperator, id: tower.id },
    });
  });
  if (others.length === 0) return read;
  return {
    ...read,
    towers: kept.map((index) => read.towers[index]),
    ...(rows ? { towerRows: kept.map((index) => rows[index]) } : {}),
    ...(lines ? { towerLines: kept.map((index) => lines[index]) } : {}),
    rejected: [...read.rejected, ...others].sort((a, b) => a.row - b.row),
  };
}
