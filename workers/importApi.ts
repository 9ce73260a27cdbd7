import type { ColumnMapping } from '../src/core/io/applyColumnMapping';
import { checkImportCoordinates, type ImportArea, previewImport } from '../src/core/io/previewImport';
import type { TablePreview } from '../src/core/io/previewTableFile';
import type { TowerReadOptions } from '../src/core/io/towerReadOptions';
import type { TowerMergeMode } from '../src/core/model/mergeTowers';
import type { TowerSource } from '../src/core/model/tower';
import { decodeTowerColumns, type TowerColumns } from '../src/core/model/towerColumns';
import { mergeImportedTowers, readImportForReview } from './importJobs';
import { type MastImportModeName, mastImportBodyText } from './mastImportBody';
import { holdsDataset, residentDataset } from './residentDataset';
import { withJob } from './withJob';

type Progress = ((fraction: number) => void) | undefined;

/**
 * What the analysis worker offers for station-list imports (preview, read and review, merge, the server's body):
 * spread into analysisApi, with its rules (core calls inside withJob, typed arrays transferred, no settings here).
 */
export const importApi = {
  previewImport: (bytes: Uint8Array, fileName: string, crs: string, area: ImportArea) =>
    previewImport(bytes, fileName, crs, area),

  checkImportCoordinates: (preview: TablePreview, mapping: ColumnMapping, crs: string, area: ImportArea) =>
    checkImportCoordinates(preview, mapping, crs, area),

  /** The whole file read with the confirmed choices, reviewed against the resident masts (see readImportForReview). */
  readImport: (
    jobId: number,
    bytes: Uint8Array,
    fileName: string,
    options: TowerReadOptions,
    datasetKey: string | null,
    source: TowerSource,
    ownOperator: string | null,
    onProgress?: Progress,
  ) =>
    withJob(jobId, (signal) => {
      const existing = holdsDataset(datasetKey) ? residentDataset(datasetKey as string).towers : [];
      return readImportForReview(bytes, fileName, options, source, existing, { signal, onProgress }, ownOperator);
    }),

  /** The resident masts after an import merged in with `mode` (see mergeImportedTowers). */
  mergeImport: (datasetKey: string, incoming: TowerColumns, mode: TowerMergeMode) =>
    mergeImportedTowers(residentDataset(datasetKey).towers, incoming, mode),

  /** The server's mast import body for these masts (columns), as a Blob: the page only hands it to fetch. */
  mastImportBody(columns: TowerColumns, mode: MastImportModeName, sourceName: string): Blob {
    const text = mastImportBodyText(decodeTowerColumns(columns), mode, sourceName);
    return new Blob([text], { type: 'application/json' });
  },
};
