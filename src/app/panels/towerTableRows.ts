import type { Tower } from '../../core/model/tower';

export type TowerColumn = 'id' | 'operator' | 'tenants' | 'mastType' | 'heightM' | 'radiusM' | 'lon' | 'lat';
export const TOWER_COLUMNS: readonly TowerColumn[] = [
  'id',
  'operator',
  'tenants',
  'mastType',
  'heightM',
  'radiusM',
  'lon',
  'lat',
];

export function towerCellValue(tower: Tower, column: TowerColumn): string | number | null {
  switch (column) {
    case 'tenants':
      return tower.tenants.join(', ');
    case 'mastType':
      return tower.mastType;
    default:
      return tower[column];
  }
}

/**
 * Indices of the towers that match the filter (every word must appear in some column, case- and
 * diacritics-insensitive), sorted by a column (numbers numerically, text in Vietnamese collation, empty last).
 */
export function filterAndSortTowers(
  towers: readonly Tower[],
  filterText: string,
  sortColumn: TowerColumn,
  descending: boolean,
): number[] {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const words = fold(filterText).split(/\s+/).filter(Boolean);
  const indices: number[] = [];
  towers.forEach((tower, index) => {
    if (words.length > 0) {
      const haystack = fold(TOWER_COLUMNS.map((column) => towerCellValue(tower, column) ?? '').join(' '));
      if (!words.every((word) => haystack.includes(word))) return;
    }
    indices.push(index);
  });
  const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  const direction = descending ? -1 : 1;
  indices.sort((a, b) => {
    const left = towerCellValue(towers[a], sortColumn);
    const right = towerCellValue(towers[b], sortColumn);
    if (left === null || left === '') return right === null || right === '' ? a - b : 1;
    if (right === null || right === '') return -1;
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : collator.compare(String(left), String(right));
    return order === 0 ? a - b : order * direction;
  });
  return indices;
}
