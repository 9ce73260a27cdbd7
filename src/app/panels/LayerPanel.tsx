import { MAIN_OPERATOR_NAMES, operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import { describeTowerSources } from '../data/describeTowerSources';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { populationRamp } from '../map/layers/populationLayers';
import { POPULATION_LEGENDS } from '../map/rasterImages';
import { shownCoverage } from '../map/shownCoverage';
import { type LayerId, toggleLayer, useAppStore, useProject } from '../store/appStore';
import { TerrainSection } from '../terrain/TerrainSection';
import { towerCounts } from './towerCounts';

const rgb = (colour: [number, number, number]) => `rgb(${colour.join(',')})`;

export function LayerPanel({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const layers = useProject((project) => project.layers);
  // The map's own rule (populationRamp), fed from the store as MapView feeds the map.
  const ramp = useAppStore((state) => {
    const shown = shownCoverage(state);
    return populationRamp({
      layers: state.history.present.layers,
      coverage: { ...state.coverage, coveredBits: shown.coveredBits },
      signal: shown.signal,
    });
  });
  const { byOwner: counts, shared: sharedCount } = towerCounts(dataset);
  const operatorNames = [
    ...MAIN_OPERATOR_NAMES.filter((name) => counts.has(name)),
    ...[...counts.keys()].filter((name) => !MAIN_OPERATOR_NAMES.includes(name)),
  ];
  const toggle = (id: LayerId, label: string) => (
    <label className="toggle">
      <input type="checkbox" checked={layers[id]} onChange={() => toggleLayer(id)} data-testid={`toggle-${id}`} />
      {label}
    </label>
  );
  return (
    <section className="panel" aria-labelledby="layers-title">
      <h2 id="layers-title">{t('layers')}</h2>
      {toggle('towers', t('layerTowers'))}
      <table className="legend" data-testid="tower-legend">
        <tbody>
          {operatorNames.map((name) => (
            <tr key={name} data-operator={name}>
              <td>
                <span className="swatch dot" style={{ background: rgb(operatorColorRgb(name)) }} />
              </td>
              <td>{name}</td>
              <td className="num" data-testid={`tower-count-${name}`}>
                {formatNumber(language, counts.get(name) ?? 0)}
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <span className="swatch dot shared" style={{ background: rgb(SHARED_MAST_COLOR_RGB) }} />
            </td>
            <td>{t('sharedMast')}</td>
            <td className="num" data-testid="tower-count-shared">
              {formatNumber(language, sharedCount)}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="note">{t('towerCountsByOwner')}</p>
      <p className="note">{describeTowerSources(dataset, language)}</p>
      {toggle('backbone', t('layerBackbone'))}
      <div className="legend-line">
        <span className="swatch line" style={{ background: '#6a3d9a' }} /> {t('legendRoad')}
        <span className="swatch line dashed" /> {t('legendRail')}
      </div>
      {toggle('population', t('layerPopulation'))}
      <div
        className="ramp"
        role="img"
        aria-label={ramp === 'grey' ? `${t('layerPopulation')}: ${t('populationGreyNote')}` : t('layerPopulation')}
        data-testid="population-legend"
        data-ramp={ramp}
      >
        {POPULATION_LEGENDS[ramp].map(([threshold, colour]) => (
          <span
            key={threshold}
            style={{ background: rgb(colour), color: textColourOn(colour) }}
            title={`≥ ${threshold}`}
          >
            {threshold >= 1000 ? `${threshold / 1000}k` : threshold}
          </span>
        ))}
        <small>{t('peoplePerCell')}</small>
      </div>
      {ramp === 'grey' && (
        <p className="legend-line note" data-testid="population-grey-note">
          {t('populationGreyNote')}
        </p>
      )}
      <TerrainSection dataset={dataset} />
      {toggle('communes', t('layerCommunes'))}
      {toggle('coverage', t('layerCoverage'))}
      {toggle('pairs', t('layerPairs'))}
    </section>
  );
}

/** Black text on light swatches, white on dark ones (WCAG relative luminance), so every label stays readable. */
function textColourOn([r, g, b]: [number, number, number]): string {
  const linear = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  // Contrast with white, 1.05 / (L + 0.05), beats contrast with black, (L + 0.05) / 0.05, below L of about 0.18.
  return luminance < 0.18 ? '#fff' : '#000';
}
