import { useMemo } from 'react';
import { NumberField } from '../components/NumberField';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { describeTerrainToolError } from './describeTerrainMessage';
import { LinkProfileChart } from './LinkProfileChart';
import { nearestTowers } from './nearestTowers';
import { clearLinkProfile, startLinkProfile } from './runLinkProfile';
import {
  BACKHAUL_BANDS_MHZ,
  mastHeightM,
  setLinkSetting,
  setPickMode,
  useTerrainToolsStore,
} from './terrainToolsStore';

/** Masts offered as the far end of a link, nearest first. */
const NEAREST_COUNT = 12;

/**
 * The inspect panel's microwave link: from the selected mast to a second one (clicked on the map or chosen among the
 * nearest), at a frequency (15 GHz by default) with the antennas at the masts' heights unless typed; the profile's
 * chart and its figures. The last profile stays shown (and on the map) until cleared.
 */
export function LinkProfileSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const index = useAppStore((state) => state.selectedTowerIndex);
  const tower = index === null ? null : (dataset.towers[index] ?? null);
  const pickMode = useTerrainToolsStore((state) => state.pickMode);
  const settings = useTerrainToolsStore((state) => state.linkSettings);
  const targetIndex = useTerrainToolsStore((state) => state.linkTargetIndex);
  const link = useTerrainToolsStore((state) => state.link);
  const nearest = useMemo(
    () => (index === null ? [] : nearestTowers(dataset.towerArrays, index, NEAREST_COUNT)),
    [dataset, index],
  );
  const target = targetIndex === null ? null : (dataset.towers[targetIndex] ?? null);
  const running = link.status === 'running';
  if (!tower && link.status === 'idle') return null;
  if (dataset.terrain.mosaic.layers.length === 0) return null;
  const options =
    targetIndex !== null && !nearest.some((entry) => entry.index === targetIndex) && tower && target
      ? [...nearest, { index: targetIndex, distanceM: Number.NaN }]
      : nearest;
  return (
    <div className="terrain-tool" data-testid="link-section">
      <h3>{t('linkTitle')}</h3>
      {tower && index !== null && (
        <>
          <p className="note">{t('linkHint')}</p>
          <div className="buttons">
            <button
              type="button"
              aria-pressed={pickMode === 'linkTarget'}
              onClick={() => setPickMode(pickMode === 'linkTarget' ? 'none' : 'linkTarget')}
              data-testid="link-pick"
            >
              {t('linkTo')}
            </button>
          </div>
          {pickMode === 'linkTarget' && (
            <p className="note" role="status">
              {t('linkPickHint')}
            </p>
          )}
          <label className="field">
            {t('linkNearest')}
            <select
              value={targetIndex ?? ''}
              onChange={(event) => {
                if (event.target.value === '') return;
                setPickMode('none');
                void startLinkProfile(index, Number(event.target.value));
              }}
              data-testid="link-target"
            >
              <option value="">—</option>
              {options.map((entry) => (
                <option key={entry.index} value={entry.index}>
                  {dataset.towers[entry.index].id}
                  {Number.isFinite(entry.distanceM) ? ` · ${formatNumber(language, entry.distanceM / 1000, 2)} km` : ''}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            label={t('linkFrequencyMHz')}
            value={settings.frequencyMHz}
            min={100}
            max={100000}
            disabled={running}
            onChange={(value) => setLinkSetting('frequencyMHz', value)}
            testId="link-frequency"
          />
          <div className="band-buttons">
            {BACKHAUL_BANDS_MHZ.map((frequencyMHz) => (
              <button
                key={frequencyMHz}
                type="button"
                aria-pressed={settings.frequencyMHz === frequencyMHz}
                disabled={running}
                onClick={() => setLinkSetting('frequencyMHz', frequencyMHz)}
              >
                {formatNumber(language, frequencyMHz / 1000)} GHz
              </button>
            ))}
          </div>
          <NumberField
            label={t('linkTxHeightM')}
            value={settings.txHeightM ?? mastHeightM(tower)}
            min={0}
            max={500}
            disabled={running}
            onChange={(value) => setLinkSetting('txHeightM', value)}
            testId="link-tx-height"
          />
          <NumberField
            label={t('linkRxHeightM')}
            value={settings.rxHeightM ?? (target ? mastHeightM(target) : null)}
            min={0}
            max={500}
            disabled={running || !target}
            onChange={(value) => setLinkSetting('rxHeightM', value)}
            testId="link-rx-height"
          />
          <div className="buttons">
            <button
              type="button"
              disabled={targetIndex === null || running}
              onClick={() => targetIndex !== null && void startLinkProfile(index, targetIndex)}
              data-testid="link-draw"
            >
              {t('linkDraw')}
            </button>
          </div>
        </>
      )}
      {running && <p className="note">{t('running')}</p>}
      {link.status === 'error' && link.error && (
        <p className="warning" data-testid="link-error">
          {describeTerrainToolError(link.error, language)}
        </p>
      )}
      {link.result && link.request && <LinkProfileSummary />}
    </div>
  );
}

/** The last profile: its chart, its figures and a button that takes it off. */
function LinkProfileSummary() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const link = useTerrainToolsStore((state) => state.link);
  const profile = link.result;
  const request = link.request;
  if (!profile || !request) return null;
  const km = (value: number) => `${formatNumber(language, value, 2)} km`;
  const db = (value: number) => `${formatNumber(language, value, 1)} dB`;
  return (
    <div data-testid="link-result">
      <p className="tool-site" data-testid="link-ends">
        {link.fromId} → {link.toId} · {formatNumber(language, request.frequencyMHz)} MHz ·{' '}
        {formatNumber(language, request.txHeightM, 1)} m / {formatNumber(language, request.rxHeightM, 1)} m
      </p>
      <LinkProfileChart profile={profile} />
      <dl className="figures">
        <div>
          <dt>{t('distance')}</dt>
          <dd data-testid="link-distance">{km(profile.distanceKm)}</dd>
        </div>
        <div>
          <dt>{t('linkLineOfSight')}</dt>
          <dd data-testid="link-line-of-sight">{profile.lineOfSight ? t('yes') : t('no')}</dd>
        </div>
        <div>
          <dt>{t('linkMinClearance')}</dt>
          <dd data-testid="link-min-clearance">
            {profile.minClearancePercentF1 === null || profile.minClearanceDistanceKm === null
              ? '—'
              : `${formatNumber(language, profile.minClearancePercentF1)} % F1 ${t('linkAtKm')} ${formatNumber(language, profile.minClearanceDistanceKm, 2)}`}
          </dd>
        </div>
        <div>
          <dt>{t('linkClearsSixty')}</dt>
          <dd data-testid="link-clears-sixty">{profile.clearsSixtyPercentF1 ? t('yes') : t('no')}</dd>
        </div>
        <div>
          <dt>{t('diffractionLoss')}</dt>
          <dd data-testid="link-diffraction-loss">{db(profile.diffractionLossDb)}</dd>
        </div>
        <div>
          <dt>{t('freeSpaceLoss')}</dt>
          <dd data-testid="link-free-space-loss">{db(profile.freeSpaceLossDb)}</dd>
        </div>
        <div>
          <dt>{t('pathLoss')}</dt>
          <dd data-testid="link-path-loss">{db(profile.pathLossDb)}</dd>
        </div>
      </dl>
      <p className="note">{t('linkModelNote')}</p>
      <div className="buttons">
        <button type="button" onClick={clearLinkProfile} data-testid="link-clear">
          {t('clearResult')}
        </button>
      </div>
    </div>
  );
}
