import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { isSharedMastAt } from '../../core/model/towerArrays';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber, translate } from '../i18n/strings';
import { BACKBONE_LAYER_IDS, basemapStyle, COMMUNE_LAYER_IDS } from './basemapStyle';
import { buildDeckLayers } from './buildDeckLayers';
import type { DeckLayerInputs } from './layers/deckLayerInputs';
import { mainlandBounds } from './mainlandBounds';
import { boxContains, type LonLatBox, type TowerWindow, towerLayerData } from './towerLayerData';

/** From this zoom (a province fills the view) every mast in the window is drawn; below it, the top-most of each screen cell. */
const EVERY_MAST_FROM_ZOOM = 8;
/** Side of that screen cell, CSS pixels: masts closer than this are one dot to the eye (a dot is 8-11 px wide). */
const MAST_CELL_PX = 1.5;

maplibregl.setWorkerUrl(maplibreWorkerUrl);

/** What the map draws; the controller adds the window of masts to draw. */
export type MapInputs = Omit<DeckLayerInputs, 'towerWindow'>;

export interface MapCallbacks {
  onSelectTower(index: number | null): void;
  /**
   * A proposed site dragged on the map: its index and where the pointer is (null when it did not move); `done` on
   * release. Absent: sites cannot be dragged.
   */
  onDragSite?(index: number, lonLat: [number, number] | null, done: boolean): void;
  /**
   * A click on the map at [lon, lat], on mast `towerIndex` or beside every mast (null); true when it was used (drawing
   * a zone, picking a link's far end), so it selects nothing.
   */
  onMapClick?(lonLat: [number, number], towerIndex: number | null): boolean;
  /** Hover text for a cell of a raster layer (column and row of its image), or null. */
  describeRasterCell?(layerId: string, col: number, row: number): string | null;
}

/**
 * Owns the MapLibre map and the interleaved deck.gl overlay. Components talk to it through `update`; it never reads the
 * store itself, so the same controller can be driven by tests.
 */
export class MapController {
  readonly map: maplibregl.Map;
  private overlay: MapLibreOverlay | null = null;
  private lastInputs: MapInputs | null = null;
  /** Ids of the deck.gl layers last handed to the overlay (for tests and debugging). */
  private lastLayerIds: string[] = [];
  /** The window whose masts are drawn (see updateTowerWindow); null until the map has a size. */
  private towerWindow: TowerWindow | null = null;
  readonly loaded: Promise<void>;

  constructor(
    container: HTMLElement,
    private readonly dataset: ProvinceDataset,
    private readonly callbacks: MapCallbacks,
    initialView: { lon: number; lat: number; zoom: number } | null = null,
  ) {
    this.map = new maplibregl.Map({
      container,
      style: basemapStyle(dataset),
      ...(initialView
        ? { center: [initialView.lon, initialView.lat] as [number, number], zoom: initialView.zoom }
        : { bounds: mainlandBounds(dataset), fitBoundsOptions: { padding: 24 } }),
      // Sources and the synthetic-data note are shown by MapView as plain text (see MapView.tsx).
      attributionControl: false,
      maxZoom: 17,
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.loaded = new Promise((resolve) => {
      // The overlay must be added after load, or deck draws above everything and ignores beforeId.
      this.map.once('load', () => {
        this.overlay = new MapLibreOverlay({
          interleaved: true,
          layers: [],
          getCursor: this.cursor,
          getTooltip: (info) => {
            const pixel = (info as { bitmap?: { pixel: [number, number] } }).bitmap?.pixel;
            if (pixel && info.layer) {
              const text = this.callbacks.describeRasterCell?.(
                info.layer.id,
                Math.floor(pixel[0]),
                Math.floor(pixel[1]),
              );
              return text ? { text } : null;
            }
            if (info.layer?.id === 'proposed-sites' && info.index >= 0) {
              const language = this.lastInputs?.language ?? 'vi';
              return { text: `${info.index + 1} · ${translate(language, 'dragToMove')}` };
            }
            return this.tooltip(this.pickedTowerIndex(info.layer?.id, info.index));
          },
          onClick: (info) => {
            const coordinate = info.coordinate as [number, number] | undefined;
            const towerIndex = this.pickedTowerIndex(info.layer?.id, info.index);
            if (coordinate && this.callbacks.onMapClick?.([coordinate[0], coordinate[1]], towerIndex)) return;
            this.callbacks.onSelectTower(towerIndex);
          },
        });
        this.map.addControl(this.overlay);
        this.map.on('mousedown', (event) => this.startSiteDrag(event));
        this.map.on('moveend', () => {
          if (this.lastInputs && this.updateTowerWindow()) this.update(this.lastInputs);
        });
        if (this.lastInputs) this.update(this.lastInputs);
        resolve();
      });
    });
  }

  /** Whether a terrain tool is picking a point: the cursor over the map is then a crosshair (deck sets it inline). */
  setPicking(picking: boolean): void {
    this.picking = picking;
    this.overlay?.setProps({ getCursor: this.cursor });
    // At once, before the pointer next moves over the map (deck applies its cursor on pointer events).
    this.map.getCanvas().style.cursor = this.cursor({ isDragging: false });
  }

  private picking = false;

  private readonly cursor = ({ isDragging }: { isDragging: boolean }) =>
    this.picking ? 'crosshair' : isDragging ? 'grabbing' : 'grab';

  update(inputs: MapInputs): void {
    this.lastInputs = inputs;
    if (!this.overlay) return;
    this.setVisibility(BACKBONE_LAYER_IDS, inputs.layers.backbone);
    this.setVisibility(COMMUNE_LAYER_IDS, inputs.layers.communes);
    this.updateTowerWindow();
    const layers = buildDeckLayers({ ...inputs, towerWindow: this.towerWindow });
    this.lastLayerIds = layers.map((layer) => layer.id);
    this.overlay.setProps({ layers });
  }

  /** The ids of the deck.gl layers drawn now, bottom first. */
  deckLayerIds(): string[] {
    return [...this.lastLayerIds];
  }

  /**
   * Only masts in and around the view go to the GPU: at the province's zoom a few thousand of 100,000, and below zoom
   * 8 (wider than a province) one per 1.5-pixel cell. Drawing and picking cost grows with every instance drawn, which under software WebGL
   * (no GPU, SwiftShader) is seconds a frame for 100,000 masts (measured: 1-3.6 s page tasks per redraw without the
   * window, 0.3-0.7 s with it). The window is the view grown by its own size on each side, so a pan or a zoom out by
   * one level stays inside it; it is recomputed when the view leaves it, shrinks well inside it or changes zoom by
   * half a level or more below zoom 8. A new window is new data for deck.gl (an upload, costly under software WebGL),
   * so the province's zooms, where a planner works, share one undecimated window. True when it changed.
   */
  private updateTowerWindow(): boolean {
    const bounds = this.map.getBounds();
    const view: LonLatBox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    const width = view[2] - view[0];
    const height = view[3] - view[1];
    const widthPx = this.map.getContainer().clientWidth;
    if (!(width > 0 && height > 0 && widthPx > 0)) return false;
    const cellDeg = this.map.getZoom() < EVERY_MAST_FROM_ZOOM ? (MAST_CELL_PX * width) / widthPx : 0;
    const current = this.towerWindow;
    const box = current?.box;
    const sameCell =
      current !== null &&
      (current.cellDeg === 0 ? cellDeg === 0 : Math.abs(Math.log2(cellDeg / current.cellDeg)) < 0.5);
    if (box && sameCell && boxContains(box, view) && (box[2] - box[0]) * (box[3] - box[1]) < 25 * width * height) {
      return false;
    }
    this.towerWindow = { box: [view[0] - width, view[1] - height, view[2] + width, view[3] + height], cellDeg };
    return true;
  }

  /** Dataset index of a mast picked on the masts layer (its data are the masts in the window, in draw order). */
  private pickedTowerIndex(layerId: string | undefined, index: number): number | null {
    if (layerId !== 'towers' || index < 0) return null;
    const data = towerLayerData(this.dataset.towerArrays, this.towerWindow);
    return index < data.length ? data.towerIndex[index] : null;
  }

  currentView(): { lon: number; lat: number; zoom: number } {
    const center = this.map.getCenter();
    return { lon: center.lng, lat: center.lat, zoom: this.map.getZoom() };
  }

  /** Fits the view to points (a single point zooms to street level around it). */
  fitPoints(points: Array<[number, number]>): void {
    if (points.length === 0) return;
    if (points.length === 1) {
      this.map.jumpTo({ center: points[0], zoom: Math.max(this.map.getZoom(), 13) });
      return;
    }
    // A loop, not Math.min(...values): 100,000 arguments overflow the stack.
    let [west, south, east, north] = [points[0][0], points[0][1], points[0][0], points[0][1]];
    for (const [lon, lat] of points) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
    this.map.fitBounds([west, south, east, north], {
      padding: 40,
      duration: 0,
      maxZoom: 14,
    });
  }

  fitMainland(): void {
    this.map.fitBounds(mainlandBounds(this.dataset), { padding: 24, duration: 0 });
  }

  fitCountry(): void {
    this.map.fitBounds([102.1, 6.9, 117.0, 23.4], { padding: 16, duration: 0 });
  }

  destroy(): void {
    this.overlay?.finalize();
    this.map.remove();
  }

  /**
   * Dragging a proposed site with MapLibre's own pointer events: deck.gl's drag callbacks do not stop the map's pan in
   * interleaved mode (deck.gl discussion 8332), while preventDefault on MapLibre's mousedown does.
   */
  private startSiteDrag(event: maplibregl.MapMouseEvent): void {
    if (!this.overlay || !this.callbacks.onDragSite || event.originalEvent.button !== 0) return;
    const picked = this.overlay.pickObject({
      x: event.point.x,
      y: event.point.y,
      radius: 4,
      layerIds: ['proposed-sites'],
    });
    if (!picked || picked.index < 0) return;
    event.preventDefault();
    const index = picked.index;
    let last: [number, number] | null = null;
    const move = (moved: maplibregl.MapMouseEvent) => {
      last = [moved.lngLat.lng, moved.lngLat.lat];
      this.callbacks.onDragSite?.(index, last, false);
    };
    const up = () => {
      this.map.off('mousemove', move);
      this.map.off('mouseup', up);
      this.callbacks.onDragSite?.(index, last, true);
    };
    this.map.on('mousemove', move);
    this.map.on('mouseup', up);
  }

  private setVisibility(layerIds: string[], visible: boolean): void {
    for (const id of layerIds) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }

  private tooltip(towerIndex: number | null): { text: string } | null {
    if (towerIndex === null) return null;
    const language = this.lastInputs?.language ?? 'vi';
    const tower = this.dataset.towers[towerIndex];
    if (!tower) return null;
    const shared = isSharedMastAt(this.dataset.towerArrays, towerIndex)
      ? ` · ${translate(language, 'sharedMasts')}`
      : '';
    // Where the record comes from: the demo's generated masts say so; an imported one names its file.
    const origin =
      tower.source?.kind === 'synthetic' || (!tower.source && this.dataset.towersAreSynthetic)
        ? ` (${translate(language, 'syntheticShort')})`
        : tower.source?.name
          ? ` (${tower.source.name})`
          : '';
    const heightM = tower.heightM;
    const height =
      heightM === undefined || heightM === null
        ? '?'
        : formatNumber(language, heightM, Number.isInteger(heightM) ? 0 : 1);
    return {
      text: `${tower.id}${origin}\n${tower.tenants.join(' + ')}${shared}\n${tower.mastType ?? '?'} · ${height} m`,
    };
  }
}
