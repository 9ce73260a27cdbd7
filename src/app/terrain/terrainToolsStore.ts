import { create } from 'zustand';
import type { ViewshedImage } from '../../../workers/terrainApi';
import type { WordedMessage } from '../../core/model/wordedMessage';
import type { LinkProfile, LinkProfileRequest } from '../../core/terrain/computeLinkProfile';
import { DEFAULT_TARGET_HEIGHT_M, type ViewshedRequest } from '../../core/terrain/computeViewshed';

type Status = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** What a click on the map does while a terrain tool waits for one (the inspect panel's buttons set it). */
export type TerrainPickMode = 'none' | 'viewshedPoint' | 'linkTarget';

/** A mast without a height in its file is taken as this tall (the usual greenfield tower), m. */
export const DEFAULT_MAST_HEIGHT_M = 30;
/** Microwave backhaul bands in use in Vietnam, MHz (the list offered; any frequency can be typed). */
export const BACKHAUL_BANDS_MHZ = [7000, 8000, 13000, 15000, 18000, 23000] as const;

export interface ViewshedSettings {
  /** Cells within this distance of the site count, m. */
  radiusM: number;
  /** Antenna above the site's ground, m; null: the mast's own height (DEFAULT_MAST_HEIGHT_M without one). */
  heightM: number | null;
  /** The target above each cell's ground, m. */
  targetHeightM: number;
}

export interface LinkSettings {
  frequencyMHz: number;
  /** Antennas above their ground, m; null: the mast's own height (DEFAULT_MAST_HEIGHT_M without one). */
  txHeightM: number | null;
  rxHeightM: number | null;
}

export interface ViewshedRun {
  status: Status;
  progress: number;
  request: ViewshedRequest | null;
  /** The mast the viewshed is for; null for a custom point. */
  mastId: string | null;
  result: ViewshedImage | null;
  /** Why the run failed: the core's message with its code, worded in the UI's language when shown. */
  error: WordedMessage | null;
}

export interface LinkRun {
  status: Status;
  /** The two masts' ids (the profile is from the first to the second). */
  fromId: string | null;
  toId: string | null;
  request: LinkProfileRequest | null;
  result: LinkProfile | null;
  /** Why the run failed: the core's message with its code, worded in the UI's language when shown. */
  error: WordedMessage | null;
}

export interface TerrainToolsState {
  pickMode: TerrainPickMode;
  /** A point picked on the map for a viewshed, [lon, lat]. */
  customPoint: [number, number] | null;
  viewshedSettings: ViewshedSettings;
  linkSettings: LinkSettings;
  /** The link's far end for the selected mast (tower index), chosen on the map or in the list. */
  linkTargetIndex: number | null;
  viewshed: ViewshedRun;
  link: LinkRun;
}

export const IDLE_VIEWSHED: ViewshedRun = {
  status: 'idle',
  progress: 0,
  request: null,
  mastId: null,
  result: null,
  error: null,
};

export const IDLE_LINK: LinkRun = {
  status: 'idle',
  fromId: null,
  toId: null,
  request: null,
  result: null,
  error: null,
};

/** The viewshed and link-profile tools of the inspect panel: their settings, the map's pick mode and the last runs. */
export const useTerrainToolsStore = create<TerrainToolsState>(() => ({
  pickMode: 'none',
  customPoint: null,
  viewshedSettings: { radiusM: 5000, heightM: null, targetHeightM: DEFAULT_TARGET_HEIGHT_M },
  linkSettings: { frequencyMHz: 15000, txHeightM: null, rxHeightM: null },
  linkTargetIndex: null,
  viewshed: IDLE_VIEWSHED,
  link: IDLE_LINK,
}));

/** A mast's antenna height for the tools: its own, or DEFAULT_MAST_HEIGHT_M. */
export function mastHeightM(tower: { heightM: number | null }): number {
  return tower.heightM ?? DEFAULT_MAST_HEIGHT_M;
}

export function setPickMode(pickMode: TerrainPickMode): void {
  useTerrainToolsStore.setState({ pickMode });
}

export function setViewshedSetting<K extends keyof ViewshedSettings>(key: K, value: ViewshedSettings[K]): void {
  useTerrainToolsStore.setState((state) => ({ viewshedSettings: { ...state.viewshedSettings, [key]: value } }));
}

export function setLinkSetting<K extends keyof LinkSettings>(key: K, value: LinkSettings[K]): void {
  useTerrainToolsStore.setState((state) => ({ linkSettings: { ...state.linkSettings, [key]: value } }));
}

/** A custom point for the viewshed (null drops it); its antenna height starts again from the default. */
export function setCustomPoint(point: [number, number] | null): void {
  useTerrainToolsStore.setState((state) => ({
    customPoint: point,
    pickMode: 'none',
    viewshedSettings: { ...state.viewshedSettings, heightM: null },
  }));
}

/** Another mast selected: the heights typed for the previous one and its link's far end no longer apply. */
export function resetToolsForMast(): void {
  useTerrainToolsStore.setState((state) => ({
    pickMode: state.pickMode === 'linkTarget' ? 'none' : state.pickMode,
    linkTargetIndex: null,
    viewshedSettings: { ...state.viewshedSettings, heightM: null },
    linkSettings: { ...state.linkSettings, txHeightM: null, rxHeightM: null },
  }));
}

export function updateViewshedRun(patch: Partial<ViewshedRun>): void {
  useTerrainToolsStore.setState((state) => ({ viewshed: { ...state.viewshed, ...patch } }));
}

export function updateLinkRun(patch: Partial<LinkRun>): void {
  useTerrainToolsStore.setState((state) => ({ link: { ...state.link, ...patch } }));
}
