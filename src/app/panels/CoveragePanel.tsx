import { operatorColorRgb } from '../../core/model/operators';
import type { ProvinceDataset } from '../data/provinceDataset';
import { cancelCoverage, startCoverage } from '../data/runCoverage';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { GAP_COLOUR_RGB } from '../map/rasterImages';
import { setCoverageView, setDefaultRadiusM, useAppStore, useProject } from '../store/appStore';

export function CoveragePanel({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const coverage = useAppStore((state) => state.coverage);
  const view = useAppStore((state) => state.coverageView);
  const defaultRadiusM = useProject((project) => project.coverage.defaultRadiusM);
  const running = coverage.status === 'running';
  const summary = coverage.summary;
  const percent = (value: number) =>
    summary && summary.population_total > 0
      ? `${formatNumber(language, (100 * value) / summary.population_total, 1)}%`
      : '';
  return (
    <section className="panel" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('analysis')}</h2>
      <label className="field">
        {t('radiusDefault')}
        <input
          type="number"
          min={50}
          max={50000}
          step={50}
          value={defaultRadiusM}
          disabled={running}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isFinite(value) && value > 0) setDefaultRadiusM(value);
          }}
        />
      </label>
      <div className="buttons">
        <button type="button" onClick={() => void startCoverage()} disabled={running} data-testid="run-coverage">
          {t('run')}
        </button>
        <button type="button" onClick={cancelCoverage} disabled={!running} data-testid="cancel-coverage">
          {t('cancel')}
        </button>
      </div>
      {(running || coverage.status === 'cancelled') && (
        <div className="progress-row">
          <progress value={coverage.progress} max={1} data-testid="coverage-progress" />
          <span>{running ? `${Math.round(coverage.progress * 100)}%` : t('cancelled')}</span>
        </div>
      )}
      {coverage.status === 'error' && <p className="warning">{coverage.error}</p>}
      {summary && (
        <>
          <table className="results" data-testid="coverage-results">
            <thead>
              <tr>
                <th>{t('operator')}</th>
                <th className="num">{t('covered')}</th>
                <th className="num">%</th>
              </tr>
            </thead>
            <tbody>
              {dataset.towerArrays.operatorNames.map((name) => (
                <tr key={name} data-operator={name}>
                  <td>
                    <span className="swatch dot" style={{ background: `rgb(${operatorColorRgb(name).join(',')})` }} />
                    {name}
                  </td>
                  <td className="num" data-testid={`covered-${name}`}>
                    {formatNumber(language, summary.population_covered_by_operator[name] ?? 0)}
                  </td>
                  <td className="num">{percent(summary.population_covered_by_operator[name] ?? 0)}</td>
                </tr>
              ))}
              <tr className="total">
                <td>{t('anyOperator')}</td>
                <td className="num" data-testid="covered-any">
                  {formatNumber(language, summary.population_covered)}
                </td>
                <td className="num">{percent(summary.population_covered)}</td>
              </tr>
              <tr className="gap">
                <td>{t('uncovered')}</td>
                <td className="num" data-testid="uncovered">
                  {formatNumber(language, summary.population_uncovered)}
                </td>
                <td className="num">{percent(summary.population_uncovered)}</td>
              </tr>
            </tbody>
          </table>
          <p className="note">
            {t('areaCovered')}: {formatNumber(language, summary.area_covered_km2)} km² · {t('computedIn')}{' '}
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
    </section>
  );
}
