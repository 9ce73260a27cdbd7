import { rejectTowers } from './rejectTowers';
import type { TowerParseResult } from './towerParseResult';

/**
 * An operator's import keeps only the operator's own masts: an export of its stations often lists the other
 * operators' masts nearby too, which an operator account may not import (the server refuses the whole file). Each
 * other mast becomes a rejected row naming its owner, in the file's order with the other problems, so nothing is
 * dropped silently; the rest of the file is kept.
 */
export function keepOwnOperatorTowers(read: TowerParseResult, ownOperator: string): TowerParseResult {
  return rejectTowers(read, (tower) =>
    tower.operator === ownOperator
      ? null
      : {
          field: 'operator',
          reason: `a mast of ${tower.operator} (id '${tower.id}'): an operator account imports only its own masts (${ownOperator})`,
          code: 'notOwnOperator',
          params: { operator: tower.operator, own: ownOperator, id: tower.id },
        },
  );
}
