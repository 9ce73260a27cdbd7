import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { openImport, restoreDemoMasts } from '../import/importStore';
import { useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { towerCounts } from './towerCounts';

export function SummaryPanel({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const signedIn = useServerStore((state) => state.user !== null);
  const language = useAppStore((state) => state.language);
  const { shared } = towerCounts(dataset);
  const rows: Array<[string, string, string]> = [
    [t('population'), `${formatNumber(language, dataset.populationTotal)} ${t('people')}`, 'population-total'],
    [
      t('totalMasts'),
      `${formatNumber(language, dataset.towers.length)}${dataset.towersAreSynthetic ? ` (${t('syntheticShort')})` : ''}`,
      'tower-total',
    ],
    [
      t('sharedMasts'),
      `${formatNumber(language, shared)} (${formatNumber(language, (100 * shared) / Math.max(1, dataset.towers.length), 1)}%)`,
      'shared-total',
    ],
    [t('backboneKm'), `${formatNumber(language, dataset.backboneKm, 0)} km`, 'backbone-km'],
    [t('communes'), formatNumber(language, dataset.communes.features.length), 'commune-count'],
  ];
  return (
    <section className="panel">
      <dl className="figures">
        {rows.map(([label, value, testId]) => (
          <div key={testId}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <label className="import-button">
        <input
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,.geojson,.json,.kml,.kmz,.zip"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void openImport(file);
            event.target.value = '';
          }}
          data-testid="import-file"
        />
        {t('importTowers')}
      </label>
      <p className="note">{t('importHint')}</p>
      {!dataset.towersAreSynthetic && !signedIn && (
        <button type="button" onClick={() => void restoreDemoMasts()} data-testid="restore-demo-masts">
          {t('restoreDemoMasts')}
        </button>
      )}
      {dataset.rejectedRowCount > 0 && (
        <p className="warning">
          {formatNumber(language, dataset.rejectedRowCount)} {t('rejectedRows')}
        </p>
      )}
    </section>
  );
}
