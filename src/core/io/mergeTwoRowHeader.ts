import { resolveTowerColumns } from './resolveTowerColumns';

/**
 * The column names of a tower table whose header is written over two rows, as Vietnamese spreadsheets do: a group
 * cell merged over its columns ("Tọa độ") with their names in the row below ("Kinh độ", "Vĩ độ"), the other columns'
 * names standing in one of the two rows (a cell merged down two rows keeps its name in the upper one). Each column
 * takes the lower row's name, else the upper row's. Null when the two rows read together name no more of the required
 * columns (id, operator, lon, lat) than the better of them alone: a header that is whole in one row, a title above
 * it, or a first data row under it are not merged.
 */
export function mergeTwoRowHeader(upper: readonly unknown[], lower: readonly unknown[]): string[] | null {
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());
  const width = Math.max(upper.length, lower.length);
  const merged: string[] = [];
  for (let column = 0; column < width; column++) {
    const below = text(lower[column]);
    merged.push(below !== '' ? below : text(upper[column]));
  }
  const missing = (names: readonly unknown[]) => resolveTowerColumns(names.map(text)).missing.length;
  return missing(merged) < Math.min(missing(upper), missing(lower)) ? merged : null;
}
