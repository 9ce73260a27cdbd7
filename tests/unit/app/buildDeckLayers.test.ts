import { describe, expect, it } from 'vitest';
import type { ProvinceDataset } from '../../../src/app/data/provinceDataset';
import { buildDeckLayers } from '../../../src/app/map/buildDeckLayers';
import type { DeckLayerInputs } from '../../../src/app/map/layers/deckLayerInputs';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import type { PlanSharedSitesResult } from '../../../src/core/siting/planSharedSites';

const tower = (id: string, lon: number, lat: number, tenants: string[]): Tower => ({
  id,
  operator: tenants[0],
  lon,
  lat,
  heightM: null,
  radiusM: null,
  mastType: null,
  tenants,
});

// Only what the layer groups read; the rasters that need a canvas (population, coverage bits) stay off.
const dataset = {
  towerArrays: packTowers([tower('a', 108.2, 16.05, ['Viettel']), tower('b', 108.3, 16.1, ['VinaPhone', 'Viettel'])]),
  provinces: { type: 'FeatureCollection', features: [] },
} as unknown as ProvinceDataset;

const everything: DeckLayerInputs = {
  dataset,
  layers: {
    towers: true,
    backbone: true,
    population: false,
    communes: false,
    coverage: true,
    terrain: true,
    pairs: true,
  },
  coverage: { coveredBits: null } as DeckLayerInputs['coverage'],
  signal: { image: {} as ImageBitmap, bounds: [108, 16, 109, 17] },
  coverageView: 'all',
  selectedTowerIndex: 1,
  language: 'vi',
  towerWindow: null,
  pairs: { a: new Int32Array([0]), b: new Int32Array([1]), count: 1 },
  exclusion: {
    zones: [
      [
        [
          [108, 16],
          [108.1, 16],
          [108, 16.1],
        ],
      ],
    ],
    drawing: [
      [108, 16],
      [108.1, 16],
      [108.1, 16.1],
    ],
  },
  publishedSites: [{ lon: 108, lat: 16, id: 'P1' }],
  plan: {
    result: { sites: [{ id: 'S1', lon: 108.1, lat: 16.2 }] } as unknown as PlanSharedSitesResult,
    selectedIndex: 0,
    siteRadiusM: 500,
    drag: null,
  },
  choropleth: null,
  viewshed: {
    image: {} as ImageBitmap,
    corners: [
      [108.1, 16],
      [108.1, 16.1],
      [108.2, 16.1],
      [108.2, 16],
    ],
  },
  terrainPoint: [108.15, 16.05],
  link: { from: [108.2, 16.05], to: [108.3, 16.1], clearance: 'lineOfSight' },
  terrain: [
    {
      name: 'coarse.tif',
      image: {} as ImageBitmap,
      corners: [
        [107, 15],
        [107, 16],
        [109, 16],
        [109, 15],
      ],
    },
    {
      name: 'fine.hgt',
      image: {} as ImageBitmap,
      corners: [
        [108, 16],
        [108, 17],
        [109, 17],
        [109, 16],
      ],
    },
  ],
};

describe('buildDeckLayers (the layer groups composed in draw order)', () => {
  it('draws every group, bottom to top, with stable ids', () => {
    expect(buildDeckLayers(everything).map((layer) => layer.id)).toEqual([
      'terrain-0',
      'terrain-1',
      'signal',
      'viewshed',
      'viewshed-point',
      'link-profile',
      'towers',
      'tower-selected',
      'colocation-pairs',
      'exclusion-zones',
      'exclusion-drawing',
      'exclusion-drawing-corners',
      'published-sites',
      'published-site-ids',
      'proposed-site-reach',
      'proposed-sites',
      'proposed-site-ranks',
      'sovereignty-labels',
    ]);
  });

  it("the national view: the choropleth, the drilled-into province's coverage and masts, not the demo province's", () => {
    const layers = buildDeckLayers({
      ...everything,
      choropleth: {
        kpi: 'coverage_5g_share',
        valueByCode: {},
        selectedCode: 'VN01',
        masts: { positions: new Float32Array([105.8, 21, 105.9, 21.1]), colors: new Uint8Array(8), count: 2 },
        // No canvas here: the layer is only built, never drawn.
        coverage: { image: { width: 2, height: 2 } as HTMLCanvasElement, bounds: [105.7, 20.9, 106, 21.2] },
      },
    }).map((layer) => layer.id);
    expect(layers.slice(0, 3)).toEqual([
      'readiness-choropleth',
      'readiness-province-coverage',
      'readiness-province-masts',
    ]);
    expect(layers).not.toContain('towers');
    expect(layers).not.toContain('tower-selected');
  });

  it('leaves out what is hidden or empty; the sovereignty labels are always drawn', () => {
    const layers = buildDeckLayers({
      ...everything,
      layers: { ...everything.layers, coverage: false, towers: false, terrain: false },
      pairs: null,
      exclusion: null,
      publishedSites: [],
      plan: null,
      choropleth: null,
      viewshed: null,
      terrainPoint: null,
      link: null,
    });
    expect(layers.map((layer) => layer.id)).toEqual(['sovereignty-labels']);
  });

  it('the co-location lines follow their own toggle', () => {
    const ids = (pairs: boolean) =>
      buildDeckLayers({ ...everything, layers: { ...everything.layers, pairs } }).map((layer) => layer.id);
    expect(ids(true)).toContain('colocation-pairs');
    expect(ids(false)).not.toContain('colocation-pairs');
    expect(ids(false)).toContain('towers');
  });
});
