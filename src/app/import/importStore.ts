import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { CoordinateProblemReport } from '../../core/crs/detectCoordinateProblems';
import type { LonLatPolygon } from '../../core/geo/lonLatPolygon';
import type { ColumnMapping } from '../../core/io/applyColumnMapping';
import type { ImportArea, ImportPreview } from '../../core/io/previewImport';
import type { TowerValueMapping } from '../../core/io/towerReadOptions';
import type { TowerMergeMode } from '../../core/model/mergeTowers';
import type { ImportReadResult } from '../../core/model/reviewTowerImport';
import type { TowerSource } from '../../core/model/tower';
import { copyTowerColumns, decodeTowerColumnsInSlices, towerColumnBuffers } from '../../core/model/towerColumns';
import { type WordedMessage, wordedOf } from '../../core/model/wordedMessage';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { loadDemoProvince } from '../data/loadDemoProvince';
import { replaceTowersInSlices, replaceTowersWithArrays } from '../data/replaceTowers';
import { datasetKeyOf, ensureResident, rememberTowerColumns } from '../data/residentDataset';
import { loadServerMasts } from '../data/serverMasts';
import { rememberTowerDrawIndex } from '../map/towerLayerData';
import { clearSavedTowers, saveTowerColumns } from '../persistence/towerStorage';
import { apiClient } from '../server/apiClient';
import { useServerStore } from '../server/serverStore';
import { showDataset, useAppStore } from '../store/appStore';
import { withFileRow } from './withFileRow';

/**
 * The import dialog's steps: the file's first rows and the proposed columns (`mapping`), the whole file read with the
 * chosen columns, CRS and value mappings (`review`: counts, every problem row, what each merge mode would change; any
 * change of mapping reads it again in place), then the merge applied (`done`), kept in the browser and, signed in,
 * on the server.
 */
export interface ImportState {
  stage: 'closed' | 'previewing' | 'mapping' | 'reading' | 'review' | 'applying' | 'done' | 'error';
  fileName: string;
  bytes: Uint8Array | null;
  preview: ImportPreview | null;
  mapping: ColumnMapping;
  crs: string;
  valueMapping: TowerValueMapping;
  keepOutsideVietnam: boolean;
  /** Keep rows of one operator at a mast's place as masts of their own (not merged as its further stations). */
  keepStationRows: boolean;
  /** The user confirmed the per-row CRS split of a file that mixes degrees and projected metres. */
  mixedCrsConfirmed: boolean;
  /** The planner confirmed a replace that removes more masts than the file brings (see needsRemovalConfirmation). */
  removalsConfirmed: boolean;
  mode: TowerMergeMode;
  coordinates: CoordinateProblemReport | null;
  progress: number;
  read: ImportReadResult | null;
  /** What the last apply did, and what the server said about it. */
  applied: { mode: TowerMergeMode; total: number } | null;
  /** The copy on the server: `message` the counts once saved, `error` the refusal (worded where it is shown). */
  server: {
    status: 'none' | 'saving' | 'saved' | 'failed';
    message: string | null;
    error?: unknown;
    /** Other operators the file named as tenants that the server left out (an operator speaks for itself). */
    foreignTenantsIgnored?: number;
    /** Masts others are approved on: the server kept their position, height and class (an operator's file). */
    keptCommitted?: string[];
    /** Once saved: the server's counts (worded and formatted where they are shown). */
    counts?: { inserted: number; updated: number; unchanged: number; removed: number; kept: string[] };
  };
  /** Why the file was refused, worded for the UI's language (describeWorded). */
  error: WordedMessage | null;
}

const CLOSED: ImportState = {
  stage: 'closed',
  fileName: '',
  bytes: null,
  preview: null,
  mapping: {},
  crs: 'EPSG:4326',
  valueMapping: {},
  keepOutsideVietnam: false,
  keepStationRows: false,
  mixedCrsConfirmed: false,
  removalsConfirmed: false,
  mode: 'replaceOperator',
  coordinates: null,
  progress: 0,
  read: null,
  applied: null,
  server: { status: 'none', message: null },
  error: null,
};

export const useImportStore = create<ImportState>(() => CLOSED);

function provincePolygons(): LonLatPolygon[] {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return [];
  return dataset.province.features.flatMap((feature) =>
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates,
  );
}

/** The province the import is checked against, named in the coordinate messages. */
function importArea(): ImportArea {
  return { polygons: provincePolygons(), name: useAppStore.getState().dataset?.provinceName ?? '' };
}

/** Step 1: the file's first rows, the proposed mapping and the coordinate check, all computed in a worker. */
export async function openImport(file: File): Promise<void> {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  useImportStore.setState({ ...CLOSED, stage: 'previewing', fileName: file.name, bytes });
  try {
    const preview = await getAnalysisPool().run((api) =>
      api.previewImport(bytes, file.name, 'EPSG:4326', importArea()),
    );
    useImportStore.setState({
      stage: 'mapping',
      preview,
      mapping: preview.proposal?.mapping ?? {},
      coordinates: preview.coordinates,
    });
  } catch (error) {
    useImportStore.setState({ stage: 'error', error: wordedOf(error) });
  }
}

/**
 * The user changed a column, the CRS, a value mapping or the outside-Việt-Nam choice: check the preview coordinates
 * again, and when the whole file was read already, read it again so that the counts and problems update in place.
 */
export async function updateMapping(patch: {
  mapping?: ColumnMapping;
  crs?: string;
  valueMapping?: TowerValueMapping;
  keepOutsideVietnam?: boolean;
  keepStationRows?: boolean;
}): Promise<void> {
  const state = useImportStore.getState();
  useImportStore.setState({ ...patch, mixedCrsConfirmed: patch.crs ? false : state.mixedCrsConfirmed });
  if ((patch.mapping || patch.crs) && state.preview && !state.preview.preview.geometryFromFile) {
    const preview = state.preview.preview;
    const { mapping, crs } = useImportStore.getState();
    try {
      const coordinates = await getAnalysisPool().run((api) =>
        api.checkImportCoordinates(preview, mapping, crs, importArea()),
      );
      useImportStore.setState({ coordinates, error: null });
    } catch (error) {
      useImportStore.setState({ coordinates: null, error: wordedOf(error) });
    }
  }
  if (state.read && (state.stage === 'review' || state.stage === 'reading')) await readWholeFile();
}

const readRun = latestRun();

/** Step 2: read every row with the chosen mapping; nothing changes on the map yet. */
export async function readWholeFile(): Promise<void> {
  const state = useImportStore.getState();
  const dataset = useAppStore.getState().dataset;
  if (!state.bytes || !dataset) return;
  const run = readRun.start();
  const bytes = state.bytes;
  const user = useServerStore.getState().user;
  const source: TowerSource = {
    kind: 'file',
    name: state.fileName,
    importedAt: new Date().toISOString(),
    ...(user ? { importedBy: user.username } : {}),
  };
  const datasetKey = datasetKeyOf(dataset);
  useImportStore.setState({ stage: 'reading', progress: 0, error: null, server: { status: 'none', message: null } });
  try {
    const read = await getAnalysisPool().run(
      async (api, jobId) => {
        // The diff needs the masts on screen: the worker loads them unless it holds them already.
        await ensureResident(api, dataset);
        return api.readImport(
          jobId,
          bytes,
          state.fileName,
          {
            columns: state.preview?.preview.geometryFromFile ? undefined : state.mapping,
            crs: state.crs,
            valueMapping: state.valueMapping,
            keepOutsideVietnam: state.keepOutsideVietnam,
            keepStationRows: state.keepStationRows,
            areaPolygons: provincePolygons(),
            areaName: dataset.provinceName,
          },
          datasetKey,
          source,
          // An operator's account imports its own masts: the file's others are listed as rows left out.
          user?.role === 'operator' ? user.operator : null,
          Comlink.proxy((fraction: number) => useImportStore.setState({ progress: fraction })),
        );
      },
      { signal: run.signal },
    );
    if (!run.isCurrent()) return;
    const firstRead = useImportStore.getState().read === null;
    useImportStore.setState({
      stage: 'review',
      progress: 1,
      read,
      ...(firstRead ? { mode: read.defaultMode, removalsConfirmed: false } : {}),
    });
  } catch (error) {
    if (!run.isCurrent()) return;
    useImportStore.setState(
      isCancelledError(error) ? { stage: 'mapping' } : { stage: 'error', error: wordedOf(error) },
    );
  }
}

export function setMergeMode(mode: TowerMergeMode): void {
  useImportStore.setState({ mode, removalsConfirmed: false });
}

export function confirmRemovals(confirmed: boolean): void {
  useImportStore.setState({ removalsConfirmed: confirmed });
}

/**
 * Whether applying would remove more of the file's operators' masts than the file brings (a district's list
 * replacing a province's register, say): then the planner confirms the removals before applying.
 */
export function needsRemovalConfirmation(state: Pick<ImportState, 'mode' | 'read'>): boolean {
  const read = state.read;
  return state.mode === 'replaceOperator' && read !== null && read.diffs.replaceOperator.removed > read.acceptedCount;
}

export function confirmMixedCrs(confirmed: boolean): void {
  useImportStore.setState({ mixedCrsConfirmed: confirmed });
}

/** Whether the file mixes degrees and projected rows, so the user must confirm the split. */
export function isMixedCrs(read: ImportReadResult | null): boolean {
  return (read?.result.crsCounts?.wgs84 ?? 0) > 0 && (read?.result.crsCounts?.projected ?? 0) > 0;
}

/**
 * Step 3: signed in, send the read masts to the server as the operator's (or the province's), and show the server's
 * list once it took them: the page then shows (and reloads) what the server keeps, and a refusal leaves the map and
 * the review as they were, with the server's words. Without an account, merge them into the province's masts as the
 * chosen mode says and keep them in this browser.
 */
export async function applyImport(): Promise<void> {
  const state = useImportStore.getState();
  const dataset = useAppStore.getState().dataset;
  if (!state.read || !dataset || state.read.acceptedCount === 0) return;
  const read = state.read;
  useImportStore.setState({ stage: 'applying', server: { status: 'none', message: null } });
  if (useServerStore.getState().user) {
    useImportStore.setState({ server: { status: 'saving', message: null } });
    const saved = await saveImportOnServer(dataset.provinceCode, read, state.mode, state.fileName);
    const total = useAppStore.getState().dataset?.towers.length ?? 0;
    useImportStore.setState(saved ? { stage: 'done', applied: { mode: state.mode, total } } : { stage: 'review' });
    return;
  }
  try {
    // The merge runs in a worker that holds the masts on screen; the page decodes the result in slices.
    const incoming = copyTowerColumns(read.columns);
    const merged = await getAnalysisPool().run(async (api) => {
      const key = await ensureResident(api, dataset);
      return api.mergeImport(key, Comlink.transfer(incoming, towerColumnBuffers(incoming)), state.mode);
    });
    const towers = await decodeTowerColumnsInSlices(merged.columns);
    // The worker packed the arrays and built the map's draw index: the page only fills in the ids.
    const arrays = merged.arrays;
    arrays.ids = towers.map((tower) => tower.id);
    rememberTowerDrawIndex(arrays, merged.drawOrder, merged.drawIndexData);
    const next = replaceTowersWithArrays(dataset, towers, arrays, read.rejectedCount);
    rememberTowerColumns(next, merged.columns);
    await saveTowerColumns(dataset.provinceCode, merged.columns);
    useImportStore.setState({ stage: 'done', applied: { mode: state.mode, total: towers.length } });
    showDataset(next);
  } catch (error) {
    useImportStore.setState({ stage: 'error', error: wordedOf(error) });
  }
}

/**
 * Signed in: the imported masts become the operator's (or the province's) on the server, then the map shows its list.
 * Whether the server took them; a refusal is kept with the file's line of the mast it names (the record's number when
 * the file has no lines; the server counts the masts sent, not the file's rows).
 */
async function saveImportOnServer(
  provinceCode: string,
  read: ImportReadResult,
  mode: TowerMergeMode,
  fileName: string,
): Promise<boolean> {
  try {
    // ~15 MB of JSON for 100,000 masts: written in a worker, handed to fetch as a Blob.
    const columns = copyTowerColumns(read.columns);
    const body = await getAnalysisPool().run((api) =>
      api.mastImportBody(Comlink.transfer(columns, towerColumnBuffers(columns)), mode, fileName),
    );
    const result = await apiClient.importMastsBody(provinceCode, body);
    useImportStore.setState({
      server: {
        status: 'saved',
        message: null,
        counts: {
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          removed: result.removed,
          kept: result.keptWithRequests,
        },
        foreignTenantsIgnored: result.foreignTenantsIgnored ?? 0,
        keptCommitted: result.keptCommitted ?? [],
      },
    });
    // The map shows the server's masts: a mast another operator has requested is kept there even when the file
    // leaves it out.
    await loadServerMasts();
    return true;
  } catch (error) {
    const named = withFileRow(error, read.result.towerLines ?? read.result.towerRows);
    useImportStore.setState({
      server: { status: 'failed', message: named instanceof Error ? named.message : String(named), error: named },
    });
    return false;
  }
}

export function cancelImport(): void {
  readRun.cancel();
}

export function closeImport(): void {
  // Abandon, not cancel: a cancelled read reports itself by going back to the mapping step, which would reopen the dialog.
  readRun.abandon();
  useImportStore.setState(CLOSED);
}

/**
 * Forgets the masts kept in this browser and brings back the province's own (the synthetic demo masts): for work done
 * without an account, and on signing out (the server's register does not stay on a shared computer).
 */
export async function restoreDemoMasts(): Promise<void> {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return;
  await clearSavedTowers(dataset.provinceCode);
  const demo = await loadDemoProvince();
  showDataset(await replaceTowersInSlices(dataset, demo.towers, 0));
}
