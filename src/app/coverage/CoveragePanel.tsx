import { useInvalidFieldCount } from '../components/invalidFields';
import { NumberField } from '../components/NumberField';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber, translateWith } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { GAP_COLOUR_RGB } from '../map/rasterImages';
import { setCoverageSetting, setCoverageView, useAppStore, useProject } from '../store/appStore';
import { CoverageResultsTable } from './CoverageResultsTable';
import { cancelCoverage, startCoverage } from './runCoverage';
import { SignalCoverageSection } from './SignalCoverageSection';

export function CoveragePanel({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const mode = useProject((project) => project.coverage.mode);
  return (
    <section className="panel" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('tabCoverage')}</h2>
      <fieldset className="mode" data-testid="coverage-mode">
        <legend>{t('coverageMode')}</legend>
        <label>
          <input
            type="radio"
            name="coverage-mode"
            checked={mode === 'fixed'}
            onChange={() => setCoverageSetting('mode', 'fixed')}
            data-testid="mode-fixed"
          />
          {t('modeFixed')}
        </label>
        <label>
          <input
            type="radio"
            name="coverage-mode"
            checked={mode === 'signal'}
            onChange={() => setCoverageSetting('mode', 'signal')}
            data-testid="mode-signal"
          />
          {t('modeSignal')}
        </label>
      </fieldset>
      {mode === 'fixed' ? <FixedRadiusSection dataset={dataset} /> : <SignalCoverageSection dataset={dataset} />}
    </section>
  );
}

function FixedRadiusSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const coverage = useAppStore((state) => state.coverage);
  const view = useAppStore((state) => state.coverageView);
  const defaultRadiusM = useProject((project) => project.coverage.defaultRadiusM);
  const running = coverage.status === 'running';
  const invalidFields = useInvalidFieldCount('coverage');
  const summary = coverage.summary;
  return (
    <>
      <NumberField
        label={t('radiusDefault')}
        value={defaultRadiusM}
        min={1}
        max={100000}
        disabled={running}
        onChange={(value) => setCoverageSetting('defaultRadiusM', value)}
        testId="coverage-defaultRadiusM"
        form="coverage"
      />
      <div className="buttons">
        <button
          type="button"
          onClick={() => void startCoverage()}
          disabled={running || invalidFields > 0}
          data-testid="run-coverage"
        >
          {t('run')}
        </button>
        <button type="button" onClick={cancelCoverage} disabled={!running} data-testid="cancel-coverage">
          {t('cancel')}
        </button>
      </div>
      {invalidFields > 0 && (
        <p className="warning" data-testid="coverage-fix-fields">
          {t('fixFieldsFirst')}
        </p>
      )}
      {(running || coverage.status === 'cancelled') && (
        <div className="progress-row">
          <progress value={coverage.progress} max={1} data-testid="coverage-progress" />
          <span>{running ? `${Math.round(coverage.progress * 100)}%` : t('cancelled')}</span>
        </div>
      )}
      {coverage.status === 'error' && <p className="warning">{coverage.error}</p>}
      {summary && coverage.defaultRadiusM !== null && coverage.defaultRadiusM !== defaultRadiusM && !running && (
        <p className="warning" data-testid="coverage-stale">
          {translateWith(language, 'coverageStale', { radius: formatNumber(language, coverage.defaultRadiusM) })}
        </p>
      )}
      {summary && (
        <>
          <CoverageResultsTable summary={summary} operatorNames={dataset.towerArrays.operatorNames} />
          <p className="note">
            {t('areaCovered')}: {formatNumber(language, summary.areaCoveredKm2)} km² · {t('computedIn')}{' '}
            {formatNumber(language, coverage.durationMs ?? 0)} ms
          </p>
          <label className="field">
            {t('showCoverageOf')}
            <select value={view} onChange={(event) => setCoverageView(event.target.value)} data-testid="coverage-view">
              <option value="any">{t('anyOperator')}</option>
              {dataset.towerArrays.operatorNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <div className="legend-line">
            <span className="swatch" style={{ background: 'rgba(0,140,70,0.5)' }} /> {t('coveredLegend')}
            <span className="swatch" style={{ background: `rgb(${GAP_COLOUR_RGB.join(',')})` }} /> {t('gapLegend')}
          </div>
        </>
      )}
    </>
  );
}
