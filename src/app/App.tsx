import { useEffect } from 'react';
import { loadDemoProvince } from './data/loadDemoProvince';
import { useT } from './i18n/useT';
import { MapView } from './map/MapView';
import { CoveragePanel } from './panels/CoveragePanel';
import { InspectPanel } from './panels/InspectPanel';
import { LayerPanel } from './panels/LayerPanel';
import { SummaryPanel } from './panels/SummaryPanel';
import { setLanguage, useAppStore } from './store/appStore';

export function App() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const loadStatus = useAppStore((state) => state.loadStatus);
  const loadError = useAppStore((state) => state.loadError);
  const dataset = useAppStore((state) => state.dataset);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
  }, [language, t]);

  useEffect(() => {
    loadDemoProvince().then(
      (loaded) => useAppStore.setState({ dataset: loaded, loadStatus: 'ready' }),
      (error: unknown) =>
        useAppStore.setState({
          loadStatus: 'error',
          loadError: error instanceof Error ? error.message : String(error),
        }),
    );
  }, []);

  return (
    <div className="layout">
      <aside className="sidebar">
        <header>
          <div className="brand">
            <h1>CoSite</h1>
            <button
              type="button"
              className="language"
              onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
              data-testid="language-switch"
            >
              {t('language')}
            </button>
          </div>
          <p className="subtitle">{t('appTitle').replace('CoSite — ', '')}</p>
          {dataset && (
            <p className="province" data-testid="province-name">
              {t('province')}: <strong>{dataset.provinceName}</strong> ({dataset.provinceCode})
            </p>
          )}
        </header>
        <div className="banner" role="note" data-testid="synthetic-banner">
          {t('synthetic')}
        </div>
        {loadStatus === 'loading' && <p className="note">{t('loading')}</p>}
        {loadStatus === 'error' && (
          <p className="warning" role="alert">
            {t('loadFailed')}: {loadError}
          </p>
        )}
        {dataset && (
          <>
            <SummaryPanel dataset={dataset} />
            <LayerPanel dataset={dataset} />
            <CoveragePanel dataset={dataset} />
            <InspectPanel dataset={dataset} />
          </>
        )}
        <footer className="note">{t('sovereignty')}</footer>
      </aside>
      <main className="map-area">{dataset && <MapView dataset={dataset} />}</main>
    </div>
  );
}
