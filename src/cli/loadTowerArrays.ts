import { MAX_CSV_BYTES } from '../core/io/readBudget';
import { readCleanTowersCsvAsArrays } from '../core/io/readCleanTowersCsvAsArrays';
import { sniffFileFormat } from '../core/io/sniffFileFormat';
import type { TowerArrays } from '../core/model/towerArrays';
import { readInputFile } from './readInputFile';

/**
 * The masts as flat arrays, for commands that need nothing else of them (fixed-radius coverage, colocate): a clean
 * CSV goes straight to the arrays (readCleanTowersCsvAsArrays, no Tower objects), any other file through the full
 * reader (loaded only then, with every format it knows) and packTowers; the same arrays either way.
 * `rejectedCount`: rows the reader rejected.
 */
export async function loadTowerArrays(path: string): Promise<{ arrays: TowerArrays; rejectedCount: number }> {
  const bytes = await readInputFile(path);
  if (bytes.length <= MAX_CSV_BYTES && sniffFileFormat(bytes, path).format === 'csv') {
    const arrays = await readCleanTowersCsvAsArrays(bytes);
    if (arrays) return { arrays, rejectedCount: 0 };
  }
  const [{ parseTowerFileBytes }, { packTowers }] = await Promise.all([
    import('./loadInputs'),
    import('../core/model/towerArrays'),
  ]);
  const parsed = await parseTowerFileBytes(path, bytes);
  return { arrays: packTowers(parsed.towers), rejectedCount: parsed.rejected.length };
}
