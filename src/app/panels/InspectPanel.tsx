import { useEffect } from 'react';
import { describeTowerSource } from '../data/describeTowerSources';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { RequestForm } from '../requests/RequestForm';
import { selectTower, useAppStore } from '../store/appStore';
import { LinkProfileSection } from '../terrain/LinkProfileSection';
import { resetToolsForMast } from '../terrain/terrainToolsStore';
import { ViewshedSection } from '../terrain/ViewshedSection';

/** Details of the clicked mast, its viewshed and microwave links. Every value is rendered as text by React, never as HTML. */
export function InspectPanel({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const index = useAppStore((state) => state.selectedTowerIndex);
  const tower = index === null ? null : dataset.towers[index];
  // Heights typed for one mast, and its link's far end, do not carry over to the next one selected.
  useEffect(() => {
    if (index !== null) resetToolsForMast();
  }, [index]);
  return (
    <section className="panel" aria-labelledby="inspect-title" data-testid="inspect-panel">
      <h2 id="inspect-title">{t('inspect')}</h2>
      {!tower && <p className="note">{t('clickHint')}</p>}
      {tower && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('id')}</dt>
              <dd data-testid="inspect-id">
                {tower.id}
                {tower.source?.kind === 'synthetic' ? ` (${t('syntheticShort')})` : ''}
              </dd>
            </div>
            <div>
              <dt>{t('owner')}</dt>
              <dd>{tower.operator}</dd>
            </div>
            <div>
              <dt>{t('tenants')}</dt>
              <dd>
                {tower.tenants.join(', ')}
                {tower.tenantCount !== undefined && tower.tenantCount > tower.tenants.length
                  ? ` (${formatNumber(language, tower.tenantCount)} ${t('tenantsCounted')})`
                  : ''}
              </dd>
            </div>
            <div>
              <dt>{t('mastType')}</dt>
              <dd>{tower.mastType ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('heightM')}</dt>
              <dd>{tower.heightM === null ? '—' : formatNumber(language, tower.heightM, 1)}</dd>
            </div>
            <div>
              <dt>{t('radiusM')}</dt>
              <dd>{tower.radiusM === null ? '—' : formatNumber(language, tower.radiusM)}</dd>
            </div>
            <div>
              <dt>{t('towerSource')}</dt>
              <dd data-testid="inspect-source">{describeTowerSource(tower, language)}</dd>
            </div>
            <div>
              <dt>{t('coordinatesLatLonShort')}</dt>
              <dd>
                {tower.lat.toFixed(5)}, {tower.lon.toFixed(5)}
              </dd>
            </div>
          </dl>
          <button type="button" onClick={() => selectTower(null)}>
            {t('close')}
          </button>
        </>
      )}
      <ViewshedSection dataset={dataset} />
      <LinkProfileSection dataset={dataset} />
      {tower && (
        <RequestForm
          key={tower.id}
          target={{ kind: 'mast', mastId: tower.id }}
          tenants={tower.tenants}
          heightM={tower.heightM}
          provinceId={dataset.provinceCode}
        />
      )}
    </section>
  );
}
