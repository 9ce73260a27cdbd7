import { useEffect, useRef, useState } from 'react';
import type { ProvinceDataset } from '../data/provinceDataset';
import { useT } from '../i18n/useT';
import { AttributeTable } from '../panels/AttributeTable';
import { selectTower, useAppStore } from '../store/appStore';
import { exposeTestHooks } from '../testHooks';
import { MapController } from './MapController';
import { setMapController } from './mapControllerRegistry';

export function MapView({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [tableOpen, setTableOpen] = useState(false);
  useEffect(() => {
    if (!containerRef.current) return;
    const controller = new MapController(
      containerRef.current,
      dataset,
      { onSelectTower: selectTower },
      useAppStore.getState().initialView,
    );
    setMapController(controller);
    const push = () => {
      const state = useAppStore.getState();
      controller.update({
        dataset,
        layers: state.history.present.layers,
        coverage: state.coverage,
        coverageView: state.coverageView,
        selectedTowerIndex: state.selectedTowerIndex,
        language: state.language,
      });
    };
    push();
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (
        state.history.present.layers !== previous.history.present.layers ||
        state.coverage.coveredBits !== previous.coverage.coveredBits ||
        state.coverageView !== previous.coverageView ||
        state.selectedTowerIndex !== previous.selectedTowerIndex ||
        state.language !== previous.language
      ) {
        push();
      }
    });
    exposeTestHooks(controller);
    setController(controller);
    return () => {
      unsubscribe();
      setMapController(null);
      controller.destroy();
    };
  }, [dataset]);
  return (
    <>
      <div ref={containerRef} className="map" data-testid="map" />
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
      <div className="map-attribution" data-testid="attribution">
        {t('sources')}. <strong>{t('synthetic')}</strong>
      </div>
    </>
  );
}
