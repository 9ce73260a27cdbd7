import type { ReadinessKpi } from '../../../core/readiness/readinessTypes';
import type { PlanSharedSitesResult } from '../../../core/siting/planSharedSites';
import type { ProvinceDataset } from '../../data/provinceDataset';
import type { Language } from '../../i18n/strings';
import type { AppState, TerrainImage } from '../../store/appStore';
import type { ProjectDocument } from '../../store/projectDocument';
import type { TowerWindow } from '../towerLayerData';

/** What the map draws: each layer group (this folder) reads the part it needs. */
export interface DeckLayerInputs {
  dataset: ProvinceDataset;
  layers: ProjectDocument['layers'];
  coverage: AppState['coverage'];
  /** The propagation raster, when the coverage tab is in propagation mode and a run finished. */
  signal: { image: ImageBitmap; bounds: [number, number, number, number] } | null;
  coverageView: string;
  selectedTowerIndex: number | null;
  language: Language;
  /** Only masts (and pairs) inside this window are drawn; all when null (see MapController.updateTowerWindow). */
  towerWindow: TowerWindow | null;
  /** Pairs of different operators' masts within the sharing distance (tower indices a[i], b[i]). */
  pairs: { a: Int32Array | Uint32Array; b: Int32Array | Uint32Array; count: number } | null;
  /** Exclusion zones of the site plan (polygons of [lon, lat] rings) and the zone being drawn, when shown. */
  exclusion: { zones: number[][][][]; drawing: Array<[number, number]> | null } | null;
  /** Proposed sites of the province's published plans (the requests tab): [lon, lat] and their ids. */
  publishedSites: Array<{ lon: number; lat: number; id: string }> | null;
  /** Proposed shared sites and the one selected. */
  plan: {
    result: PlanSharedSitesResult;
    selectedIndex: number | null;
    siteRadiusM: number;
    /** A site being dragged: drawn where the pointer is. */
    drag: { index: number; lon: number; lat: number } | null;
  } | null;
  /** The terrain's images, coarsest first, once computed (see ensureHillshadeImages). */
  terrain: TerrainImage[] | null;
  /** The ministry's province choropleth, when shown, and the masts of the province drilled into (national set). */
  choropleth: {
    kpi: ReadinessKpi;
    valueByCode: Record<string, number | null>;
    selectedCode: string | null;
    masts: { positions: Float32Array; colors: Uint8Array; count: number } | null;
    /** The drilled-into province's coverage classes as an image, and its [west, south, east, north]. */
    coverage: { image: HTMLCanvasElement; bounds: [number, number, number, number] } | null;
  } | null;
  /** The viewshed's image and its corners (bottom-left, top-left, top-right, bottom-right), once computed. */
  viewshed: { image: ImageBitmap; corners: [number, number][] } | null;
  /** The custom point picked for a viewshed, [lon, lat]. */
  terrainPoint: [number, number] | null;
  /** The link whose profile is shown: its ends [lon, lat] and how well it clears the terrain. */
  link: { from: [number, number]; to: [number, number]; clearance: 'clearsF1' | 'lineOfSight' | 'obstructed' } | null;
}
