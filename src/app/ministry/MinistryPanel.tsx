import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SIGNAL_GAP_MIN_PEOPLE_PER_KM2 } from '../../core/coverage/signalImagePixels';
import { exportXlsxTable } from '../../core/export/exportXlsx';
import { operatorColorRgb } from '../../core/model/operators';
import { PROVINCE_COVERAGE_CLASS } from '../../core/readiness/computeProvinceCoverageRaster';
import { readinessTableCsv, readinessTableRows } from '../../core/readiness/readinessTableCsv';
import { type ProvinceReadiness, READINESS_KPIS, type ReadinessKpi } from '../../core/readiness/readinessTypes';
import { withSharedSiteCounts } from '../../core/readiness/withSharedSiteCounts';
import { NumberField } from '../components/NumberField';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber, type StringKey, translateWith } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapControllerContext';
import { describeApiError } from '../server/describeApiError';
import { ServerRefusalNote } from '../server/RefusalNote';
import { useServerStore } from '../server/serverStore';
import { downloadFile } from '../sharing/downloadFile';
import { useAppStore } from '../store/appStore';
import { CHOROPLETH_RAMP, kpiDomain } from './choroplethColours';
import {
  type CountedRegister,
  cancelReadiness,
  computeReadiness,
  type ProvinceRegister,
  selectProvince,
  setKpi,
  setTarget,
  useMinistryStore,
} from './ministryStore';
import { PROVINCE_COVERAGE_COLOURS } from './provinceCoverageImage';

const KPI_LABELS: Record<ReadinessKpi, StringKey> = {
  coverage_4g_share: 'kpi4g',
  coverage_5g_share: 'kpi5g',
  shared_share: 'kpiShared',
  tenancy_ratio: 'kpiTenancy',
  near_backbone_share: 'kpiBackbone',
};

const sortName = (name: string) => name.replace(/^(TP|Thành phố)\s+/i, '');

type SortKey = 'name' | 'population_total' | ReadinessKpi | 'targets_met' | 'planned_shared_sites';

function provinceBounds(dataset: ProvinceDataset, code: string): Array<[number, number]> {
  const feature = dataset.provinces.features.find((candidate) => candidate.properties?.code === code);
  if (!feature) return [];
  const points: Array<[number, number]> = [];
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  // The outer ring of the largest part: far islands would zoom the map out to the sea.
  const largest = polygons.reduce((best, polygon) => (polygon[0].length > best[0].length ? polygon : best));
  for (const point of largest[0]) points.push([point[0], point[1]]);
  return points;
}

export function MinistryPanel({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const mapController = useMapController();
  const language = useAppStore((state) => state.language);
  // Not the progress: a tick re-renders only ReadinessProgress, not the table.
  const serverUser = useServerStore((state) => state.user);
  const serverAvailable = useServerStore((state) => state.available === true);
  const {
    status,
    result: computed,
    durationMs,
    error,
    targets,
    kpi,
    selectedCode,
    serverTargets,
    sharedSites,
    resultRegisters,
    registerFailures,
  } = useMinistryStore(
    useShallow((state) => ({
      serverTargets: state.serverTargets,
      sharedSites: state.sharedSites,
      resultRegisters: state.resultRegisters,
      registerFailures: state.registerFailures,
      status: state.status,
      result: state.result,
      durationMs: state.durationMs,
      error: state.error,
      targets: state.targets,
      kpi: state.kpi,
      selectedCode: state.selectedCode,
    })),
  );
  // The server's planned and approved shared sites, when known, in the figures shown and exported.
  const result = useMemo(
    () => (computed && sharedSites ? withSharedSiteCounts(computed, sharedSites.counts) : computed),
    [computed, sharedSites],
  );
  const tableOptions = {
    sharedSitesKnown: sharedSites !== null,
    registerOperators: new Map([...resultRegisters].map(([code, counted]) => [code, counted.operators])),
  };
  const namesOf = (codes: Iterable<string>) =>
    [...codes].map((code) => result?.provinces.find((province) => province.code === code)?.name ?? code).join(', ');
  // When a result's table is on the page (the frame that shows it): what the national view's time is measured to.
  useEffect(() => {
    if (result) requestAnimationFrame(() => performance.mark('cosite:readiness:table'));
  }, [result]);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const percent = (value: number | null) => (value === null ? '—' : `${formatNumber(language, value * 100, 1)}%`);
  const formatKpi = (key: ReadinessKpi, value: number | null) =>
    key === 'tenancy_ratio' ? (value === null ? '—' : formatNumber(language, value, 2)) : percent(value);

  const rows = useMemo(() => {
    if (!result) return [];
    const collator = new Intl.Collator('vi');
    const sorted = [...result.provinces].sort((a, b) => {
      const direction = sort.descending ? -1 : 1;
      // By the name without its "TP " (city) prefix: TP Đà Nẵng sorts under Đ, as people look for it.
      if (sort.key === 'name') return collator.compare(sortName(a.name), sortName(b.name)) * direction;
      const left = a[sort.key] as number | null;
      const right = b[sort.key] as number | null;
      if (left === null) return 1;
      if (right === null) return -1;
      return (left - right) * direction;
    });
    return sorted;
  }, [result, sort]);
  const selected = result?.provinces.find((province) => province.code === selectedCode) ?? null;

  const header = (key: SortKey, label: string) => (
    <th className={key === 'name' ? '' : 'num'}>
      <button
        type="button"
        className="sort"
        onClick={() =>
          setSort((current) => ({ key, descending: current.key === key ? !current.descending : key !== 'name' }))
        }
        data-testid={`ministry-sort-${key}`}
      >
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  // Shares are typed in percent (decimal comma or dot), the tenancy ratio as it is.
  const targetInput = (key: ReadinessKpi) => (
    <NumberField
      key={key}
      label={`${t(KPI_LABELS[key])} ≥${key === 'tenancy_ratio' ? '' : ' (%)'}`}
      value={
        targets[key] === undefined
          ? null
          : key === 'tenancy_ratio'
            ? (targets[key] ?? 0)
            : Math.round((targets[key] ?? 0) * 1000) / 10
      }
      min={0}
      max={key === 'tenancy_ratio' ? 5 : 100}
      onChange={(value) => setTarget(key, key === 'tenancy_ratio' ? value : value / 100)}
      onClear={() => setTarget(key, null)}
      testId={`target-${key}`}
    />
  );

  return (
    <section className="panel ministry" data-testid="ministry-panel">
      <h2>{t('ministryTitle')}</h2>
      <p className="note">{t('ministryNote')}</p>
      <div className="buttons">
        <button
          type="button"
          onClick={() => void computeReadiness()}
          disabled={status === 'running'}
          data-testid="run-readiness"
        >
          {t('runReadiness')}
        </button>
        <button type="button" onClick={cancelReadiness} disabled={status !== 'running'}>
          {t('cancel')}
        </button>
      </div>
      {status === 'running' && <ReadinessProgress />}
      {status === 'cancelled' && <p className="note">{t('cancelled')}</p>}
      {error && <p className="warning">{error}</p>}
      <details open>
        <summary>{t('targets')}</summary>
        {serverTargets && (
          <p className="note" data-testid="targets-on-server" data-version={serverTargets.version}>
            {serverTargets.version === 0
              ? t('targetsDefaultOnServer')
              : t('targetsOnServer')
                  .replace('{version}', String(serverTargets.version))
                  .replace('{who}', serverTargets.updatedBy ?? '?')
                  .replace(
                    '{at}',
                    serverTargets.updatedAt
                      ? new Date(serverTargets.updatedAt).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB')
                      : '?',
                  )}
          </p>
        )}
        {serverUser && serverUser.role !== 'ministry' && <p className="note">{t('targetsReadOnly')}</p>}
        {READINESS_KPIS.map(targetInput)}
        <ServerRefusalNote place="saveTargets" />
      </details>
      {result && (
        <>
          <p className="note" data-testid="readiness-summary">
            {t('national')}: 4G {percent(result.national.coverage_4g_share)} · 5G{' '}
            {percent(result.national.coverage_5g_share)}
            {' · '}
            {t('kpiShared')} {percent(result.national.shared_share)} · {formatNumber(language, result.provinces.length)}{' '}
            {t('provinces')} · {t('computedIn')} {formatNumber(language, durationMs ?? 0)} ms
          </p>
          {result.outside_provinces.population_total > 0 && (
            <p className="hint" data-testid="readiness-outside">
              {translateWith(language, 'readinessOutside', {
                people: formatNumber(language, result.outside_provinces.population_total),
                masts: formatNumber(language, result.outside_provinces.masts),
              })}
            </p>
          )}
          {sharedSites ? (
            <p className="note" data-testid="readiness-shared-sites" title={t('sharedSitesDefinition')}>
              {translateWith(language, 'sharedSitesSummary', {
                planned: formatNumber(language, result.national.planned_shared_sites),
                approved: formatNumber(language, result.national.approved_shared_sites),
                plans: formatNumber(language, sharedSites.publishedPlans),
                at: new Date(sharedSites.countedAt).toLocaleTimeString(language === 'vi' ? 'vi-VN' : 'en-GB'),
              })}
            </p>
          ) : (
            serverAvailable && (
              <p className="note" data-testid="readiness-shared-sites-sign-in">
                {t('sharedSitesSignIn')}
              </p>
            )
          )}
          <ServerRefusalNote place="refresh:provinceRecords" />
          {resultRegisters.size > 0 && (
            <p className="note" data-testid="readiness-registers">
              {translateWith(language, 'registersCounted', {
                provinces: [...resultRegisters]
                  .map(([code, counted]) => `${namesOf([code])} (${counted.operators.join(', ')})`)
                  .join('; '),
              })}
            </p>
          )}
          {registerFailures.size > 0 && (
            <p className="warning" role="alert" data-testid="readiness-register-failures">
              {translateWith(language, 'registersFailed', { provinces: namesOf(registerFailures.keys()) })}
            </p>
          )}
          <button
            type="button"
            onClick={() =>
              downloadFile(
                `cosite-readiness-${new Date().toISOString().slice(0, 10)}.csv`,
                readinessTableCsv(result, tableOptions),
                'text/csv',
              )
            }
            data-testid="export-readiness"
          >
            {t('exportReadinessCsv')}
          </button>
          <button
            type="button"
            onClick={() => {
              const { header, rows } = readinessTableRows(result, tableOptions);
              void exportXlsxTable(header, rows, { sheetName: 'readiness' }).then((bytes) =>
                downloadFile(
                  `cosite-readiness-${new Date().toISOString().slice(0, 10)}.xlsx`,
                  bytes,
                  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                ),
              );
            }}
            data-testid="export-readiness-xlsx"
          >
            {t('exportReadinessXlsx')}
          </button>
          <label className="field">
            {t('mapShows')}
            <select
              value={kpi}
              onChange={(event) => setKpi(event.target.value as ReadinessKpi)}
              data-testid="choropleth-kpi"
            >
              {READINESS_KPIS.map((key) => (
                <option key={key} value={key}>
                  {t(KPI_LABELS[key])}
                </option>
              ))}
            </select>
          </label>
          <div className="ramp choropleth-legend" role="img" aria-label={t(KPI_LABELS[kpi])}>
            <span>{formatKpi(kpi, kpiDomain(kpi)[0])}</span>
            {CHOROPLETH_RAMP.map((colour) => (
              <span key={colour.join()} style={{ background: `rgb(${colour.join(',')})`, minWidth: 22 }} />
            ))}
            <span>{formatKpi(kpi, kpiDomain(kpi)[1])}</span>
          </div>
          <div className="ministry-table-wrap">
            <table className="results ministry-table" data-testid="readiness-table">
              <thead>
                <tr>
                  {header('name', t('province'))}
                  {header('population_total', t('populationShort'))}
                  {header('coverage_4g_share', '4G')}
                  {header('coverage_5g_share', '5G')}
                  {header('shared_share', t('kpiSharedShort'))}
                  {sharedSites && header('planned_shared_sites', t('sharedSitesShort'))}
                  {header('targets_met', t('targetsMet'))}
                </tr>
              </thead>
              <tbody>
                {rows.map((province) => (
                  <tr
                    key={province.code}
                    className={province.code === selectedCode ? 'selected' : ''}
                    onClick={() => {
                      selectProvince(province.code);
                      mapController?.fitPoints(provinceBounds(dataset, province.code));
                    }}
                    data-testid="readiness-row"
                    data-code={province.code}
                  >
                    <td>{province.name}</td>
                    <td className="num">{formatNumber(language, province.population_total / 1e6, 2)}</td>
                    <td className="num">{percent(province.coverage_4g_share)}</td>
                    <td className="num" data-testid="row-5g">
                      {percent(province.coverage_5g_share)}
                    </td>
                    <td className="num" data-testid="row-shared">
                      {percent(province.shared_share)}
                    </td>
                    {sharedSites && (
                      <td className="num" data-testid="row-shared-sites" title={t('sharedSitesDefinition')}>
                        {formatNumber(language, province.planned_shared_sites)}/
                        {formatNumber(language, province.approved_shared_sites)}
                      </td>
                    )}
                    <td className={province.targets_met < province.targets_judged ? 'num short' : 'num met'}>
                      {province.targets_met}/{province.targets_judged}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {selected && (
            <ProvinceDetail
              province={selected}
              sharedSitesKnown={sharedSites !== null}
              register={sharedSites?.registers.get(selected.code) ?? null}
              counted={resultRegisters.get(selected.code) ?? null}
              failure={registerFailures.get(selected.code) ?? null}
            />
          )}
        </>
      )}
    </section>
  );
}

function ProvinceDetail({
  province,
  sharedSitesKnown,
  register,
  counted,
  failure,
}: {
  province: ProvinceReadiness;
  sharedSitesKnown: boolean;
  /** The province's register as last read from the server. */
  register: ProvinceRegister | null;
  /** The register the figures counted (null: they count the national masts). */
  counted: CountedRegister | null;
  /** Why the register could not be read for the figures, when it could not. */
  failure: unknown;
}) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const percent = (value: number | null) => (value === null ? '—' : `${formatNumber(language, value * 100, 1)}%`);
  const dateText = (at: string | null) =>
    at ? new Date(at).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB') : '?';
  return (
    <div className="province-detail" data-testid="province-detail">
      <h2>{province.name}</h2>
      <p className="note">
        {formatNumber(language, province.population_total)} {t('people')} · {formatNumber(language, province.masts)}{' '}
        {t('masts')} (
        {counted
          ? translateWith(language, 'registerMixed', { operators: counted.operators.join(', ') })
          : t('syntheticShort')}
        ) · {t('kpiTenancy')} {formatNumber(language, province.tenancy_ratio ?? 0, 2)} · {t('kpiBackbone')}{' '}
        {percent(province.near_backbone_share)}
      </p>
      {sharedSitesKnown && (
        <p className="note" data-testid="province-shared-sites" title={t('sharedSitesDefinition')}>
          {translateWith(language, 'sharedSitesProvince', {
            planned: formatNumber(language, province.planned_shared_sites),
            approved: formatNumber(language, province.approved_shared_sites),
          })}
        </p>
      )}
      <svg className="operator-chart" viewBox="0 0 300 120" role="img" aria-label={t('operatorChart')}>
        {Object.entries(province.by_operator).map(([name, figures], i) => {
          const y = 6 + i * 28;
          const colour = `rgb(${operatorColorRgb(name).join(',')})`;
          return (
            <g key={name}>
              <text x="0" y={y + 10} fontSize="10">
                {name}
              </text>
              <rect
                x="80"
                y={y}
                width={168 * (figures.coverage_4g_share ?? 0)}
                height="9"
                fill={colour}
                opacity="0.55"
              />
              <rect x="80" y={y + 11} width={168 * (figures.coverage_5g_share ?? 0)} height="9" fill={colour} />
              <text x="252" y={y + 8} fontSize="8">
                4G {percent(figures.coverage_4g_share)}
              </text>
              <text x="252" y={y + 19} fontSize="8">
                5G {percent(figures.coverage_5g_share)}
              </text>
            </g>
          );
        })}
      </svg>
      {failure ? (
        <p className="warning" role="alert" data-testid="province-register">
          {translateWith(language, 'registerFailed', { reason: describeApiError(failure, language) })}
        </p>
      ) : counted ? (
        <p className="note" data-testid="province-register">
          {translateWith(language, 'registerCounted', {
            operators: counted.operators.join(', '),
            masts: formatNumber(language, counted.masts),
            imported: formatNumber(language, counted.imported),
            at: dateText(counted.lastImportAt),
          })}
          {counted.fiveG > 0 &&
            ` ${translateWith(language, 'register5g', { fiveG: formatNumber(language, counted.fiveG) })}`}
          {register &&
            (register.imported !== counted.imported || register.lastImportAt !== counted.lastImportAt) &&
            ` ${translateWith(language, 'registerChanged', {
              masts: formatNumber(language, register.masts),
              at: dateText(register.lastImportAt),
            })}`}
        </p>
      ) : (
        register && (
          <p className="note" data-testid="province-register">
            {register.masts === 0
              ? t('registerNone')
              : translateWith(language, register.imported > 0 ? 'registerImported' : 'registerSynthetic', {
                  masts: formatNumber(language, register.masts),
                  imported: formatNumber(language, register.imported),
                  at: dateText(register.lastImportAt),
                })}
            {register.fiveG > 0 &&
              ` ${translateWith(language, 'register5g', { fiveG: formatNumber(language, register.fiveG) })}`}
          </p>
        )
      )}
      <p className="hint" data-testid="ministry-5g-definition">
        {t('ministry5gDefinition')}
      </p>
      <ProvinceCoverageLegend />
      <ul className="targets">
        {Object.entries(province.targets).map(([key, status]) => (
          <li key={key} className={status.met ? 'met' : 'short'}>
            {t(KPI_LABELS[key as ReadinessKpi])}:{' '}
            {key === 'tenancy_ratio' ? formatNumber(language, status.value ?? 0, 2) : percent(status.value)} /{' '}
            {key === 'tenancy_ratio' ? formatNumber(language, status.target, 2) : percent(status.target)}
            {status.met === false && status.distance !== null
              ? ` (${t('shortBy')} ${key === 'tenancy_ratio' ? formatNumber(language, status.distance, 2) : `${formatNumber(language, status.distance * 100, 1)} ${t('percentagePoints')}`})`
              : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The drill-down map's coverage classes, with the people in each (the raster's own sums). */
function ProvinceCoverageLegend() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const { coverage, status } = useMinistryStore(
    useShallow((state) => ({ coverage: state.provinceCoverage, status: state.provinceCoverageStatus })),
  );
  if (status === 'running') return <p className="note">{t('provinceCoverageRunning')}</p>;
  if (status === 'error') return <p className="warning">{t('provinceCoverageFailed')}</p>;
  if (!coverage) return null;
  const { raster } = coverage;
  const people = (value: number) => `${formatNumber(language, Math.round(value))} ${t('people')}`;
  const rows: Array<[keyof typeof PROVINCE_COVERAGE_COLOURS, StringKey]> = [
    ['with5g', 'provinceCoverage5g'],
    ['only4g', 'provinceCoverage4gOnly'],
    ['uncoveredPeople', 'provinceCoverageNone'],
    ['uncoveredFew', 'provinceCoverageFew'],
    ['uncoveredEmpty', 'provinceCoverageEmpty'],
  ];
  return (
    <div className="province-coverage" data-testid="province-coverage" data-code={raster.code}>
      <div className="legend-title">{t('provinceCoverageTitle')}</div>
      <ul className="legend-list stacked">
        {rows.map(([key, label]) => (
          <li key={key}>
            <span
              className="swatch"
              style={{ background: `rgb(${PROVINCE_COVERAGE_COLOURS[key].slice(0, 3).join(',')})` }}
            />{' '}
            {t(label).replace('{n}', formatNumber(language, SIGNAL_GAP_MIN_PEOPLE_PER_KM2))}
            {key !== 'uncoveredEmpty' && (
              <span data-testid={`province-coverage-people-${key}`}>
                {' · '}
                {people(raster.populationByClass[PROVINCE_COVERAGE_CLASS[key]])}
              </span>
            )}
          </li>
        ))}
      </ul>
      <p className="note" data-testid="province-coverage-figures">
        4G {formatNumber(language, Math.round(raster.populationCovered4g))} · 5G{' '}
        {formatNumber(language, Math.round(raster.populationCovered5g))} / {people(raster.populationTotal)}
      </p>
    </div>
  );
}

function ReadinessProgress() {
  const progress = useMinistryStore((state) => state.progress);
  return (
    <div className="progress-row">
      <progress value={progress} max={1} data-testid="readiness-progress" />
      <span>{Math.round(progress * 100)}%</span>
    </div>
  );
}
