import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import {
  BitmapLayer,
  GeoJsonLayer,
  LineLayer,
  PathLayer,
  PolygonLayer,
  ScatterplotLayer,
  TextLayer,
} from '@deck.gl/layers';
import { operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import { isSharedMastAt } from '../../core/model/towerArrays';
import type { ReadinessKpi } from '../../core/readiness/readinessTypes';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import type { ProvinceDataset } from '../data/provinceDataset';
import type { Language } from '../i18n/strings';
import { choroplethColour } from '../ministry/choroplethColours';
import type { AppState } from '../store/appStore';
import type { ProjectDocument } from '../store/projectDocument';
import { RASTER_BEFORE_ID } from './basemapStyle';
import { pairLayerData } from './pairLayerData';
import { coverageImage, gridBounds, populationImage } from './rasterImages';
import { MAST_RADIUS_PX, SHARED_MAST_RADIUS_PX, type TowerWindow, towerLayerData } from './towerLayerData';

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
  /** The ministry's province choropleth, when shown. */
  choropleth: { kpi: ReadinessKpi; valueByCode: Record<string, number | null>; selectedCode: string | null } | null;
}

/** Exclusion zones: red, translucent, so what lies under them stays readable. */
export const EXCLUSION_FILL: [number, number, number, number] = [213, 40, 40, 70];
export const EXCLUSION_LINE: [number, number, number, number] = [190, 20, 20, 255];

/** Label anchors placed just off the islands so the text does not hide them. */
export const ARCHIPELAGO_LABELS = [
  { position: [111.9, 15.8], vi: 'Quần đảo Hoàng Sa (Việt Nam)', en: 'Hoàng Sa archipelago (Việt Nam)' },
  { position: [114.3, 10.2], vi: 'Quần đảo Trường Sa (Việt Nam)', en: 'Trường Sa archipelago (Việt Nam)' },
];

// Images are built once per input and reused across renders.
const populationCanvasCache = new WeakMap<object, HTMLCanvasElement>();
let coverageCanvasCache: { key: unknown[]; canvas: HTMLCanvasElement } | null = null;

function cachedCoverageCanvas(inputs: DeckLayerInputs, bits: Uint8Array): HTMLCanvasElement {
  const { dataset, coverageView } = inputs;
  const key = [dataset, bits, coverageView];
  if (coverageCanvasCache?.key.every((part, i) => part === key[i])) {
    return coverageCanvasCache.canvas;
  }
  const names = dataset.towerArrays.operatorNames;
  const viewIndex = names.indexOf(coverageView);
  const bitMask = viewIndex >= 0 ? 1 << viewIndex : 0xff;
  const rgb: [number, number, number] = viewIndex >= 0 ? operatorColorRgb(coverageView) : [0, 140, 70];
  const canvas = coverageImage(dataset.population, bits, bitMask, rgb);
  coverageCanvasCache = { key, canvas };
  return canvas;
}

export function isSharedMast(dataset: ProvinceDataset, index: number): boolean {
  return isSharedMastAt(dataset.towerArrays, index);
}

/** The deck.gl layers for the current state: a pure function of its inputs. */
export function buildDeckLayers(inputs: DeckLayerInputs): Layer[] {
  const { dataset, layers, coverage, selectedTowerIndex, language } = inputs;
  const grid = dataset.population;
  const bounds = gridBounds(grid);
  const result: Layer[] = [];
  const { choropleth } = inputs;
  if (choropleth) {
    result.push(
      new GeoJsonLayer({
        id: 'readiness-choropleth',
        data: dataset.provinces,
        filled: true,
        stroked: true,
        pickable: true,
        getFillColor: (feature) =>
          [
            ...choroplethColour(choropleth.kpi, choropleth.valueByCode[String(feature.properties?.code)] ?? null),
            210,
          ] as [number, number, number, number],
        getLineColor: (feature) =>
          feature.properties?.code === choropleth.selectedCode ? [255, 0, 0, 255] : [255, 255, 255, 200],
        getLineWidth: (feature) => (feature.properties?.code === choropleth.selectedCode ? 3 : 1),
        lineWidthUnits: 'pixels',
        updateTriggers: {
          getFillColor: [choropleth.kpi, choropleth.valueByCode],
          getLineColor: choropleth.selectedCode,
          getLineWidth: choropleth.selectedCode,
        },
        beforeId: RASTER_BEFORE_ID,
      }),
    );
  }
  if (layers.population) {
    let canvas = populationCanvasCache.get(grid);
    if (!canvas) {
      canvas = populationImage(grid);
      populationCanvasCache.set(grid, canvas);
    }
    result.push(
      new BitmapLayer({
        id: 'population',
        image: canvas,
        bounds,
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        beforeId: RASTER_BEFORE_ID,
      }),
    );
  }
  if (layers.coverage && inputs.signal) {
    result.push(
      new BitmapLayer({
        id: 'signal',
        image: inputs.signal.image,
        bounds: inputs.signal.bounds,
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        pickable: true,
        beforeId: RASTER_BEFORE_ID,
      }),
    );
  } else if (layers.coverage && coverage.coveredBits) {
    result.push(
      new BitmapLayer({
        id: 'coverage',
        image: cachedCoverageCanvas(inputs, coverage.coveredBits),
        bounds,
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        beforeId: RASTER_BEFORE_ID,
      }),
    );
  }
  if (layers.towers) {
    // Binary attributes of the masts in the window: see towerLayerData. A picked index is a position in that data.
    const towers = towerLayerData(dataset.towerArrays, inputs.towerWindow);
    result.push(
      new ScatterplotLayer({
        id: 'towers',
        data: {
          length: towers.length,
          attributes: {
            getPosition: { value: towers.positions, size: 2 },
            getFillColor: { value: towers.fillColors, size: 4 },
            getRadius: { value: towers.radiiPx, size: 1 },
          },
        },
        getLineColor: [255, 255, 255],
        getLineWidth: 1,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        stroked: true,
        pickable: true,
      }),
    );
    if (selectedTowerIndex !== null && selectedTowerIndex < dataset.towerArrays.count) {
      const { lon, lat, ownerIndex, operatorNames } = dataset.towerArrays;
      const shared = isSharedMastAt(dataset.towerArrays, selectedTowerIndex);
      // The selected mast on top of all others, outlined in black; not pickable, so a click reaches the masts layer.
      result.push(
        new ScatterplotLayer<number>({
          id: 'tower-selected',
          data: [selectedTowerIndex],
          getPosition: (i) => [lon[i], lat[i]],
          getFillColor: shared
            ? SHARED_MAST_COLOR_RGB
            : operatorColorRgb(operatorNames[ownerIndex[selectedTowerIndex]]),
          getLineColor: [0, 0, 0],
          getRadius: shared ? SHARED_MAST_RADIUS_PX : MAST_RADIUS_PX,
          getLineWidth: 3,
          radiusUnits: 'pixels',
          lineWidthUnits: 'pixels',
          stroked: true,
        }),
      );
    }
  }
  if (inputs.pairs && inputs.pairs.count > 0) {
    const pairs = pairLayerData(dataset.towerArrays, inputs.pairs, inputs.towerWindow);
    result.push(
      new LineLayer({
        id: 'colocation-pairs',
        data: {
          length: pairs.length,
          attributes: {
            getSourcePosition: { value: pairs.sourcePositions, size: 2 },
            getTargetPosition: { value: pairs.targetPositions, size: 2 },
          },
        },
        getColor: [20, 20, 20, 230],
        getWidth: 3,
        widthUnits: 'pixels',
      }),
    );
  }
  if (inputs.exclusion) {
    const { zones, drawing } = inputs.exclusion;
    result.push(
      new PolygonLayer<number[][][]>({
        id: 'exclusion-zones',
        data: zones,
        getPolygon: (zone) => zone,
        filled: true,
        stroked: true,
        getFillColor: EXCLUSION_FILL,
        getLineColor: EXCLUSION_LINE,
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
      }),
    );
    if (drawing && drawing.length > 0) {
      result.push(
        new PathLayer<Array<[number, number]>>({
          id: 'exclusion-drawing',
          data: [drawing.length > 2 ? [...drawing, drawing[0]] : drawing],
          getPath: (path) => path,
          getColor: EXCLUSION_LINE,
          getWidth: 2,
          widthUnits: 'pixels',
        }),
        new ScatterplotLayer<[number, number]>({
          id: 'exclusion-drawing-corners',
          data: drawing,
          getPosition: (corner) => corner,
          getRadius: 5,
          radiusUnits: 'pixels',
          getFillColor: EXCLUSION_LINE,
        }),
      );
    }
  }
  if (inputs.publishedSites && inputs.publishedSites.length > 0) {
    result.push(
      new ScatterplotLayer<{ lon: number; lat: number; id: string }>({
        id: 'published-sites',
        data: inputs.publishedSites,
        getPosition: (site) => [site.lon, site.lat],
        getRadius: 9,
        radiusUnits: 'pixels',
        getFillColor: [255, 255, 255],
        getLineColor: [0, 90, 170],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        stroked: true,
      }),
      new TextLayer<{ lon: number; lat: number; id: string }>({
        id: 'published-site-ids',
        data: inputs.publishedSites,
        getPosition: (site) => [site.lon, site.lat],
        getText: (site) => site.id,
        getSize: 12,
        getColor: [0, 60, 130],
        getPixelOffset: [0, -18],
        fontWeight: 700,
        outlineWidth: 3,
        outlineColor: [255, 255, 255],
        fontSettings: { sdf: true },
      }),
    );
  }
  if (inputs.plan) {
    const { result: plan, selectedIndex, siteRadiusM, drag } = inputs.plan;
    const sitePosition = (site: { lon: number; lat: number }, index: number): [number, number] =>
      drag && index === drag.index ? [drag.lon, drag.lat] : [site.lon, site.lat];
    const dragTrigger = drag ? [drag.index, drag.lon, drag.lat] : null;
    result.push(
      new ScatterplotLayer({
        id: 'proposed-site-reach',
        updateTriggers: { getPosition: dragTrigger },
        data: plan.sites,
        getPosition: (site, { index }) => sitePosition(site, index),
        getRadius: siteRadiusM,
        radiusUnits: 'meters',
        filled: true,
        stroked: true,
        getFillColor: [86, 180, 233, 45],
        getLineColor: [0, 60, 120, 200],
        getLineWidth: 1.5,
        lineWidthUnits: 'pixels',
      }),
      new ScatterplotLayer({
        id: 'proposed-sites',
        data: plan.sites,
        getPosition: (site, { index }) => sitePosition(site, index),
        getRadius: (_site, { index }) => (index === selectedIndex ? 10 : 7),
        radiusUnits: 'pixels',
        getFillColor: [0, 0, 0],
        getLineColor: [86, 180, 233],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: { getRadius: selectedIndex, getPosition: dragTrigger },
        pickable: true,
      }),
      new TextLayer({
        id: 'proposed-site-ranks',
        updateTriggers: { getPosition: dragTrigger },
        data: plan.sites,
        getPosition: (site, { index }) => sitePosition(site, index),
        getText: (_site, { index }) => String(index + 1),
        getSize: 11,
        getColor: [255, 255, 255],
        fontWeight: 700,
      }),
    );
  }
  result.push(
    new TextLayer({
      id: 'sovereignty-labels',
      data: ARCHIPELAGO_LABELS,
      getPosition: (d) => d.position as [number, number],
      getText: (d) => d[language],
      getSize: 13,
      getColor: [20, 50, 110],
      characterSet: 'auto',
      fontFamily: 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
      outlineWidth: 3,
      outlineColor: [255, 255, 255],
      fontSettings: { sdf: true },
      updateTriggers: { getText: language },
    }),
  );
  return result;
}
