import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { openImport, restoreDemoMasts } from '../import/importStore';
import { useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { importElevationFiles, isElevationFileName } from '../terrain/importTerrain';
import { MastListExport } from './MastListExport';
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
          accept=".csv,.tsv,.txt,.xlsx,.geojson,.json,.kml,.kmz,.zip,.hgt,.tif,.tiff"
          multiple
          onChange={(event) => {
            // DEMs (.hgt, .hgt.zip, GeoTIFF) go to the terrain, several at once; a tower file to the import dialog.
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            const dems = files.filter((file) => isElevationFileName(file.name));
            const towerFile = files.find((file) => !isElevationFileName(file.name));
            if (dems.length > 0) void importElevationFiles(dems);
            if (towerFile) void openImport(towerFile);
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
      <MastListExport dataset={dataset} />
      {dataset.rejectedRowCount > 0 && (
        <p className="warning">
          {formatNumber(language, dataset.rejectedRowCount)} {t('rejectedRows')}
        </p>
      )}
    </section>
  );
}
