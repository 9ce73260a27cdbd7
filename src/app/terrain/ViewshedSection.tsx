import { NumberField } from '../components/NumberField';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { describeTerrainToolError } from './describeTerrainMessage';
import { cancelViewshed, clearViewshed, startViewshed } from './runViewshed';
import {
  DEFAULT_MAST_HEIGHT_M,
  mastHeightM,
  setCustomPoint,
  setPickMode,
  setViewshedSetting,
  useTerrainToolsStore,
} from './terrainToolsStore';

/**
 * The inspect panel's viewshed: of the selected mast, or of a custom point clicked on the map, with a radius, the
 * antenna's height (the mast's own, else 30 m) and the target's; its figures and a legend of the map's tint.
 */
export function ViewshedSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const index = useAppStore((state) => state.selectedTowerIndex);
  const tower = index === null ? null : (dataset.towers[index] ?? null);
  const pickMode = useTerrainToolsStore((state) => state.pickMode);
  const customPoint = useTerrainToolsStore((state) => state.customPoint);
  const settings = useTerrainToolsStore((state) => state.viewshedSettings);
  const viewshed = useTerrainToolsStore((state) => state.viewshed);
  const site = customPoint
    ? { lon: customPoint[0], lat: customPoint[1], mastId: null, defaultHeightM: DEFAULT_MAST_HEIGHT_M }
    : tower
      ? { lon: tower.lon, lat: tower.lat, mastId: tower.id, defaultHeightM: mastHeightM(tower) }
      : null;
  const heightM = settings.heightM ?? site?.defaultHeightM ?? DEFAULT_MAST_HEIGHT_M;
  const running = viewshed.status === 'running';
  const result = viewshed.result;
  const request = viewshed.request;
  const describeSite = (mastId: string | null, lon: number, lat: number) =>
    mastId ? `${t('mast')} ${mastId}` : `${t('customPoint')} ${lat.toFixed(5)}, ${lon.toFixed(5)}`;

  if (dataset.terrain.mosaic.layers.length === 0) {
    return (
      <div className="terrain-tool" data-testid="viewshed-section">
        <h3>{t('viewshedTitle')}</h3>
        <p className="note">{t('noTerrain')}</p>
      </div>
    );
  }
  return (
    <div className="terrain-tool" data-testid="viewshed-section">
      <h3>{t('viewshedTitle')}</h3>
      <p className="note">{t('viewshedHint')}</p>
      <p className="tool-site" data-testid="viewshed-site">
        {site ? `${t('viewshedSite')}: ${describeSite(site.mastId, site.lon, site.lat)}` : t('viewshedNoSite')}{' '}
        {customPoint && (
          <button type="button" onClick={() => setCustomPoint(null)}>
            {t('remove')}
          </button>
        )}
      </p>
      <NumberField
        label={t('viewshedRadiusM')}
        value={settings.radiusM}
        min={100}
        max={50000}
        disabled={running}
        onChange={(value) => setViewshedSetting('radiusM', value)}
        testId="viewshed-radius"
      />
      <NumberField
        label={t('antennaHeightM')}
        value={heightM}
        min={0}
        max={500}
        disabled={running}
        onChange={(value) => setViewshedSetting('heightM', value)}
        testId="viewshed-height"
      />
      <NumberField
        label={t('targetHeightM')}
        value={settings.targetHeightM}
        min={0}
        max={100}
        disabled={running}
        onChange={(value) => setViewshedSetting('targetHeightM', value)}
        testId="viewshed-target-height"
      />
      <div className="buttons">
        <button
          type="button"
          disabled={!site || running}
          onClick={() => site && void startViewshed({ lon: site.lon, lat: site.lat, heightM, mastId: site.mastId })}
          data-testid="viewshed-run"
        >
          {t('viewshedRun')}
        </button>
        <button
          type="button"
          aria-pressed={pickMode === 'viewshedPoint'}
          onClick={() => setPickMode(pickMode === 'viewshedPoint' ? 'none' : 'viewshedPoint')}
          data-testid="viewshed-custom-point"
        >
          {t('customPoint')}
        </button>
        {running && (
          <button type="button" onClick={cancelViewshed} data-testid="viewshed-cancel">
            {t('cancel')}
          </button>
        )}
        {!running && viewshed.status !== 'idle' && (
          <button type="button" onClick={clearViewshed} data-testid="viewshed-clear">
            {t('clearResult')}
          </button>
        )}
      </div>
      {pickMode === 'viewshedPoint' && (
        <p className="note" role="status">
          {t('customPointPick')}
        </p>
      )}
      {(running || viewshed.status === 'cancelled') && (
        <div className="progress-row">
          <progress value={viewshed.progress} max={1} data-testid="viewshed-progress" />
          <span>{running ? `${Math.round(viewshed.progress * 100)}%` : t('cancelled')}</span>
        </div>
      )}
      {viewshed.status === 'error' && viewshed.error && (
        <p className="warning" data-testid="viewshed-error">
          {describeTerrainToolError(viewshed.error, language)}
        </p>
      )}
      {result && request && (
        <>
          <dl className="figures" data-testid="viewshed-result">
            <div>
              <dt>{t('viewshedSite')}</dt>
              <dd>{describeSite(viewshed.mastId, request.siteLonDeg, request.siteLatDeg)}</dd>
            </div>
            <div>
              <dt>{t('viewshedVisible')}</dt>
              <dd>
                <span data-testid="viewshed-visible-cells">{formatNumber(language, result.visibleCells)}</span> /{' '}
                <span data-testid="viewshed-cells-in-radius">{formatNumber(language, result.cellsInRadius)}</span> (
                <span data-testid="viewshed-percent">{formatNumber(language, result.visibleFraction * 100, 1)} %</span>)
              </dd>
            </div>
            <div>
              <dt>{t('groundHeight')}</dt>
              <dd>{formatNumber(language, result.siteGroundM)} m</dd>
            </div>
            <div>
              <dt>{t('viewshedDem')}</dt>
              <dd>{result.demName}</dd>
            </div>
          </dl>
          <div className="legend-line">
            <span className="swatch" style={{ background: 'rgba(0,170,80,0.6)' }} /> {t('viewshedLegendVisible')}
            <span className="swatch" style={{ background: 'rgba(60,60,60,0.3)', marginLeft: 10 }} />{' '}
            {t('viewshedLegendHidden')}
          </div>
        </>
      )}
    </div>
  );
}
