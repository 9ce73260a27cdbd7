import { useEffect, useRef, useState } from 'react';
import { haversineDistanceM } from '../../core/geo/haversineDistanceM';
import { describeTowerSources } from '../data/describeTowerSources';
import type { ProvinceDataset } from '../data/provinceDataset';
import { translate } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useMinistryStore } from '../ministry/ministryStore';
import { AttributeTable } from '../panels/AttributeTable';
import { useServerStore } from '../server/serverStore';
import { addZoneCorner, moveSite, previewSiteDrag, useSharingStore } from '../sharing/sharingStore';
import { selectTower, useAppStore } from '../store/appStore';
import { handleTerrainMapClick } from '../terrain/handleTerrainMapClick';
import { ensureHillshadeImages } from '../terrain/hillshadeImages';
import { type TerrainToolsState, useTerrainToolsStore } from '../terrain/terrainToolsStore';
import { exposeTestHooks } from '../testHooks';
import { GroundHeightReadout } from './GroundHeightReadout';
import { MapController } from './MapController';
import { shownCoverage } from './shownCoverage';

/** Hover readout of the signal raster: RSRP, serving site and its distance from the cell's centre. */
function describeRasterCell(layerId: string, col: number, row: number): string | null {
  if (layerId !== 'signal') return null;
  const { signalRun, dataset, language, coverageView } = useAppStore.getState();
  const result = signalRun.result;
  if (!result || !dataset || col < 0 || row < 0 || col >= result.grid.width || row >= result.grid.height) return null;
  const index = row * result.grid.width + col;
  if (result.cellMask[index] === 0) return null;
  const operatorIndex = result.operatorNames.indexOf(coverageView);
  const signal =
    operatorIndex >= 0
      ? result.coverage.bestSignalDbmByOperator[operatorIndex][index]
      : result.coverage.bestSignalDbm[index];
  const lon = result.grid.originLon + (col + 0.5) * result.grid.cellSizeLonDeg;
  const lat = result.grid.originLat - (row + 0.5) * result.grid.cellSizeLatDeg;
  const serving = result.coverage.servingTowerIndex[index];
  const tower = serving >= 0 ? dataset.towers[serving] : null;
  const signalText = Number.isFinite(signal) ? `${signal.toFixed(1)} dBm` : `< ${result.thresholdDbm} dBm`;
  const lines = [`${translate(language, 'signalHover')}: ${signalText}`];
  if (tower && operatorIndex < 0) {
    const distanceKm = haversineDistanceM(lon, lat, tower.lon, tower.lat) / 1000;
    lines.push(`${translate(language, 'servingSite')}: ${tower.id} (${tower.operator})`);
    lines.push(`${translate(language, 'distance')}: ${distanceKm.toFixed(2)} km`);
  }
  return lines.join('\n');
}

/** What the terrain tools draw: the viewshed, the custom point and the link of the profile shown. */
function terrainToolInputs(tools: TerrainToolsState) {
  const viewshed = tools.viewshed.result;
  const link = tools.link.result && tools.link.request;
  return {
    viewshed: viewshed?.image && viewshed.corners ? { image: viewshed.image, corners: viewshed.corners } : null,
    terrainPoint: tools.customPoint,
    link:
      tools.link.result && link
        ? {
            from: [link.fromLonDeg, link.fromLatDeg] as [number, number],
            to: [link.toLonDeg, link.toLatDeg] as [number, number],
            clearance: tools.link.result.clearsSixtyPercentF1
              ? ('clearsF1' as const)
              : tools.link.result.lineOfSight
                ? ('lineOfSight' as const)
                : ('obstructed' as const),
          }
        : null,
  };
}

/** True when two datasets differ in their terrain at most (an imported DEM): the map need not be rebuilt. */
function sameExceptTerrain(a: ProvinceDataset, b: ProvinceDataset): boolean {
  const keys = Object.keys(a) as Array<keyof ProvinceDataset>;
  return keys.length === Object.keys(b).length && keys.every((key) => key === 'terrain' || a[key] === b[key]);
}

/**
 * The map of the province. It creates the `MapController`, pushes the stores to it, and hands it to `onController`
 * (App provides it to the panels through `MapControllerContext`; null once the map is gone).
 */
export function MapView({
  dataset,
  onController,
}: {
  dataset: ProvinceDataset;
  onController: (controller: MapController | null) => void;
}) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const containerRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [tableOpen, setTableOpen] = useState(false);
  // On a phone the sources fold into an (i) button (styles.css); on a wide screen the button is hidden and they show.
  const [sourcesOpen, setSourcesOpen] = useState(false);
  // The dataset the map is built for: an imported DEM (only the terrain changes) keeps the map and its view, and
  // reaches the layers through the store.
  const mapDatasetRef = useRef(dataset);
  if (mapDatasetRef.current !== dataset && !sameExceptTerrain(mapDatasetRef.current, dataset)) {
    mapDatasetRef.current = dataset;
  }
  const mapDataset = mapDatasetRef.current;
  useEffect(() => {
    if (!containerRef.current) return;
    const dataset = mapDataset;
    const controller = new MapController(
      containerRef.current,
      dataset,
      {
        onSelectTower: selectTower,
        describeRasterCell,
        onMapClick: (lonLat, towerIndex) =>
          handleTerrainMapClick(lonLat, towerIndex) ||
          (useAppStore.getState().activeTab === 'sharing' && addZoneCorner(lonLat)),
        onDragSite: (index, lonLat, done) => {
          if (useSharingStore.getState().planStatus === 'running') return;
          if (!done) previewSiteDrag(lonLat && { index, lon: lonLat[0], lat: lonLat[1] });
          else if (lonLat) void moveSite(index, lonLat[0], lonLat[1]);
          else previewSiteDrag(null);
        },
      },
      useAppStore.getState().initialView,
    );
    onController(controller);
    let choroplethKey: unknown[] = [];
    let choropleth: Parameters<typeof controller.update>[0]['choropleth'] = null;
    const push = () => {
      const state = useAppStore.getState();
      const ministry = useMinistryStore.getState();
      const sharing = useSharingStore.getState();
      const key = [
        state.activeTab,
        ministry.result,
        ministry.kpi,
        ministry.selectedCode,
        ministry.provinceMasts,
        ministry.provinceCoverage,
      ];
      if (key.some((part, i) => part !== choroplethKey[i])) {
        choroplethKey = key;
        choropleth =
          state.activeTab === 'ministry' && ministry.result
            ? {
                kpi: ministry.kpi,
                selectedCode: ministry.selectedCode,
                masts: ministry.provinceMasts,
                coverage: ministry.provinceCoverage && {
                  image: ministry.provinceCoverage.image,
                  bounds: ministry.provinceCoverage.raster.bounds,
                },
                valueByCode: Object.fromEntries(
                  ministry.result.provinces.map((province) => [province.code, province[ministry.kpi]]),
                ),
              }
            : null;
      }
      const terrainOn = state.history.present.layers.terrain;
      const live = state.dataset && sameExceptTerrain(state.dataset, dataset) ? state.dataset : dataset;
      // Outside this update: starting the images writes the store, which calls push again.
      if (terrainOn) queueMicrotask(() => void ensureHillshadeImages(live.terrain));
      const terrainImages = state.terrainImages;
      const tools = useTerrainToolsStore.getState();
      const shown = shownCoverage(state);
      controller.update({
        ...terrainToolInputs(tools),
        dataset: live,
        terrain:
          terrainOn && terrainImages?.terrain === live.terrain && terrainImages.status === 'done'
            ? terrainImages.images
            : null,
        layers: state.history.present.layers,
        coverage: { ...state.coverage, coveredBits: shown.coveredBits },
        coverageView: state.coverageView,
        selectedTowerIndex: state.selectedTowerIndex,
        language: state.language,
        choropleth,
        pairs: sharing.colocation && state.activeTab === 'sharing' ? sharing.colocation.pairs : null,
        exclusion:
          state.activeTab === 'sharing' &&
          (sharing.planSettings.exclusionZones.length > 0 || sharing.drawingZone !== null)
            ? { zones: sharing.planSettings.exclusionZones, drawing: sharing.drawingZone }
            : null,
        publishedSites:
          state.activeTab === 'requests'
            ? useServerStore.getState().proposedSites.map((entry) => ({
                lon: entry.site.lon,
                lat: entry.site.lat,
                id: entry.site.id,
              }))
            : null,
        plan: sharing.plan
          ? {
              result: sharing.plan,
              selectedIndex: sharing.selectedSiteIndex,
              siteRadiusM: sharing.planSettings.siteRadiusM,
              drag: sharing.siteDrag,
            }
          : null,
        signal: shown.signal,
      });
    };
    push();
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (
        state.history.present.layers !== previous.history.present.layers ||
        state.coverage.coveredBits !== previous.coverage.coveredBits ||
        state.coverageView !== previous.coverageView ||
        state.selectedTowerIndex !== previous.selectedTowerIndex ||
        state.language !== previous.language ||
        state.activeTab !== previous.activeTab ||
        state.signalRun.image !== previous.signalRun.image ||
        state.terrainImages !== previous.terrainImages ||
        state.dataset !== previous.dataset ||
        state.history.present.coverage.mode !== previous.history.present.coverage.mode
      ) {
        push();
      }
    });
    // Only what the map draws: progress ticks of a running analysis must not redraw it (a frame of WebGL per tick).
    // A new national result reaches the map after the page has painted its table: the choropleth's first draw
    // (new WebGL programs) may hold the main thread, and the figures should not wait for it.
    let afterPaint = 0;
    const unsubscribeMinistry = useMinistryStore.subscribe((state, previous) => {
      if (state.result !== previous.result) {
        cancelAnimationFrame(afterPaint);
        afterPaint = requestAnimationFrame(() => setTimeout(push, 0));
      } else if (
        state.kpi !== previous.kpi ||
        state.selectedCode !== previous.selectedCode ||
        state.provinceMasts !== previous.provinceMasts ||
        state.provinceCoverage !== previous.provinceCoverage
      ) {
        push();
      }
    });
    const unsubscribeServer = useServerStore.subscribe((state, previous) => {
      if (state.proposedSites !== previous.proposedSites) push();
    });
    const unsubscribeSharing = useSharingStore.subscribe((state, previous) => {
      if (
        state.colocation !== previous.colocation ||
        state.plan !== previous.plan ||
        state.selectedSiteIndex !== previous.selectedSiteIndex ||
        state.planSettings.siteRadiusM !== previous.planSettings.siteRadiusM ||
        state.planSettings.exclusionZones !== previous.planSettings.exclusionZones ||
        state.drawingZone !== previous.drawingZone ||
        state.siteDrag !== previous.siteDrag
      ) {
        push();
      }
    });
    const unsubscribeTools = useTerrainToolsStore.subscribe((state, previous) => {
      if (state.pickMode !== previous.pickMode) controller.setPicking(state.pickMode !== 'none');
      if (
        state.viewshed.result !== previous.viewshed.result ||
        state.customPoint !== previous.customPoint ||
        state.link.result !== previous.link.result
      ) {
        push();
      }
    });
    exposeTestHooks(controller);
    setController(controller);
    return () => {
      unsubscribe();
      unsubscribeMinistry();
      unsubscribeSharing();
      unsubscribeServer();
      unsubscribeTools();
      onController(null);
      controller.destroy();
    };
  }, [mapDataset, onController]);
  // Picking a point for a terrain tool: a crosshair over the map (Escape leaves the mode: useKeyboardShortcuts).
  const picking = useTerrainToolsStore((state) => state.pickMode !== 'none');
  return (
    <>
      <div
        ref={containerRef}
        className={picking ? 'map picking' : 'map'}
        data-testid="map"
        data-picking={String(picking)}
      />
      <div className="map-views">
        <button type="button" onClick={() => controller?.fitMainland()} data-testid="view-province">
          {dataset.provinceName}
        </button>
        <button type="button" onClick={() => controller?.fitCountry()} data-testid="view-country">
          {t('wholeCountry')}
        </button>
        <button
          type="button"
          aria-pressed={tableOpen}
          onClick={() => setTableOpen((open) => !open)}
          data-testid="toggle-table"
        >
          ☰ {t('attributeTable')}
        </button>
      </div>
      {tableOpen && <AttributeTable dataset={dataset} />}
      {controller && <GroundHeightReadout controller={controller} terrain={dataset.terrain} />}
      <div className={sourcesOpen ? 'map-attribution open' : 'map-attribution'} data-testid="attribution">
        <button
          type="button"
          className="attribution-toggle"
          aria-label={t('showSources')}
          aria-expanded={sourcesOpen}
          onClick={() => setSourcesOpen((open) => !open)}
          data-testid="attribution-toggle"
        >
          i
        </button>
        <span className="attribution-text">
          {t('sources')}. <strong>{describeTowerSources(dataset, language)}</strong>
        </span>
      </div>
    </>
  );
}
