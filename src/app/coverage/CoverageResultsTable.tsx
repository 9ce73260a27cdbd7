import { operatorColorRgb } from '../../core/model/operators';
import type { Tower } from '../../core/model/tower';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { describeNoRadio } from './describeNoRadio';

export interface CoverageFigures {
  populationTotal: number;
  populationCovered: number;
  populationCoveredByOperator: Record<string, number>;
  populationUncovered: number;
  areaCoveredKm2: number;
}

/** Population covered per operator and by any operator, with the gap: the same table for both coverage modes. */
export function CoverageResultsTable({
  summary,
  operatorNames,
  withoutRadio = [],
  technology,
}: {
  summary: CoverageFigures;
  operatorNames: readonly string[];
  /** Operators the run had no radio for in its technology (no 5G licence): "—", not a computed 0. */
  withoutRadio?: readonly string[];
  technology?: '4g' | '5g';
}) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  // Masts whose file gave a number of tenants without names count for their owner only.
  const countedMasts = useAppStore((state) => countedTenantMasts(state.dataset?.towers ?? []));
  const percent = (value: number) =>
    summary.populationTotal > 0 ? `${formatNumber(language, (100 * value) / summary.populationTotal, 1)}%` : '';
  const maxCovered = Math.max(1, ...operatorNames.map((name) => summary.populationCoveredByOperator[name] ?? 0));
  return (
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
          {operatorNames.map((name) => {
            const covered = summary.populationCoveredByOperator[name] ?? 0;
            const colour = `rgb(${operatorColorRgb(name).join(',')})`;
            const noRadio = withoutRadio.includes(name);
            return (
              <tr key={name} data-operator={name}>
                <td>
                  <span className="swatch dot" style={{ background: colour }} />
                  {name}
                  <span className="bar" style={{ width: `${(60 * covered) / maxCovered}px`, background: colour }} />
                </td>
                <td className="num" data-testid={`covered-${name}`}>
                  {noRadio ? '—' : formatNumber(language, covered)}
                </td>
                <td className="num">{noRadio ? '' : percent(covered)}</td>
              </tr>
            );
          })}
          <tr className="total">
            <td>{t('anyOperator')}</td>
            <td className="num" data-testid="covered-any">
              {formatNumber(language, summary.populationCovered)}
            </td>
            <td className="num">{percent(summary.populationCovered)}</td>
          </tr>
          <tr className="gap">
            <td>{t('uncovered')}</td>
            <td className="num" data-testid="uncovered">
              {formatNumber(language, summary.populationUncovered)}
            </td>
            <td className="num">{percent(summary.populationUncovered)}</td>
          </tr>
        </tbody>
      </table>
      {withoutRadio.length > 0 && (
        <p className="note" data-testid="coverage-no-radio">
          {describeNoRadio(language, withoutRadio, technology)}
        </p>
      )}
      {countedMasts > 0 && (
        <p className="note" data-testid="counted-tenants-note">
          {formatNumber(language, countedMasts)} {t('countedTenantsNote')}
        </p>
      )}
    </>
  );
}

const countedCache = new WeakMap<readonly Tower[], number>();

/** Masts whose file gave a count of tenants larger than the names it gave (once per list of masts). */
function countedTenantMasts(towers: readonly Tower[]): number {
  let count = countedCache.get(towers);
  if (count === undefined) {
    count = towers.filter((tower) => (tower.tenantCount ?? 0) > tower.tenants.length).length;
    countedCache.set(towers, count);
  }
  return count;
}
