import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_RECEIVER, eirpPerResourceElementDbm, radioSettingsFor } from '../../core/coverage/linkBudget';
import { useInvalidFieldCount } from '../components/invalidFields';
import { NumberField } from '../components/NumberField';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber, type StringKey } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { setCoverageSetting, setCoverageView, useAppStore, useProject } from '../store/appStore';
import {
  PROFILE_POINTS_PER_STEP,
  type ProfilePointsPerStep,
  SIGNAL_MODEL_IDS,
  type SignalModelId,
} from '../store/projectDocument';
import { CoverageResultsTable } from './CoverageResultsTable';
import { describeSignalNote } from './describeSignalNote';
import { cancelSignalCoverage, redrawSignalImage, signalRunIsStale, startSignalCoverage } from './runSignalCoverage';
import { SignalLegend } from './SignalLegend';

/** Propagation mode: model, technology and link-budget settings (defaults stated), run, legend, figures. */
export function SignalCoverageSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  // Not the progress: a tick re-renders only SignalProgress, not the figures of the last run.
  const run = useAppStore(
    useShallow((state) => ({
      status: state.signalRun.status,
      error: state.signalRun.error,
      result: state.signalRun.result,
      durationMs: state.signalRun.durationMs,
      settings: state.signalRun.settings,
    })),
  );
  const view = useAppStore((state) => state.coverageView);
  const settings = useProject((project) => project.coverage);
  const running = run.status === 'running';
  const invalidFields = useInvalidFieldCount('signal');
  const hasTerrain = useAppStore((state) => (state.dataset?.terrain.rasters.length ?? 0) > 0);
  const operators = dataset.towerArrays.operatorNames;
  const numberField = (
    key: 'gridM' | 'thresholdDbm' | 'shadowingMarginDb' | 'indoorLossDb' | 'kFactor' | 'diffractionWeight',
    label: string,
    min: number,
    max: number,
  ) => (
    <NumberField
      label={label}
      value={settings[key]}
      min={min}
      max={max}
      disabled={running}
      onChange={(value) => setCoverageSetting(key, value)}
      testId={`signal-${key}`}
      form="signal"
    />
  );
  return (
    <>
      <label className="field">
        {t('model')}
        <select
          value={settings.modelId}
          disabled={running}
          onChange={(event) => setCoverageSetting('modelId', event.target.value as SignalModelId)}
          data-testid="signal-model"
        >
          {SIGNAL_MODEL_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`model_${id}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      {settings.modelId === 'p526' && (
        <p className="hint" data-testid="p526-note">
          {t('p526Optimistic')}
        </p>
      )}
      <label className="field">
        {t('technology')}
        <select
          value={settings.technology}
          disabled={running}
          onChange={(event) => setCoverageSetting('technology', event.target.value as '4g' | '5g')}
          data-testid="signal-technology"
        >
          <option value="4g">4G (LTE 1800 MHz)</option>
          <option value="5g">5G (n41 2.6 GHz / n78 3.7-3.9 GHz)</option>
        </select>
      </label>
      {numberField('gridM', t('gridM'), 25, 2000)}
      {numberField('thresholdDbm', t('thresholdDbm'), -150, -40)}
      {numberField('shadowingMarginDb', t('shadowingMarginDb'), 0, 30)}
      <label className="toggle plain">
        <input
          type="checkbox"
          checked={settings.indoor}
          disabled={running}
          onChange={(event) => setCoverageSetting('indoor', event.target.checked)}
          data-testid="signal-indoor"
        />
        {t('indoor')} ({DEFAULT_RECEIVER.indoorThresholdDbm} dBm)
      </label>
      {settings.indoor && numberField('indoorLossDb', t('indoorLossDb'), 0, 60)}
      <label className="toggle plain">
        <input
          type="checkbox"
          checked={settings.terrain || settings.modelId === 'p526'}
          disabled={running || settings.modelId === 'p526' || !hasTerrain}
          onChange={(event) => setCoverageSetting('terrain', event.target.checked)}
          data-testid="signal-terrain"
        />
        {t('terrainSwitch')}
      </label>
      {!hasTerrain && (settings.terrain || settings.modelId === 'p526') && (
        <p className="error" role="alert" data-testid="signal-terrain-needed">
          {t('terrainNeeded')}
        </p>
      )}
      {hasTerrain && (settings.terrain || settings.modelId === 'p526') && (
        <>
          {numberField('kFactor', t('kFactor'), 0.1, 100)}
          <label className="field">
            {t('profilePoints')}
            <select
              value={settings.profilePointsPerStep}
              disabled={running}
              onChange={(event) =>
                setCoverageSetting('profilePointsPerStep', Number(event.target.value) as ProfilePointsPerStep)
              }
              data-testid="signal-profile-points"
            >
              {PROFILE_POINTS_PER_STEP.map((points) => (
                <option key={points} value={points}>
                  {t(`profilePoints_${points}` as StringKey)}
                </option>
              ))}
            </select>
          </label>
          {settings.modelId !== 'p526' && numberField('diffractionWeight', t('diffractionWeight'), 0, 1)}
          <p className="hint">{t('terrainNote')}</p>
        </>
      )}
      {settings.technology === '5g' && (
        <label className="toggle plain">
          <input
            type="checkbox"
            checked={settings.assume5g}
            disabled={running}
            onChange={(event) => setCoverageSetting('assume5g', event.target.checked)}
          />
          {t('assume5g')}
        </label>
      )}
      {settings.technology === '5g' && settings.assume5g && <p className="hint">{t('assume5gNational')}</p>}
      <details>
        <summary>{t('linkBudgetDefaults')}</summary>
        <table className="results budget" data-testid="link-budget">
          <thead>
            <tr>
              <th>{t('operator')}</th>
              <th>{t('band')}</th>
              <th className="num">MHz</th>
              <th className="num">EIRP dBm</th>
              <th className="num">EIRP/RE dBm</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((name) => {
              const preset = radioSettingsFor(settings.technology, name);
              const overrides = settings.eirpDbmByOperator[settings.technology];
              const radio = preset && name in overrides ? { ...preset, eirpDbm: overrides[name] } : preset;
              const totalEirpDbm = radio
                ? (radio.eirpDbm ?? radio.txPowerDbm + radio.antennaGainDbi - radio.cableLossDb)
                : null;
              return (
                <tr key={name}>
                  <td>{name}</td>
                  <td>{radio ? radio.band : '—'}</td>
                  <td className="num">{radio ? formatNumber(language, radio.frequencyMHz) : '—'}</td>
                  <td className="num">
                    {totalEirpDbm === null ? (
                      '—'
                    ) : (
                      <NumberField
                        value={totalEirpDbm}
                        min={0}
                        max={100}
                        disabled={running}
                        ariaLabel={`EIRP ${name} (dBm)`}
                        form="signal"
                        className={name in overrides ? 'edited' : undefined}
                        onChange={(value) =>
                          setCoverageSetting('eirpDbmByOperator', {
                            ...settings.eirpDbmByOperator,
                            [settings.technology]: { ...overrides, [name]: value },
                          })
                        }
                        testId={`eirp-${name}`}
                      />
                    )}
                  </td>
                  <td className="num">{radio ? formatNumber(language, eirpPerResourceElementDbm(radio), 1) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {Object.keys(settings.eirpDbmByOperator[settings.technology]).length > 0 && (
          <button
            type="button"
            disabled={running}
            onClick={() =>
              setCoverageSetting('eirpDbmByOperator', { ...settings.eirpDbmByOperator, [settings.technology]: {} })
            }
            data-testid="eirp-reset"
          >
            {t('resetToPresets')}
          </button>
        )}
        <p className="note">{t('linkBudgetNote')}</p>
      </details>
      <div className="buttons">
        <button
          type="button"
          onClick={() => void startSignalCoverage()}
          disabled={running || invalidFields > 0}
          data-testid="run-signal"
        >
          {t('run')}
        </button>
        <button type="button" onClick={cancelSignalCoverage} disabled={!running} data-testid="cancel-signal">
          {t('cancel')}
        </button>
      </div>
      {invalidFields > 0 && (
        <p className="warning" data-testid="signal-fix-fields">
          {t('fixFieldsFirst')}
        </p>
      )}
      {(running || run.status === 'cancelled') && <SignalProgress running={running} />}
      {run.status === 'error' && <p className="warning">{run.error}</p>}
      {run.result && signalRunIsStale(run.settings, settings) && (
        <p className="warning" data-testid="signal-stale">
          {t('signalStale')}
        </p>
      )}
      {run.result && (
        <>
          <CoverageResultsTable
            summary={run.result.summary}
            operatorNames={run.result.operatorNames}
            withoutRadio={run.result.operatorsWithoutRadio}
            technology={run.settings?.technology}
          />
          <p className="note" data-testid="signal-meta">
            {run.result.grid.width} × {run.result.grid.height} {t('cells')} · {t('areaCovered')}:{' '}
            {formatNumber(language, run.result.summary.areaCoveredKm2)} km² · {t('computedIn')}{' '}
            {formatNumber(language, run.durationMs ?? 0)} ms
          </p>
          <label className="field">
            {t('showCoverageOf')}
            <select
              value={view}
              onChange={(event) => {
                setCoverageView(event.target.value);
                void redrawSignalImage(event.target.value, settings.palette);
              }}
              data-testid="signal-view"
            >
              <option value="any">{t('anyOperator')}</option>
              {run.result.operatorNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('palette')}
            <select
              value={settings.palette}
              onChange={(event) => {
                const palette = event.target.value as 'spectral' | 'colourblind';
                setCoverageSetting('palette', palette);
                void redrawSignalImage(view, palette);
              }}
              data-testid="signal-palette"
            >
              <option value="spectral">{t('paletteSpectral')}</option>
              <option value="colourblind">{t('paletteColourblind')}</option>
            </select>
          </label>
          <SignalLegend palette={settings.palette} thresholdDbm={run.result.thresholdDbm} />
          {run.result.summary.gapsByArea && (
            <details open>
              <summary>{t('gapsByCommune')}</summary>
              <table className="results" data-testid="gaps-by-commune">
                <tbody>
                  {[...run.result.summary.gapsByArea]
                    .sort((a, b) => b.populationUncovered - a.populationUncovered)
                    .slice(0, 10)
                    .map((gap) => (
                      <tr key={gap.area}>
                        <td>{gap.name}</td>
                        <td className="num">{formatNumber(language, gap.populationUncovered)}</td>
                        <td className="num">
                          {gap.populationTotal > 0
                            ? `${formatNumber(language, (100 * gap.populationUncovered) / gap.populationTotal, 0)}%`
                            : ''}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </details>
          )}
          {run.result.notes.length > 0 && (
            <details>
              <summary>
                {t('notes')} ({run.result.notes.length})
              </summary>
              <ul className="notes">
                {run.result.notes.map((note) => (
                  <li key={note.reason}>{describeSignalNote(note, language)}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </>
  );
}

function SignalProgress({ running }: { running: boolean }) {
  const t = useT();
  const progress = useAppStore((state) => state.signalRun.progress);
  return (
    <div className="progress-row">
      <progress value={progress} max={1} data-testid="signal-progress" />
      <span>{running ? `${Math.round(progress * 100)}%` : t('cancelled')}</span>
    </div>
  );
}
