import { useEffect, useState } from 'react';
import { CoveragePanel } from './coverage/CoveragePanel';
import { describeTowerSources } from './data/describeTowerSources';
import { loadDemoProvince } from './data/loadDemoProvince';
import type { ProvinceDataset } from './data/provinceDataset';
import { withImportedRasters } from './data/provinceTerrain';
import { replaceTowersInSlices } from './data/replaceTowers';
import { sendDatasetToWorkers } from './data/residentDataset';
import { loadServerMasts } from './data/serverMasts';
import type { StringKey } from './i18n/strings';
import { useT } from './i18n/useT';
import { ImportDialog } from './import/ImportDialog';
import type { MapController } from './map/MapController';
import { MapControllerContext } from './map/MapControllerContext';
import { MapView } from './map/MapView';
import { MinistryPanel } from './ministry/MinistryPanel';
import {
  computeReadiness,
  computeReadinessWhenOpened,
  followServerTargets,
  useMinistryStore,
} from './ministry/ministryStore';
import { InspectPanel } from './panels/InspectPanel';
import { LayerPanel } from './panels/LayerPanel';
import { ProjectBar } from './panels/ProjectBar';
import { SummaryPanel } from './panels/SummaryPanel';
import { restoreProject } from './persistence/restoreProject';
import { restoreSharingSettings } from './persistence/sharingSettingsStorage';
import { loadSavedTerrain } from './persistence/terrainStorage';
import { loadSavedTowers } from './persistence/towerStorage';
import { RequestsPanel } from './requests/RequestsPanel';
import { connectToServer, startPolling, useServerStore } from './server/serverStore';
import { SharingPanel } from './sharing/SharingPanel';
import { setActiveTab, setLanguage, type TabId, useAppStore } from './store/appStore';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

const TABS: Array<{ id: TabId; label: StringKey }> = [
  { id: 'overview', label: 'tabOverview' },
  { id: 'coverage', label: 'tabCoverage' },
  { id: 'sharing', label: 'tabSharing' },
  { id: 'requests', label: 'tabRequests' },
  { id: 'ministry', label: 'tabMinistry' },
];

export function App() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const loadStatus = useAppStore((state) => state.loadStatus);
  const loadError = useAppStore((state) => state.loadError);
  const dataset = useAppStore((state) => state.dataset);
  const tab = useAppStore((state) => state.activeTab);
  const signedIn = useServerStore((state) => state.user !== null);
  const notificationCount = useServerStore((state) => state.notifications.length);
  // The map on screen, created by MapView, for the panels that move it (useMapController).
  const [mapController, setMapController] = useState<MapController | null>(null);
  // On a phone the side bar is a sheet over the map, opened with a button (styles.css); on a wide screen it always shows.
  const [panelOpen, setPanelOpen] = useState(false);
  const onTabKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((entry) => entry.id === tab);
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    setActiveTab(TABS[next].id);
    document.getElementById(`tab-${TABS[next].id}`)?.focus();
  };
  useKeyboardShortcuts();

  useEffect(() => {
    void connectToServer();
  }, []);

  useEffect(() => (signedIn ? startPolling() : undefined), [signedIn]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
  }, [language, t]);

  // The workers keep the province on screen (the demo or an import), so analyses send their settings only.
  useEffect(() => {
    if (dataset) void sendDatasetToWorkers(dataset).catch(() => {});
  }, [dataset]);

  // Signed in, the server's masts of the province (every operator's, as imported) are the ones on screen.
  const user = useServerStore((state) => state.user);
  const userKey = user ? `${user.username}|${user.role}` : null;
  useEffect(() => {
    if (userKey && loadStatus === 'ready') void loadServerMasts();
  }, [userKey, loadStatus]);

  // The ministry signs in to compare provinces: open its national view and start computing, without a click.
  const isMinistry = user?.role === 'ministry';
  useEffect(() => {
    if (!isMinistry || loadStatus !== 'ready') return;
    setActiveTab('ministry');
    mapController?.fitCountry();
    if (useMinistryStore.getState().status === 'idle') void computeReadiness();
  }, [isMinistry, loadStatus, mapController]);

  // The national view computes as soon as it opens (whoever opens it): the figures never need a click.
  useEffect(() => computeReadinessWhenOpened(), []);
  useEffect(() => followServerTargets(), []);

  useEffect(() => {
    restoreSharingSettings('VN25');
    Promise.all([loadDemoProvince(), restoreProject('VN25'), loadSavedTowers('VN25'), loadSavedTerrain('VN25')])
      .then(async ([loaded, initialView, saved, savedTerrain]) => {
        // Masts and DEMs imported in this browser come back after a reload.
        const withTowers = saved ? await replaceTowersInSlices(loaded, saved.towers) : loaded;
        return { dataset: withImportedRasters(withTowers, savedTerrain), initialView };
      })
      .then(
        ({ dataset, initialView }) => useAppStore.setState({ dataset, loadStatus: 'ready', initialView }),
        (error: unknown) =>
          useAppStore.setState({
            loadStatus: 'error',
            loadError: error instanceof Error ? error.message : String(error),
          }),
      );
  }, []);

  return (
    <MapControllerContext.Provider value={mapController}>
      <div className={panelOpen ? 'layout panel-open' : 'layout'}>
        <aside className="sidebar" id="sidebar" data-testid="sidebar">
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
            {!dataset || dataset.towersAreSynthetic ? t('synthetic') : <TowerSourcesNote dataset={dataset} />}
          </div>
          <ProjectBar />
          {loadStatus === 'loading' && <p className="note">{t('loading')}</p>}
          {loadStatus === 'error' && (
            <p className="warning" role="alert">
              {t('loadFailed')}: {loadError}
            </p>
          )}
          {dataset && (
            <>
              {/* WAI-ARIA tabs: one tab stop; arrow keys, Home and End move between tabs and open them. */}
              <div className="tabs" role="tablist" aria-label={t('appTitle')} onKeyDown={onTabKeyDown}>
                {TABS.map((entry) => (
                  <button
                    key={entry.id}
                    type="button"
                    role="tab"
                    id={`tab-${entry.id}`}
                    aria-selected={tab === entry.id}
                    aria-controls={`panel-${entry.id}`}
                    tabIndex={tab === entry.id ? 0 : -1}
                    className={tab === entry.id ? 'tab active' : 'tab'}
                    onClick={() => setActiveTab(entry.id)}
                    data-testid={`tab-${entry.id}`}
                  >
                    {t(entry.label)}
                    {entry.id === 'requests' && notificationCount > 0 && (
                      <span className="badge" data-testid="notification-badge">
                        {notificationCount}
                      </span>
                    )}
                  </button>
                ))}
              </div>
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} data-testid="tab-panel">
                {tab === 'overview' && (
                  <>
                    <SummaryPanel dataset={dataset} />
                    <LayerPanel dataset={dataset} />
                    <InspectPanel dataset={dataset} />
                  </>
                )}
                {tab === 'coverage' && <CoveragePanel dataset={dataset} />}
                {tab === 'sharing' && <SharingPanel dataset={dataset} />}
                {tab === 'requests' && <RequestsPanel />}
                {tab === 'ministry' && <MinistryPanel dataset={dataset} />}
              </div>
            </>
          )}
          <footer className="note">{t('sovereignty')}</footer>
        </aside>
        <main className="map-area">{dataset && <MapView dataset={dataset} onController={setMapController} />}</main>
        <button
          type="button"
          className="panel-toggle"
          aria-controls="sidebar"
          aria-expanded={panelOpen}
          onClick={() => setPanelOpen((open) => !open)}
          data-testid="panel-toggle"
        >
          {panelOpen ? `▾ ${t('closePanel')}` : `▴ ${t('openPanel')}`}
        </button>
        <ImportDialog />
      </div>
    </MapControllerContext.Provider>
  );
}

/** Where the masts on screen come from: the synthetic demo ones say so, imported ones name their file. */
function TowerSourcesNote({ dataset }: { dataset: ProvinceDataset }) {
  const language = useAppStore((state) => state.language);
  return <span data-testid="tower-sources">{describeTowerSources(dataset, language)}</span>;
}
