import { type Tower, towerTenantCount } from './tower';

/**
 * How an imported list joins the masts already loaded:
 * - `replaceOperator`: the masts of the operators the file holds are replaced by the file's (others untouched);
 * - `add`: the file's masts are added; an id already loaded is left as it is and counted as skipped;
 * - `updateById`: loaded masts with the file's ids are updated, new ids added, nothing removed.
 */
export type TowerMergeMode = 'replaceOperator' | 'add' | 'updateById';
export const TOWER_MERGE_MODES: readonly TowerMergeMode[] = ['replaceOperator', 'add', 'updateById'];

export interface TowerMergeDiff {
  added: number;
  changed: number;
  removed: number;
  /** Of the removed masts, those other operators are on as tenants (their sharing goes with the mast). */
  removedShared: number;
  unchanged: number;
  skipped: number;
  /** Operators whose masts the file holds (owners), in first-seen order. */
  operators: string[];
}

export interface TowerMergeResult {
  towers: Tower[];
  diff: TowerMergeDiff;
}

/** The mode to propose: replace the operator's masts when the file holds one operator, else update by id. */
export function defaultMergeMode(incoming: readonly Tower[]): TowerMergeMode {
  return ownersOf(incoming).length === 1 ? 'replaceOperator' : 'updateById';
}

/**
 * The masts after an import, and what changed (added, changed, removed, unchanged, skipped). Loaded masts keep their
 * order; new ones follow in file order. A mast counts as unchanged when every field the file gives equals the loaded
 * one (its source then stays the loaded one's).
 */
export function mergeTowers(
  existing: readonly Tower[],
  incoming: readonly Tower[],
  mode: TowerMergeMode,
): TowerMergeResult {
  const operators = ownersOf(incoming);
  const incomingById = new Map<string, Tower>();
  for (const tower of incoming) incomingById.set(tower.id, tower);
  const replaced = new Set(mode === 'replaceOperator' ? operators : []);
  const diff: TowerMergeDiff = {
    added: 0,
    changed: 0,
    removed: 0,
    removedShared: 0,
    unchanged: 0,
    skipped: 0,
    operators,
  };
  const towers: Tower[] = [];
  const placed = new Set<string>();
  for (const tower of existing) {
    const update = incomingById.get(tower.id);
    if (update && mode !== 'add') {
      placed.add(tower.id);
      if (sameTower(tower, update)) {
        diff.unchanged++;
        towers.push(tower);
      } else {
        diff.changed++;
        towers.push(update);
      }
    } else if (update && mode === 'add') {
      placed.add(tower.id);
      diff.skipped++;
      towers.push(tower);
    } else if (replaced.has(tower.operator)) {
      diff.removed++;
      if (towerTenantCount(tower) >= 2) diff.removedShared++;
    } else {
      towers.push(tower);
    }
  }
  for (const tower of incoming) {
    if (placed.has(tower.id)) continue;
    placed.add(tower.id);
    diff.added++;
    towers.push(tower);
  }
  return { towers, diff };
}

function ownersOf(towers: readonly Tower[]): string[] {
  const owners = new Set<string>();
  for (const tower of towers) owners.add(tower.operator);
  return [...owners];
}

const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((value, i) => value === (b ?? [])[i]);

/** Equal in every field a file can give (the source is not compared). */
export function sameTower(a: Tower, b: Tower): boolean {
  return (
    a.id === b.id &&
    a.operator === b.operator &&
    a.lon === b.lon &&
    a.lat === b.lat &&
    a.heightM === b.heightM &&
    a.radiusM === b.radiusM &&
    a.mastType === b.mastType &&
    sameList(a.tenants, b.tenants) &&
    sameList(a.azimuthsDeg, b.azimuthsDeg) &&
    sameList(a.tiltsDeg, b.tiltsDeg) &&
    sameList(a.bands, b.bands) &&
    a.has4g === b.has4g &&
    sameList(a.tenants5g, b.tenants5g) &&
    a.radius5gM === b.radius5gM &&
    a.tenantCount === b.tenantCount
  );
}
