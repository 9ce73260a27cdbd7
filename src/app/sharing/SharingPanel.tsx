import { useShallow } from 'zustand/react/shallow';
import type { SharingPreset } from '../../core/colocation/buildColocationRequest';
import { joinMastCapexUsd, newSitePassiveCapexUsd, SHARING_COSTS_USD } from '../../core/colocation/sharingCosts';
import { SHARING_DISTANCE_PRESETS } from '../../core/colocation/sharingDistancePresets';
import { radioSettingsFor } from '../../core/coverage/linkBudget';
import type { SignalRunSettings } from '../../core/coverage/prepareSignalRun';
import { exportCsv } from '../../core/export/exportCsv';
import { exportGeoJson } from '../../core/export/exportGeoJson';
import { exportKml } from '../../core/export/exportKml';
import { exportXlsx } from '../../core/export/exportXlsx';
import { fromUsd, toUsd } from '../../core/model/money';
import { operatorColorRgb } from '../../core/model/operators';
import { useInvalidFieldCount } from '../components/invalidFields';
import { NumberField } from '../components/NumberField';
import { startSignalCoverage } from '../coverage/runSignalCoverage';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatMoney } from '../i18n/formatMoney';
import { formatNumber, type StringKey, translateWith } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapControllerContext';
import { selectTower, setCoverageSetting, useAppStore, useProject } from '../store/appStore';
import { useMoney } from '../store/moneySettings';
import { CandidateSitesSection } from './CandidateSitesSection';
import { describeSiteRule } from './describeSiteRule';
import { downloadFile } from './downloadFile';
import { ExclusionZonesSection } from './ExclusionZonesSection';
import { MoneySection } from './MoneySection';
import { mapCoverageForPlan } from './mapCoverageForPlan';
import { PlanOnServerSection } from './PlanOnServerSection';
import { PLAN_KML_STYLES, planFeatures } from './planFeatures';
import { planSettingsAsRun } from './planSettingsAsRun';
import { isColocationStale, isPlanStale } from './sharingStaleness';
import {
  cancelSitePlan,
  reevaluatePlanSites,
  runColocation,
  runSitePlan,
  selectSite,
  setPlanOnPredictedSignal,
  updateColocationSettings,
  updatePlanSettings,
  useSharingStore,
} from './sharingStore';
import { shortIdList } from './shortIdList';
import { publishedSiteName } from './summarizePlanForPublishing';

const PLAN_OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];

export function SharingPanel({ dataset }: { dataset: ProvinceDataset }) {
  return (
    <>
      <MoneySection />
      <ColocationSection dataset={dataset} />
      <PlanSection dataset={dataset} />
    </>
  );
}

function ColocationSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const invalidColocationFields = useInvalidFieldCount('colocation');
  const mapController = useMapController();
  const language = useAppStore((state) => state.language);
  const {
    colocationSettings,
    colocationStatus,
    colocation,
    colocationBasis,
    opportunities,
    opportunitiesOperator,
    error,
  } = useSharingStore(
    useShallow((state) => ({
      colocationSettings: state.colocationSettings,
      colocationBasis: state.colocationBasis,
      colocationStatus: state.colocationStatus,
      colocation: state.colocation,
      opportunities: state.opportunities,
      opportunitiesOperator: state.opportunitiesOperator,
      error: state.error,
    })),
  );
  // The opportunities count as covered what masts reach at the coverage tab's radius (when their file gives none).
  const defaultRadiusM = useProject((project) => project.coverage.defaultRadiusM);
  const percent = (value: number | null) => (value === null ? '—' : `${formatNumber(language, value * 100, 1)}%`);
  const money = useMoney();
  const presetSource = t(`presetSource_${colocationSettings.preset}`);
  const spareTotal = colocation?.spareSlotsTotal ?? 0;
  const forOperator = opportunities?.find((entry) => entry.operator === opportunitiesOperator) ?? null;
  const focusTower = (index: number) => {
    selectTower(index);
    const tower = dataset.towers[index];
    mapController?.fitPoints([[tower.lon, tower.lat]]);
  };
  return (
    <section className="panel" aria-labelledby="colocation-title" data-testid="colocation-panel">
      <h2 id="colocation-title">{t('colocationTitle')}</h2>
      <label className="field stacked">
        {t('sharingDistance')}
        {/* Short labels (name, urban / elsewhere in metres) so the select fits the sidebar; the source in the title
            and on the line below. */}
        <select
          className="preset-select"
          value={colocationSettings.preset}
          title={presetSource}
          onChange={(event) => updateColocationSettings({ preset: event.target.value as SharingPreset })}
          data-testid="sharing-preset"
        >
          {(Object.keys(SHARING_DISTANCE_PRESETS) as Array<keyof typeof SHARING_DISTANCE_PRESETS>).map((key) => (
            <option key={key} value={key} title={t(`presetSource_${key}`)}>
              {t(`preset_${key}`)}: {SHARING_DISTANCE_PRESETS[key].urbanM}/{SHARING_DISTANCE_PRESETS[key].nonUrbanM} m
            </option>
          ))}
          <option value="custom">{t('custom')}</option>
        </select>
      </label>
      <p className="hint" data-testid="sharing-preset-source" title={presetSource}>
        {colocationSettings.preset === 'custom'
          ? presetSource
          : `${SHARING_DISTANCE_PRESETS[colocationSettings.preset].urbanM} m ${t('urban')} / ${SHARING_DISTANCE_PRESETS[colocationSettings.preset].nonUrbanM} m ${t('rural')} · ${t(`presetNote_${colocationSettings.preset}`)}`}
      </p>
      {colocationSettings.preset === 'custom' && (
        <NumberField
          label={t('distanceM')}
          value={colocationSettings.distanceM}
          min={1}
          max={5000}
          onChange={(value) => updateColocationSettings({ distanceM: value })}
          testId="sharing-distance"
          form="colocation"
        />
      )}
      <div className="buttons">
        <button
          type="button"
          onClick={() => void runColocation()}
          disabled={colocationStatus === 'running' || invalidColocationFields > 0}
          data-testid="run-colocation"
        >
          {t('findSharing')}
        </button>
      </div>
      {colocationStatus === 'running' && <p className="note">{t('running')}</p>}
      {error && <p className="warning">{error}</p>}
      {colocation &&
        colocationStatus !== 'running' &&
        isColocationStale(colocationBasis, colocationSettings, dataset.towers, defaultRadiusM) && (
          <p className="warning" data-testid="colocation-stale">
            {t('colocationStale')}
          </p>
        )}
      {colocation && (
        <>
          <dl className="figures" data-testid="colocation-figures">
            <div>
              <dt>{t('pairsWithin')}</dt>
              <dd data-testid="pair-count">{formatNumber(language, colocation.pairs.count)}</dd>
            </div>
            <div>
              <dt>{t('clusters')}</dt>
              <dd>{formatNumber(language, colocation.clusterCount)}</dd>
            </div>
            <div>
              <dt>{t('kpiTenancy')}</dt>
              <dd>{formatNumber(language, colocation.province.tenancyRatio ?? 0, 2)}</dd>
            </div>
            <div>
              <dt>{t('kpiShared')}</dt>
              <dd>{percent(colocation.province.sharedShare)}</dd>
            </div>
            <div>
              <dt>{t('spareSlots')}</dt>
              <dd>{formatNumber(language, spareTotal)}</dd>
            </div>
          </dl>
          <table className="results" data-testid="pairs-by-operator">
            <tbody>
              {Object.entries(colocation.pairsByOperatorPair).map(([key, count]) => (
                <tr key={key}>
                  <td>{key.replace('|', ' + ')}</td>
                  <td className="num">{formatNumber(language, count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('consolidation')}</h3>
          <ol className="ranked" data-testid="consolidation-list">
            {colocation.consolidation.slice(0, 8).map((candidate) => (
              <li key={candidate.hostId}>
                <button type="button" className="link" onClick={() => focusTower(candidate.hostIndex)}>
                  {candidate.hostId}
                </button>{' '}
                ← {shortIdList(candidate.removedIds, language)} · {candidate.tenantsAfter.join('+')} ·{' '}
                <strong>{formatMoney(language, candidate.savingsNetPresentUsd, money)}</strong> {t('npv10y')}
              </li>
            ))}
          </ol>
          <h3>{t('opportunities')}</h3>
          <label className="field">
            {t('operator')}
            <select
              value={opportunitiesOperator}
              onChange={(event) => useSharingStore.setState({ opportunitiesOperator: event.target.value })}
              data-testid="opportunity-operator"
            >
              {(opportunities ?? []).map((entry) => (
                <option key={entry.operator} value={entry.operator}>
                  {entry.operator}
                </option>
              ))}
            </select>
          </label>
          {forOperator && (
            <ol className="ranked" data-testid="opportunity-list">
              {forOperator.opportunities.slice(0, 10).map((opportunity) => (
                <li key={opportunity.towerId}>
                  <button type="button" className="link" onClick={() => focusTower(opportunity.towerIndex)}>
                    {opportunity.towerId}
                  </button>{' '}
                  ({opportunity.owner}, {opportunity.spareSlots} {t('freeSlots')}): +
                  {formatNumber(language, opportunity.newlyCoveredPopulation)} {t('people')}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Under a plan on predicted signal: the map's coverage layer is the coverage tab's, which may not be the prediction
 * the plan was made on (fixed-radius rings, 4G): said, with the way to draw the plan's own.
 */
function PlanMapCoverageNote({ planPropagation }: { planPropagation: SignalRunSettings | undefined }) {
  const t = useT();
  const mismatch = useAppStore((state) =>
    mapCoverageForPlan(planPropagation, state.history.present, {
      settings: state.signalRun.settings,
      hasResult: state.signalRun.result !== null,
    }),
  );
  const running = useAppStore((state) => state.signalRun.status === 'running');
  if (mismatch === null) return null;
  return (
    <div className="warning" data-testid="plan-map-coverage" data-mismatch={mismatch}>
      <p>{t(`planMapCoverage_${mismatch}`)}</p>
      <button
        type="button"
        disabled={running}
        onClick={() => {
          setCoverageSetting('mode', 'signal');
          setCoverageSetting('technology', '5g');
          void startSignalCoverage();
        }}
        data-testid="show-plan-prediction"
      >
        {t('showPlanPrediction')}
      </button>
    </div>
  );
}

function PlanSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const mapController = useMapController();
  const language = useAppStore((state) => state.language);
  const money = useMoney();
  // Not the progress: a tick re-renders only PlanProgress, not the plan's lists.
  const { planSettings, planBasis, planStatus, plan, planDurationMs, selectedSiteIndex, siteProvenance } =
    useSharingStore(
      useShallow((state) => ({
        planBasis: state.planBasis,
        siteProvenance: state.siteProvenance,
        planSettings: state.planSettings,
        planStatus: state.planStatus,
        plan: state.plan,
        planDurationMs: state.planDurationMs,
        selectedSiteIndex: state.selectedSiteIndex,
      })),
    );
  // The coverage tab's settings a run takes (the masts' default radius, the prediction) and the rate of a budget typed
  // in đồng: the plan is stale when they move.
  const coverageSettings = useProject((project) => project.coverage);
  const running = planStatus === 'running';
  const invalidPlanFields = useInvalidFieldCount('plan');
  // The money budget the plan on screen was made (or evaluated) with.
  const budgetUsd = (planBasis?.settings ?? planSettings).maxCapexUsd ?? null;
  const planOnSignal = (planBasis?.settings ?? planSettings).propagation !== undefined;
  const exportAs = async (format: 'geojson' | 'csv' | 'xlsx' | 'kml') => {
    if (!plan) return;
    const features = planFeatures(plan, { provenance: siteProvenance, money });
    const base = `cosite-${dataset.provinceCode}-shared-5g-sites`;
    if (format === 'geojson') downloadFile(`${base}.geojson`, exportGeoJson(features), 'application/geo+json');
    if (format === 'csv') downloadFile(`${base}.csv`, exportCsv(features), 'text/csv');
    if (format === 'xlsx') {
      downloadFile(
        `${base}.xlsx`,
        await exportXlsx(features, { sheetName: base }),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    }
    if (format === 'kml')
      downloadFile(
        `${base}.kml`,
        exportKml(features, { name: base, styles: PLAN_KML_STYLES, styleProperty: 'site_class' }),
        'application/vnd.google-earth.kml+xml',
      );
  };
  return (
    <section className="panel" aria-labelledby="plan-title" data-testid="plan-panel">
      <h2 id="plan-title">{t('planTitle')}</h2>
      <div className="operator-checks">
        {PLAN_OPERATORS.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={planSettings.operators.includes(name)}
              disabled={running}
              onChange={(event) =>
                updatePlanSettings({
                  operators: event.target.checked
                    ? [...planSettings.operators, name]
                    : planSettings.operators.filter((operator) => operator !== name),
                })
              }
            />
            <span className="swatch dot" style={{ background: `rgb(${operatorColorRgb(name).join(',')})` }} />
            {name}
          </label>
        ))}
      </div>
      <label className="field">
        {t('weighting')}
        <select
          value={planSettings.weighting}
          disabled={running}
          onChange={(event) => updatePlanSettings({ weighting: event.target.value as 'people' | 'people_x_operators' })}
        >
          <option value="people_x_operators">{t('weightPeopleOperators')}</option>
          <option value="people">{t('weightPeople')}</option>
        </select>
      </label>
      <NumberField
        label={t('siteRadiusM')}
        value={planSettings.siteRadiusM}
        min={100}
        max={20000}
        disabled={running}
        onChange={(value) => updatePlanSettings({ siteRadiusM: value })}
        testId="plan-radius"
        form="plan"
      />
      <NumberField
        label={t('siteCount')}
        value={planSettings.sites}
        min={1}
        max={500}
        integer
        disabled={running}
        onChange={(value) => updatePlanSettings({ sites: value })}
        testId="plan-sites"
        form="plan"
      />
      <PlanBudgetField disabled={running} />
      <label className="field">
        {t('solver')}
        <select
          value={planSettings.solver}
          disabled={running}
          onChange={(event) => updatePlanSettings({ solver: event.target.value as 'greedy' | 'greedy_swap' | 'exact' })}
          data-testid="plan-solver"
        >
          <option value="greedy_swap">{t('solverHeuristic')}</option>
          <option value="greedy">{t('solverGreedy')}</option>
          <option value="exact">{t('solverExact')}</option>
        </select>
      </label>
      <label className="toggle plain">
        <input
          type="checkbox"
          checked={planSettings.useSpacingRule}
          disabled={running}
          onChange={(event) => updatePlanSettings({ useSpacingRule: event.target.checked })}
        />
        {t('spacingRuleDemo')}
      </label>
      <label className="toggle plain">
        <input
          type="checkbox"
          checked={planSettings.propagation !== undefined}
          disabled={running}
          onChange={(event) => setPlanOnPredictedSignal(event.target.checked)}
          data-testid="plan-on-signal"
        />
        {t('planOnSignal')}
      </label>
      {planSettings.propagation && <p className="hint">{t('planOnSignalNote')}</p>}
      <CandidateSitesSection disabled={running} />
      <ExclusionZonesSection disabled={running} />
      <div className="buttons">
        <button
          type="button"
          onClick={() => void runSitePlan()}
          disabled={running || planSettings.operators.length === 0 || invalidPlanFields > 0}
          data-testid="run-plan"
        >
          {t('proposeSites')}
        </button>
        <button type="button" onClick={cancelSitePlan} disabled={!running}>
          {t('cancel')}
        </button>
      </div>
      {invalidPlanFields > 0 && (
        <p className="warning" data-testid="plan-fix-fields">
          {t('fixFieldsFirst')}
        </p>
      )}
      {running && <PlanProgress />}
      <PlanOnServerSection />
      {planStatus === 'cancelled' && <p className="note">{t('cancelled')}</p>}
      {plan &&
        !running &&
        isPlanStale(planBasis, planSettingsAsRun(planSettings, coverageSettings, money), dataset.towers) && (
          <div className="warning" data-testid="plan-stale">
            <p>{t('planStale')}</p>
            <button type="button" onClick={() => void reevaluatePlanSites()} data-testid="reevaluate-plan">
              {t('reevaluateSites')}
            </button>
          </div>
        )}
      {plan && (
        <>
          <dl className="figures" data-testid="plan-figures">
            <div>
              <dt>{t(`newlyCovered_${(planBasis?.settings ?? planSettings).weighting}`)}</dt>
              <dd data-testid="plan-newly-covered">{formatNumber(language, plan.populationNewlyCovered)}</dd>
            </div>
            <div>
              <dt>
                {t('objective')} (
                {(planBasis?.settings ?? planSettings).weighting === 'people'
                  ? t('weightPeople')
                  : t('weightPeopleOperators')}
                )
              </dt>
              <dd data-testid="plan-objective">{formatNumber(language, plan.objective)}</dd>
            </div>
            {plan.method !== 'fixed' && (
              <>
                <div>
                  <dt>{t('upperBound')}</dt>
                  <dd>{formatNumber(language, plan.upperBound)}</dd>
                </div>
                <div>
                  <dt>{t('gapToOptimum')}</dt>
                  <dd data-testid="plan-gap">
                    ≤ {formatNumber(language, plan.gapPercent, 2)}% {plan.proven ? `(${t('provenOptimal')})` : ''}
                  </dd>
                </div>
              </>
            )}
            <div>
              <dt>{t('capex')}</dt>
              <dd data-testid="plan-capex">
                {formatMoney(language, plan.totalCapexUsd, money)}
                {budgetUsd !== null && ` / ${formatMoney(language, budgetUsd, money)} (${t('planBudget')})`}
                {budgetUsd !== null && plan.totalCapexUsd > budgetUsd * (1 + 1e-9) && (
                  <strong className="short" data-testid="plan-over-budget">
                    {' '}
                    {t('planOverBudget')}
                  </strong>
                )}
              </dd>
            </div>
          </dl>
          {plan.sites.length === 0 && budgetUsd !== null && (
            <p className="warning" data-testid="plan-budget-too-small">
              {translateWith(language, 'planBudgetTooSmall', {
                budget: formatMoney(language, budgetUsd, money),
                join: formatMoney(language, joinMastCapexUsd(SHARING_COSTS_USD, '5g'), money),
                build: formatMoney(language, newSitePassiveCapexUsd(SHARING_COSTS_USD, '5g'), money),
              })}
            </p>
          )}
          {plan.sites.length > (planBasis?.settings ?? planSettings).sites && (
            <p className="warning" data-testid="plan-over-site-count">
              {translateWith(language, 'planOverSiteCount', {
                count: formatNumber(language, plan.sites.length),
                max: formatNumber(language, (planBasis?.settings ?? planSettings).sites),
              })}
            </p>
          )}
          <PlanMapCoverageNote planPropagation={planBasis?.settings.propagation} />
          {plan.method === 'fixed' && (
            <p className="note" data-testid="fixed-sites-note">
              {t('fixedSitesNote')}
            </p>
          )}
          {plan.method === 'fixed' && plan.candidates.rejected.length > 0 && (
            <div className="warning" data-testid="rules-broken">
              {t('rulesBroken')}:{' '}
              {plan.candidates.rejected
                .map(
                  (entry) =>
                    `S${plan.sites.findIndex((site) => site.id === entry.id) + 1}: ${describeSiteRule(entry, language)}`,
                )
                .join('; ')}
            </div>
          )}
          <p className="note">
            {plan.method === 'fixed'
              ? t('fixedSitesShort')
              : `${t(`planMethod_${plan.method}`)} · ${t(`planBound_${plan.boundSource}` as StringKey)}`}{' '}
            · {formatNumber(language, plan.candidates.accepted)}/{formatNumber(language, plan.candidates.generated)}{' '}
            {t('candidatesAccepted')} · {t('computedIn')} {formatNumber(language, planDurationMs ?? 0)} ms
          </p>
          <div className="buttons" hidden={plan.sites.length === 0}>
            <button type="button" onClick={() => void exportAs('geojson')} data-testid="export-plan-geojson">
              GeoJSON
            </button>
            <button type="button" onClick={() => void exportAs('csv')} data-testid="export-plan-csv">
              CSV
            </button>
            <button type="button" onClick={() => void exportAs('xlsx')} data-testid="export-plan-xlsx">
              XLSX
            </button>
            <button type="button" onClick={() => void exportAs('kml')} data-testid="export-plan-kml">
              KML
            </button>
          </div>
          <p className="hint">{t('siteNewlyCoveredNote')}</p>
          <ol className="ranked sites" data-testid="site-list">
            {plan.sites.map((site, index) => (
              <li key={site.id} className={index === selectedSiteIndex ? 'selected' : ''}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    selectSite(index);
                    mapController?.fitPoints([[site.lon, site.lat]]);
                  }}
                  data-testid="site-item"
                  title={site.id}
                >
                  {publishedSiteName(index, site)}
                </button>{' '}
                {site.kind === 'existing_mast' ? t('existingMast') : `${t('newMast')} ${site.mastType}`}: +
                {formatNumber(language, site.newlyCoveredPopulation)} {t('people')} ({site.operatorsGaining.join(', ')})
                {siteProvenance[site.id]?.origin === 'moved' && (
                  <span className="note" data-testid="site-moved">
                    {' '}
                    · {t('provenanceMoved')}
                  </span>
                )}
                {index === selectedSiteIndex && (
                  <ul className="site-detail" data-testid="site-detail">
                    {Object.entries(site.newlyCoveredByOperator).map(([operator, people]) =>
                      // On predicted 5G an operator with no 5G band has no radio to predict: "—", not a computed 0.
                      planOnSignal && radioSettingsFor('5g', operator) === null ? (
                        <li key={operator} data-testid="site-operator-no-radio">
                          {operator}: — ({t('noFiveGBand')})
                        </li>
                      ) : (
                        <li key={operator}>
                          {operator}: +{formatNumber(language, people)} {t('people')}
                        </li>
                      ),
                    )}
                    <li>
                      {t('backboneDistance')}:{' '}
                      {site.backboneDistanceM === null ? '—' : `${formatNumber(language, site.backboneDistanceM)} m`}
                    </li>
                    <li>
                      {t('nearestMast')}:{' '}
                      {site.nearestMast
                        ? `${site.nearestMast.id}, ${formatNumber(language, site.nearestMast.distanceM)} m`
                        : '—'}
                    </li>
                    {site.spacing && (
                      <li>
                        {t('spacingCheck')}: {site.spacing.ok ? '✓' : '✗'} ({t('required')}{' '}
                        {formatNumber(language, site.spacing.requiredM)} m)
                      </li>
                    )}
                    <li>
                      {t('capex')}: {formatMoney(language, site.cost.capexUsd, money)} · {t('fibre')}{' '}
                      {formatNumber(language, site.cost.fibreM)} m
                    </li>
                    {site.savingsVsAlone.map((entry) => (
                      <li key={entry.operator}>
                        {entry.operator}: {t('savesVsAlone')} {formatMoney(language, entry.savingUsd, money)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function PlanProgress() {
  const progress = useSharingStore((state) => state.planProgress);
  return (
    <div className="progress-row">
      <progress value={progress} max={1} />
      <span>{Math.round(progress * 100)}%</span>
    </div>
  );
}

/** The plan budget's unit in đồng: millions (a site costs hundreds of millions). */
const VND_BUDGET_UNIT = 1_000_000;

/**
 * The plan's money budget in the project's currency (millions of đồng, or USD): the most the sites may cost up front
 * together. Empty: no money limit, only the site count.
 */
function PlanBudgetField({ disabled }: { disabled: boolean }) {
  const t = useT();
  const money = useMoney();
  const maxCapexUsd = useSharingStore((state) => state.planSettings.maxCapexUsd ?? null);
  const maxCapexVnd = useSharingStore((state) => state.planSettings.maxCapexVnd ?? null);
  const unit = money.currency === 'VND' ? VND_BUDGET_UNIT : 1;
  // In đồng, the amount typed in đồng stays as typed whatever the rate; else the USD amount converted.
  const shown =
    money.currency === 'VND' && maxCapexVnd !== null
      ? Math.round(maxCapexVnd / unit)
      : maxCapexUsd === null
        ? null
        : Math.round(fromUsd(maxCapexUsd, money) / unit);
  return (
    <>
      <NumberField
        label={money.currency === 'VND' ? t('planBudgetMillionVnd') : t('planBudgetUsd')}
        value={shown}
        min={1}
        max={money.currency === 'VND' ? 10_000_000 : 500_000_000}
        integer
        disabled={disabled}
        onChange={(value) =>
          updatePlanSettings({
            maxCapexUsd: toUsd(value * unit, money),
            maxCapexVnd: money.currency === 'VND' ? value * unit : null,
          })
        }
        onClear={() => updatePlanSettings({ maxCapexUsd: null, maxCapexVnd: null })}
        testId="plan-budget"
        form="plan"
      />
      <p className="hint">{t('planBudgetHint')}</p>
    </>
  );
}
