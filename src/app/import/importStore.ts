import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { ImportPreview } from '../../../workers/analysisApi';
import type { CoordinateProblemReport } from '../../core/crs/detectCoordinateProblems';
import type { LonLatPolygon } from '../../core/geo/lonLatPolygon';
import type { ColumnMapping } from '../../core/io/applyColumnMapping';
import type { InputProblem } from '../../core/model/tower';
import { packTowers } from '../../core/model/towerArrays';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from '../data/provinceDataset';
import { useAppStore } from '../store/appStore';

export interface ImportState {
  stage: 'closed' | 'previewing' | 'mapping' | 'importing' | 'done' | 'error';
  fileName: string;
  bytes: Uint8Array | null;
  preview: ImportPreview | null;
  mapping: ColumnMapping;
  crs: string;
  coordinates: CoordinateProblemReport | null;
  progress: number;
  rejected: InputProblem[];
  warnings: InputProblem[];
  accepted: number;
  error: string | null;
}

const CLOSED: ImportState = {
  stage: 'closed',
  fileName: '',
  bytes: null,
  preview: null,
  mapping: {},
  crs: 'EPSG:4326',
  coordinates: null,
  progress: 0,
  rejected: [],
  warnings: [],
  accepted: 0,
  error: null,
};

export const useImportStore = create<ImportState>(() => CLOSED);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function provincePolygons(dataset: ProvinceDataset): LonLatPolygon[] {
  return dataset.province.features.flatMap((feature) =>
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates,
  );
}

/** Step 1: the file's first rows, the proposed mapping and the coordinate check, all computed in a worker. */
export async function openImport(file: File): Promise<void> {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  useImportStore.setState({ ...CLOSED, stage: 'previewing', fileName: file.name, bytes });
  try {
    const preview = await getAnalysisPool().run((api) =>
      api.previewImport(bytes, file.name, 'EPSG:4326', provincePolygons(dataset)),
    );
    useImportStore.setState({
      stage: 'mapping',
      preview,
      mapping: preview.proposal?.mapping ?? {},
      coordinates: preview.coordinates,
    });
  } catch (error) {
    useImportStore.setState({ stage: 'error', error: message(error) });
  }
}

/** The user changed a column or the CRS: check the coordinates again on the preview rows. */
export async function updateMapping(patch: { mapping?: ColumnMapping; crs?: string }): Promise<void> {
  const state = useImportStore.getState();
  const dataset = useAppStore.getState().dataset;
  const mapping = patch.mapping ?? state.mapping;
  const crs = patch.crs ?? state.crs;
  useImportStore.setState({ mapping, crs });
  if (!state.preview || state.preview.preview.geometryFromFile || !dataset) return;
  const preview = state.preview.preview;
  try {
    const coordinates = await getAnalysisPool().run((api) =>
      api.checkImportCoordinates(preview, mapping, crs, provincePolygons(dataset)),
    );
    useImportStore.setState({ coordinates, error: null });
  } catch (error) {
    useImportStore.setState({ coordinates: null, error: message(error) });
  }
}

let controller: AbortController | null = null;

/** Step 2: read every row with the confirmed mapping; the towers replace the synthetic ones on the map. */
export async function confirmImport(): Promise<void> {
  const state = useImportStore.getState();
  const dataset = useAppStore.getState().dataset;
  if (!state.bytes || !dataset) return;
  controller = new AbortController();
  const ownController = controller;
  const bytes = state.bytes;
  useImportStore.setState({ stage: 'importing', progress: 0, error: null });
  try {
    const result = await getAnalysisPool().run(
      (api, jobId) =>
        api.importTowers(
          jobId,
          bytes,
          state.fileName,
          state.preview?.preview.geometryFromFile ? undefined : state.mapping,
          state.crs,
          Comlink.proxy((fraction: number) => useImportStore.setState({ progress: fraction })),
        ),
      { signal: ownController.signal },
    );
    useImportStore.setState({
      stage: 'done',
      progress: 1,
      accepted: result.towers.length,
      rejected: result.rejected,
      warnings: result.warnings,
    });
    if (result.towers.length > 0) {
      useAppStore.setState({
        dataset: {
          ...dataset,
          towers: result.towers,
          towerArrays: packTowers(result.towers),
          towerProblems: [...result.rejected, ...result.warnings],
          towersAreSynthetic: false,
          towersSource: state.fileName,
        },
        selectedTowerIndex: null,
        coverage: { ...useAppStore.getState().coverage, coveredBits: null, summary: null, status: 'idle' },
        signalRun: { ...useAppStore.getState().signalRun, result: null, image: null, status: 'idle' },
      });
    }
  } catch (error) {
    useImportStore.setState(isCancelledError(error) ? { stage: 'mapping' } : { stage: 'error', error: message(error) });
  }
}

export function cancelImport(): void {
  controller?.abort();
}

export function closeImport(): void {
  useImportStore.setState(CLOSED);
}
