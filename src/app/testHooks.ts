import type { MapController } from './map/MapController';
import { useMinistryStore } from './ministry/ministryStore';
import type { PublishedProposedSite } from './server/apiTypes';
import { useServerStore } from './server/serverStore';
import { useSharingStore } from './sharing/sharingStore';
import { selectTower, useAppStore } from './store/appStore';
import { useTerrainToolsStore } from './terrain/terrainToolsStore';

/**
 * A small, read-only window into the running app for end-to-end tests and for people debugging in the console:
 * wait for the map to be idle (rendered, nothing loading) and read the state the panels show.
 */
export interface CoSiteTestHooks {
  waitForMapIdle(): Promise<void>;
  state(): ReturnType<typeof useAppStore.getState>;
  fitCountry(): void;
  fitMainland(): void;
  view(): { lon: number; lat: number; zoom: number };
  /** Moves the map (as a person's pan and zoom would). */
  jumpTo(lon: number, lat: number, zoom: number): void;
  /** Selects a tower by its index, as a click on the map does. */
  select(index: number | null): void;
  /** Screen position (CSS pixels in the map container) of a longitude/latitude. */
  project(lon: number, lat: number): { x: number; y: number };
  /** The site plan's exclusion zones (polygons of [lon, lat] rings). */
  exclusionZones(): number[][][][];
  /** Where the sharing tab's two analyses are ('idle', 'running', 'done', ...). */
  sharingStatus(): { colocation: string; plan: string };
  /** The ids of the deck.gl layers on the map, bottom first (the terrain's are `terrain-0`, `terrain-1`, ...). */
  deckLayerIds(): string[];
  /** The terrain's DEMs (names) and where their images are ('running', 'done', 'error'; null before the layer is on). */
  terrain(): { names: string[]; demoNames: string[]; imagesStatus: string | null; images: string[] };
  /**
   * The viewshed and link tools: the map's pick mode, the custom point, and each last run's status, request and
   * figures (the link's as computeLinkProfile returns them, points left out).
   */
  terrainTools(): {
    pickMode: string;
    customPoint: [number, number] | null;
    viewshed: { status: string; error: string | null; request: unknown; figures: Record<string, unknown> | null };
    link: { status: string; error: string | null; request: unknown; figures: Record<string, unknown> | null };
  };
}

declare global {
  interface Window {
    cosite?: CoSiteTestHooks;
    /** The last shared-site plan (tests compare it with what the panel shows). */
    cositeSharing?: () => unknown;
    /** The server session and lists as the requests tab shows them. */
    cositeServer?: () => {
      user: unknown;
      busy: boolean;
      proposedSites: PublishedProposedSite[];
      serverMasts: 'idle' | 'loading' | 'loaded' | 'failed';
    };
    /** The ministry's targets and readiness status. */
    cositeMinistry?: () => {
      targets: Record<string, number>;
      status: string;
      provinceMasts: { code: string; count: number; shared: number } | null;
      provinceCoverage: {
        code: string;
        populationTotal: number;
        populationCovered4g: number;
        populationCovered5g: number;
        /** Cells per PROVINCE_COVERAGE_CLASS value. */
        cellsByClass: number[];
      } | null;
    };
  }
}

export function exposeTestHooks(controller: MapController): void {
  window.cositeSharing = () => useSharingStore.getState().plan;
  window.cositeServer = () => useServerStore.getState();
  window.cositeMinistry = () => {
    const { targets, status, provinceMasts, provinceCoverage } = useMinistryStore.getState();
    const raster = provinceCoverage?.raster;
    const cellsByClass = [0, 0, 0, 0, 0, 0];
    if (raster) for (const value of raster.classes) cellsByClass[value]++;
    return {
      targets: { ...targets } as Record<string, number>,
      status,
      provinceMasts: provinceMasts && {
        code: provinceMasts.code,
        count: provinceMasts.count,
        shared: provinceMasts.shared,
      },
      provinceCoverage: raster
        ? {
            code: raster.code,
            populationTotal: raster.populationTotal,
            populationCovered4g: raster.populationCovered4g,
            populationCovered5g: raster.populationCovered5g,
            cellsByClass,
          }
        : null,
    };
  };
  window.cosite = {
    async waitForMapIdle() {
      await controller.loaded;
      await new Promise<void>((resolve) => {
        controller.map.once('idle', () => resolve());
        controller.map.triggerRepaint();
      });
    },
    state: () => useAppStore.getState(),
    fitCountry: () => controller.fitCountry(),
    fitMainland: () => controller.fitMainland(),
    view: () => controller.currentView(),
    select: (index) => selectTower(index),
    jumpTo: (lon, lat, zoom) => controller.map.jumpTo({ center: [lon, lat], zoom }),
    project: (lon, lat) => {
      const point = controller.map.project([lon, lat]);
      return { x: point.x, y: point.y };
    },
    exclusionZones: () => useSharingStore.getState().planSettings.exclusionZones,
    sharingStatus: () => {
      const { colocationStatus, planStatus } = useSharingStore.getState();
      return { colocation: colocationStatus, plan: planStatus };
    },
    deckLayerIds: () => controller.deckLayerIds(),
    terrain: () => {
      const { dataset, terrainImages } = useAppStore.getState();
      const current = terrainImages && terrainImages.terrain === dataset?.terrain ? terrainImages : null;
      return {
        names: dataset?.terrain.rasters.map((raster) => raster.name) ?? [],
        demoNames: dataset?.terrain.demoRasters.map((raster) => raster.name) ?? [],
        imagesStatus: current?.status ?? null,
        images: current?.images.map((image) => image.name) ?? [],
      };
    },
    terrainTools: () => {
      const { pickMode, customPoint, viewshed, link } = useTerrainToolsStore.getState();
      const viewshedFigures = viewshed.result && { ...viewshed.result, image: null };
      const linkFigures = link.result && { ...link.result, points: null };
      return {
        pickMode,
        customPoint,
        viewshed: {
          status: viewshed.status,
          error: viewshed.error?.reason ?? null,
          request: viewshed.request,
          figures: viewshedFigures,
        },
        link: { status: link.status, error: link.error?.reason ?? null, request: link.request, figures: linkFigures },
      };
    },
  };
}
