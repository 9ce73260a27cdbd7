import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ProvinceDataset } from '../data/provinceDataset';
import { translate } from '../i18n/strings';
import { BACKBONE_LAYER_IDS, basemapStyle, COMMUNE_LAYER_IDS } from './basemapStyle';
import { buildDeckLayers, type DeckLayerInputs, isSharedMast } from './buildDeckLayers';
import { mainlandBounds } from './mainlandBounds';

maplibregl.setWorkerUrl(maplibreWorkerUrl);

export interface MapCallbacks {
  onSelectTower(index: number | null): void;
  /**
   * A proposed site dragged on the map: its index and where the pointer is (null when it did not move); `done` on
   * release. Absent: sites cannot be dragged.
   */
  onDragSite?(index: number, lonLat: [number, number] | null, done: boolean): void;
  /** A click on the map at [lon, lat]; true when it was used (drawing a zone), so it selects nothing. */
  onMapClick?(lonLat: [number, number]): boolean;
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
  private lastInputs: DeckLayerInputs | null = null;
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
            return this.tooltip(info.object, info.layer?.id);
          },
          onClick: (info) => {
            const coordinate = info.coordinate as [number, number] | undefined;
            if (coordinate && this.callbacks.onMapClick?.([coordinate[0], coordinate[1]])) return;
            this.callbacks.onSelectTower(
              info.layer?.id === 'towers' && typeof info.object === 'number' ? info.object : null,
            );
          },
        });
        this.map.addControl(this.overlay);
        this.map.on('mousedown', (event) => this.startSiteDrag(event));
        if (this.lastInputs) this.update(this.lastInputs);
        resolve();
      });
    });
  }

  update(inputs: DeckLayerInputs): void {
    this.lastInputs = inputs;
    if (!this.overlay) return;
    this.setVisibility(BACKBONE_LAYER_IDS, inputs.layers.backbone);
    this.setVisibility(COMMUNE_LAYER_IDS, inputs.layers.communes);
    this.overlay.setProps({ layers: buildDeckLayers(inputs) });
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
    const lons = points.map((point) => point[0]);
    const lats = points.map((point) => point[1]);
    this.map.fitBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], {
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

  /** The towers layer's data are tower indices, so a picked object is the index of the tower in the dataset. */
  private tooltip(towerIndex: unknown, layerId: string | undefined): { text: string } | null {
    if (layerId !== 'towers' || typeof towerIndex !== 'number') return null;
    const language = this.lastInputs?.language ?? 'vi';
    const tower = this.dataset.towers[towerIndex];
    if (!tower) return null;
    const shared = isSharedMast(this.dataset, towerIndex) ? ` · ${translate(language, 'sharedMasts')}` : '';
    return {
      text: `${tower.id} (${translate(language, 'syntheticShort')})\n${tower.tenants.join(' + ')}${shared}\n${
        tower.mastType ?? '?'
      } · ${tower.heightM ?? '?'} m`,
    };
  }
}
