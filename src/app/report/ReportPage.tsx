import { useEffect, useState } from 'react';
import { DEFAULT_DENSITY_THRESHOLDS } from '../../core/colocation/classifyUrbanRural';
import { SHARING_DISTANCE_PRESETS } from '../../core/colocation/sharingDistancePresets';
import { MAIN_OPERATOR_NAMES, operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import { describeNoRadio } from '../coverage/describeNoRadio';
import { SignalLegend } from '../coverage/SignalLegend';
import { describeTowerSources } from '../data/describeTowerSources';
import { formatMoney, formatRate } from '../i18n/formatMoney';
import { formatDecimal, formatNumber, type Language, type StringKey, translate, translateWith } from '../i18n/strings';
import { GAP_COLOUR_RGB } from '../map/rasterImages';
import { describeSiteRule } from '../sharing/describeSiteRule';
import { shortIdList } from '../sharing/shortIdList';
import { prepareReport, type ReportCoverage, type ReportData } from './prepareReport';
import { reportDate } from './reportDate';
import { pageSizeMm, REPORT_MARGIN_MM, type ReportParams } from './reportParams';

declare global {
  interface Window {
    /** Set when the report has finished rendering (tests print it to PDF then). */
    cositeReportReady?: boolean;
  }
}

/** A printable plan report (print stylesheet; the browser's "Save as PDF" makes the PDF with the bundled font). */
export function ReportPage({ params }: { params: ReportParams }) {
  const language = params.language;
  const t = (key: StringKey) => translate(language, key);
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `CoSite — ${translate(language, 'reportTitle')}`;
    // The analyses run in prepareReport; leaving (or new params) cancels them and drops what they would have shown.
    const controller = new AbortController();
    prepareReport({ params, shareHash: window.location.hash }, controller.signal).then(
      (prepared) => {
        if (controller.signal.aborted) URL.revokeObjectURL(prepared.mapUrl);
        else setData(prepared);
      },
      (reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
    return () => controller.abort();
  }, [params, language]);

  useEffect(() => {
    if (data) requestAnimationFrame(() => (window.cositeReportReady = true));
  }, [data]);

  const page = pageSizeMm(params);
  const pageStyle = `@page { size: ${params.paper} ${params.orientation}; margin: ${REPORT_MARGIN_MM}mm; }`;
  if (error) return <p className="warning">{error}</p>;
  if (!data) return <p className="note">{t('reportPreparing')}</p>;

  const { dataset, summary } = data;
  const money = data.project.money;
  // The report's co-location runs with the panel's default preset (the demo province's).
  const preset = data.colocationSettings.preset;
  const colocationPresetLabel =
    preset === 'custom'
      ? `${formatNumber(language, data.colocationSettings.distanceM)} m`
      : `${t(`preset_${preset}`)} ${SHARING_DISTANCE_PRESETS[preset].urbanM}/${SHARING_DISTANCE_PRESETS[preset].nonUrbanM} m`;
  const percent = (value: number) =>
    `${formatNumber(language, (100 * value) / Math.max(1, summary.populationTotal), 1)}%`;
  const withoutRadio = data.coverage.mode === 'signal' ? data.coverage.operatorsWithoutRadio : [];
  const today = reportDate(new Date(), language);
  const swatch = (colour: readonly number[]) => (
    <span className="swatch dot" style={{ background: `rgb(${colour.join(',')})` }} />
  );

  return (
    <div className="report" style={{ width: `${page.width - 2 * REPORT_MARGIN_MM}mm` }} data-testid="report">
      <style>{pageStyle}</style>
      <header className="report-header">
        <div>
          <h1>{t('reportTitle')}</h1>
          <p>
            {dataset.provinceName} ({dataset.provinceCode}) · {t('reportDate')}: {today}
          </p>
        </div>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {t('reportPrint')}
        </button>
      </header>
      <p className="report-note">{describeTowerSources(dataset, language)}</p>
      {data.openedByAddress && (
        <p className="report-note warning" data-testid="report-address-only">
          {t('reportAddressOnly')}
        </p>
      )}
      <figure className="report-map" style={{ width: `${data.mapWidthMm}mm`, height: `${data.mapHeightMm}mm` }}>
        <img src={data.mapUrl} alt={t('reportMap')} style={{ width: '100%', height: '100%' }} />
        <svg className="north-arrow" viewBox="0 0 40 60" aria-label={t('northArrow')} role="img">
          <polygon points="20,4 32,44 20,36 8,44" fill="#222" />
          <text x="20" y="58" textAnchor="middle" fontSize="14" fontWeight="bold">
            {language === 'vi' ? 'B' : 'N'}
          </text>
        </svg>
        <div className="scale-bar" data-testid="scale-bar">
          <div style={{ width: `${data.scaleBar.widthMm}mm` }} />
          <span>
            {formatNumber(language, data.scaleBar.metres / 1000)} km ({t('scale')} ≈ 1:
            {formatNumber(language, data.scaleDenominator)})
          </span>
        </div>
      </figure>
      {data.overlappingLabels.length > 0 && (
        <p className="report-note" data-testid="report-labels-overlap">
          {translateWith(language, 'reportLabelsOverlap', { labels: data.overlappingLabels.join(', ') })}
        </p>
      )}
      <section className="report-legend">
        <strong>{t('reportLegend')}:</strong>
        {MAIN_OPERATOR_NAMES.map((name) => (
          <span key={name}>
            {swatch(operatorColorRgb(name))} {name}
          </span>
        ))}
        <span>
          {swatch(SHARED_MAST_COLOR_RGB)} {t('sharedMast')}
        </span>
        {/* The coverage's colours only when the map draws it (its layer on, as on screen). */}
        {data.coverage.mode === 'fixed' && data.project.layers.coverage && (
          <>
            <span>
              <span className="swatch" style={{ background: 'rgba(0,140,70,0.45)' }} /> {t('coveredLegend')}
            </span>
            <span>
              <span className="swatch" style={{ background: `rgb(${GAP_COLOUR_RGB.join(',')})` }} /> {t('gapLegend')}
            </span>
          </>
        )}
        <span>
          <span className="swatch line" style={{ background: '#6a3d9a' }} /> {t('layerBackbone')}
        </span>
        {data.coverage.mode === 'signal' && data.project.layers.coverage && (
          <SignalLegend palette={data.coverage.palette} thresholdDbm={data.coverage.thresholdDbm} />
        )}
      </section>
      <div className="report-tables">
        <section>
          <h2>{t(data.coverage.mode === 'signal' ? 'reportCoverageTableSignal' : 'reportCoverageTable')}</h2>
          <table className="results" data-testid="report-coverage">
            <thead>
              <tr>
                <th>{t('operator')}</th>
                <th className="num">{t('covered')}</th>
                <th className="num">%</th>
              </tr>
            </thead>
            <tbody>
              {dataset.towerArrays.operatorNames.map((name) =>
                withoutRadio.includes(name) ? (
                  <tr key={name}>
                    <td>{name}</td>
                    <td className="num">—</td>
                    <td className="num" />
                  </tr>
                ) : (
                  <tr key={name}>
                    <td>{name}</td>
                    <td className="num">{formatNumber(language, summary.populationCoveredByOperator[name] ?? 0)}</td>
                    <td className="num">{percent(summary.populationCoveredByOperator[name] ?? 0)}</td>
                  </tr>
                ),
              )}
              <tr className="total">
                <td>{t('anyOperator')}</td>
                <td className="num">{formatNumber(language, summary.populationCovered)}</td>
                <td className="num">{percent(summary.populationCovered)}</td>
              </tr>
              <tr className="gap">
                <td>{t('uncovered')}</td>
                <td className="num">{formatNumber(language, summary.populationUncovered)}</td>
                <td className="num">{percent(summary.populationUncovered)}</td>
              </tr>
            </tbody>
          </table>
          {data.coverage.mode === 'signal' && withoutRadio.length > 0 && (
            <p className="note" data-testid="report-coverage-no-radio">
              {describeNoRadio(language, withoutRadio, data.coverage.settings.technology)}
            </p>
          )}
        </section>
        <section>
          <h2>{t('reportMastsTable')}</h2>
          <table className="results" data-testid="report-masts">
            <tbody>
              {data.mastsByOperator.map(([name, count]) => (
                <tr key={name}>
                  <td>{name}</td>
                  <td className="num">{formatNumber(language, count)}</td>
                </tr>
              ))}
              <tr className="total">
                <td>{t('totalMasts')}</td>
                <td className="num">{formatNumber(language, dataset.towers.length)}</td>
              </tr>
              {/* Counted in their owners' rows above: not a term of the total. */}
              <tr>
                <td>{t('sharedMasts')}</td>
                <td className="num">{formatNumber(language, data.sharedMastCount)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      </div>
      <section className="report-sites">
        <h2>{t('reportSitesTable')}</h2>
        {data.plan ? (
          <ReportSites data={data} plan={data.plan} language={language} />
        ) : (
          <p className="report-note" data-testid="report-no-plan">
            {t('reportNoPlan')}
          </p>
        )}
      </section>
      <section className="report-colocation">
        <h2>{t('reportColocationTable')}</h2>
        {data.colocation && data.opportunities ? (
          <>
            <p className="report-note">
              {t('pairsWithin')} ({colocationPresetLabel}): {formatNumber(language, data.colocation.pairs.count)} ·{' '}
              {Object.entries(data.colocation.pairsByOperatorPair)
                .map(([key, count]) => `${key.replace('|', '+')} ${count}`)
                .join(' · ')}
            </p>
            <table className="results" data-testid="report-opportunities">
              <thead>
                <tr>
                  <th>{t('operator')}</th>
                  <th>{t('opportunities')}</th>
                </tr>
              </thead>
              <tbody>
                {data.opportunities.map((entry) => (
                  <tr key={entry.operator}>
                    <td>{entry.operator}</td>
                    <td>
                      {entry.opportunities
                        .slice(0, 3)
                        .map(
                          (opportunity) =>
                            `${opportunity.towerId} (${opportunity.owner}) +${formatNumber(language, opportunity.newlyCoveredPopulation)}`,
                        )
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="results" data-testid="report-consolidation">
              <tbody>
                {data.colocation.consolidation.slice(0, 5).map((candidate) => (
                  <tr key={candidate.hostId}>
                    <td>
                      {t('consolidation')}: {candidate.hostId} ← {shortIdList(candidate.removedIds, language)} ·{' '}
                      {candidate.tenantsAfter.join('+')}
                    </td>
                    <td className="num">
                      {formatMoney(language, candidate.savingsNetPresentUsd, money)} {t('npv10y')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="report-note" data-testid="report-no-colocation">
            {t('reportNoColocation')}
          </p>
        )}
      </section>
      <section className="report-assumptions">
        <h2>{t('reportAssumptions')}</h2>
        <ul>
          {data.coverage.mode === 'signal' ? (
            <SignalAssumptions coverage={data.coverage} language={language} />
          ) : (
            <li data-testid="report-coverage-rule">{t('reportCoverageRule')}</li>
          )}
          <li>
            {t('reportDefaultRadius')}: {formatNumber(language, data.project.coverage.defaultRadiusM)} m
          </li>
          {data.plan && data.planSettings.propagation ? (
            <li data-testid="report-plan-coverage">
              {t('reportPlanOnSignal')}: {t(`model_${data.planSettings.propagation.modelId}` as StringKey)},{' '}
              {t('reportGridCell')} {formatNumber(language, data.planSettings.propagation.gridM)} m, {t('thresholdDbm')}{' '}
              {formatNumber(language, data.planSettings.propagation.thresholdDbm ?? -110)},{' '}
              {data.planSettings.propagation.indoor ? t('indoor') : t('reportOutdoor')}, {t('reportTerrain')}{' '}
              {data.planSettings.propagation.terrain ? t('reportTerrainOn') : t('reportTerrainOff')}
            </li>
          ) : (
            data.plan && data.coverage.mode === 'signal' && <li>{t('reportPlanFixedRadius')}</li>
          )}
          <li>
            {t('population')}: {formatNumber(language, dataset.populationTotal)} {t('people')}
          </li>
          {data.plan && (
            <li data-testid="report-plan-settings">
              {t('planTitle')}:{' '}
              {data.planSettings.propagation
                ? ''
                : `${t('reportSiteRadius')} ${formatNumber(language, data.planSettings.siteRadiusM)} m · `}
              {data.planSettings.defaultRadiusM !== data.project.coverage.defaultRadiusM &&
                `${translateWith(language, 'reportPlanDefaultRadius', { radius: formatNumber(language, data.planSettings.defaultRadiusM) })} · `}
              {t('siteCount')} {formatNumber(language, data.planSettings.sites)} ({t('reportSitesChosen')}{' '}
              {formatNumber(language, data.plan.sites.length)}) · {data.planSettings.operators.join(', ')} ·{' '}
              {data.planSettings.maxCapexUsd != null && (
                <span data-testid="report-plan-budget">
                  {t('planBudgetReport')} {formatMoney(language, data.planSettings.maxCapexUsd, money)} ·{' '}
                </span>
              )}
              {data.planSettings.weighting === 'people' ? t('weightPeople') : t('weightPeopleOperators')} ·{' '}
              {t('spacingRuleDemo')} · {t('reportCosts')}
            </li>
          )}
          <li data-testid="report-money">
            {t('vndPerUsd')}: {formatRate(language, money)} · {t('moneyNote')}
          </li>
          {data.colocation && (
            <li>
              {t('sharingDistance')}: {colocationPresetLabel} · {t(`presetSource_${preset}`)} ·{' '}
              {translateWith(language, 'urbanZoneRule', {
                density: formatNumber(language, DEFAULT_DENSITY_THRESHOLDS.urbanMinPeoplePerKm2),
              })}
            </li>
          )}
          <li>{t('sources')}</li>
          <li>{describeTowerSources(dataset, language)}</li>
          <li>{t('sovereignty')}</li>
        </ul>
      </section>
    </div>
  );
}

/**
 * The plan's sites as the screen computed them: its headline and bound, and a row per site named as the panel and the
 * published plan name it (S1, S2, ...), with what a planner did to it (moved by hand) and the rules it breaks.
 */
function ReportSites({ data, plan, language }: { data: ReportData; plan: PlanSharedSitesResult; language: Language }) {
  const t = (key: StringKey) => translate(language, key);
  const money = data.project.money;
  const rulesOf = (siteId: string) =>
    plan.candidates.rejected.filter((entry) => entry.id === siteId).map((entry) => describeSiteRule(entry, language));
  const notesOf = (site: PlanSharedSitesResult['sites'][number]) => [
    ...(data.planProvenance[site.id]?.origin === 'moved' ? [t('reportSiteMoved')] : []),
    ...rulesOf(site.id),
    ...(site.spacing && !site.spacing.ok && rulesOf(site.id).length === 0 ? [t('spacingCheck')] : []),
  ];
  const broken = plan.sites.flatMap((site, index) => {
    const rules = notesOf(site).filter((note) => note !== t('reportSiteMoved'));
    return rules.length > 0 ? [`S${index + 1}: ${rules.join('; ')}`] : [];
  });
  return (
    <>
      <p className="report-note">
        {t(`newlyCovered_${data.planSettings.weighting}`)}: {formatNumber(language, plan.populationNewlyCovered)} ·{' '}
        {plan.method === 'fixed' ? (
          t('fixedSitesNote')
        ) : (
          <>
            {t('gapToOptimum')} ≤ {formatNumber(language, plan.gapPercent, 2)}%
            {plan.proven ? ` (${t('provenOptimal')})` : ''} ({t(`planMethod_${plan.method}`)},{' '}
            {t(`planBound_${plan.boundSource}` as StringKey)})
          </>
        )}{' '}
        · {t('capex')} <span data-testid="report-capex">{formatMoney(language, plan.totalCapexUsd, money)}</span>
        {data.planSettings.maxCapexUsd != null && (
          <>
            {' '}
            / {formatMoney(language, data.planSettings.maxCapexUsd, money)} ({t('planBudget')})
          </>
        )}
      </p>
      {plan.sites.length > data.planSettings.sites && (
        <p className="report-note warning" data-testid="report-over-site-count">
          {translateWith(language, 'planOverSiteCount', {
            count: formatNumber(language, plan.sites.length),
            max: formatNumber(language, data.planSettings.sites),
          })}
        </p>
      )}
      {broken.length > 0 && (
        <p className="report-note warning" data-testid="report-rules-broken">
          {t('rulesBroken')}: {broken.join(' · ')}
        </p>
      )}
      <table className="results" data-testid="report-sites">
        <thead>
          <tr>
            <th>{t('reportSiteName')}</th>
            <th>{t('id')}</th>
            <th>{t('mastType')}</th>
            {/* As GPS units and map searches take them (a point, not the Vietnamese decimal comma). */}
            <th>{t('coordinatesLatLon')}</th>
            <th className="num">{t('newlyCovered')}</th>
            <th>{t('operatorsGaining')}</th>
            <th className="num">{t('backboneDistance')}</th>
            <th className="num">
              {t('capex')} ({money.currency === 'VND' ? '₫' : 'USD'})
            </th>
            <th>{t('reportSiteNotes')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.sites.map((site, index) => (
            <tr key={site.id}>
              <td>S{index + 1}</td>
              <td>{site.id}</td>
              <td>
                {site.kind === 'existing_mast' ? t('existingMast') : t('newMast')} {site.mastType}
              </td>
              <td>
                {site.lat.toFixed(4)}, {site.lon.toFixed(4)}
              </td>
              <td className="num">{formatNumber(language, site.newlyCoveredPopulation)}</td>
              <td>{site.operatorsGaining.join(', ')}</td>
              <td className="num">
                {site.backboneDistanceM === null ? '—' : `${formatNumber(language, site.backboneDistanceM)} m`}
              </td>
              <td className="num">{formatMoney(language, site.cost.capexUsd, money)}</td>
              <td data-testid="report-site-notes">{notesOf(site).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-note">{t('siteNewlyCoveredNote')}</p>
      <p className="report-note" data-testid="report-money-rounding">
        {t(money.currency === 'VND' ? 'moneyRoundingNoteVnd' : 'moneyRoundingNoteUsd')}
      </p>
    </>
  );
}

/** What a propagation run assumed, in the report's language: model, technology, thresholds, grid and terrain. */
function SignalAssumptions({
  coverage,
  language,
}: {
  coverage: Extract<ReportCoverage, { mode: 'signal' }>;
  language: Language;
}) {
  const t = (key: StringKey) => translate(language, key);
  const { settings } = coverage;
  const terrain = settings.terrain;
  const eirp = Object.entries(settings.eirpDbmByOperator ?? {});
  return (
    <>
      <li data-testid="report-coverage-rule">{t('reportSignalRule')}</li>
      {settings.technology === '5g' && (
        <li data-testid="report-assume-5g">{t(settings.assume5g ? 'reportAssume5gOn' : 'reportAssume5gOff')}</li>
      )}
      <li data-testid="report-eirp">
        {eirp.length > 0
          ? translateWith(language, 'reportEirpSet', {
              values: eirp.map(([name, dbm]) => `${name} ${formatDecimal(language, dbm)} dBm`).join(', '),
            })
          : t('reportEirpPresets')}
      </li>
      <li data-testid="report-signal-settings">
        {t('model')}: {t(`model_${settings.modelId}` as StringKey)} · {t('technology')}:{' '}
        {settings.technology.toUpperCase()} · {t('thresholdDbm')}: {formatNumber(language, coverage.thresholdDbm)} ·{' '}
        {settings.indoor
          ? `${t('indoor')} (${t('reportIndoorLoss')} ${formatDecimal(language, settings.indoorLossDb ?? 20)} dB)`
          : t('reportOutdoor')}{' '}
        · {t('shadowingMarginDb')}: {formatDecimal(language, settings.shadowingMarginDb ?? 8.3)} · {t('reportGridCell')}
        : {formatNumber(language, coverage.cellWidthM, 0)} × {formatNumber(language, coverage.cellHeightM, 0)} m
      </li>
      <li data-testid="report-terrain">
        {t('reportTerrain')}:{' '}
        {terrain
          ? `${t('reportTerrainOn')}, k = ${formatNumber(language, terrain.kFactor ?? 4 / 3, 3)}, ${t('reportDiffractionWeight')} ${formatDecimal(language, terrain.diffractionWeight ?? 1)}, ${formatNumber(language, terrain.profilePointsPerStep ?? 1)} ${t('reportProfilePoints')}`
          : t('reportTerrainOff')}
      </li>
    </>
  );
}
