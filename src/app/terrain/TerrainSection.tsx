import { ELEVATION_RAMP } from '../../core/terrain/hillshadeImagePixels';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { toggleLayer, useAppStore, useProject } from '../store/appStore';
import { describeDemFile } from './describeDemFile';
import { importElevationFiles, restoreDemoTerrain, useTerrainImportStore } from './importTerrain';

/** File types the DEM input offers (the readers decide by name: .tif/.tiff as GeoTIFF, the rest as SRTM tiles). */
export const DEM_FILE_ACCEPT = '.hgt,.zip,.tif,.tiff';

const RAMP_CSS = `linear-gradient(to right, ${ELEVATION_RAMP.map(
  ([at, [r, g, b]]) => `rgb(${r},${g},${b}) ${Math.round(at * 100)}%`,
).join(', ')})`;

/** The terrain layer in the layer panel: toggle, height legend, sources, DEM import with a line per file. */
export function TerrainSection({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const on = useProject((project) => project.layers.terrain);
  const images = useAppStore((state) =>
    state.terrainImages?.terrain === dataset.terrain ? state.terrainImages : null,
  );
  const messages = useTerrainImportStore((state) => state.messages);
  const kept = useTerrainImportStore((state) => state.kept);
  const { terrain } = dataset;
  const imported = terrain.rasters.filter((raster) => !terrain.demoRasters.includes(raster));
  return (
    <div className="terrain-section">
      <label className="toggle">
        <input type="checkbox" checked={on} onChange={() => toggleLayer('terrain')} data-testid="toggle-terrain" />
        {t('layerTerrain')}
      </label>
      {on && images?.status === 'running' && <p className="note">{t('terrainDrawing')}</p>}
      {on && images?.status === 'error' && (
        <p className="warning" role="alert">
          {t('terrainFailed')}: {images.error}
        </p>
      )}
      {terrain.rangeM && (
        <div className="elevation-legend" role="img" aria-label={t('terrainLegendNote')} data-testid="terrain-legend">
          <span className="elevation-ramp" style={{ background: RAMP_CSS }} />
          <span className="elevation-range">
            <span data-testid="terrain-legend-min">{formatNumber(language, Math.round(terrain.rangeM[0]))} m</span>
            <span data-testid="terrain-legend-max">{formatNumber(language, Math.round(terrain.rangeM[1]))} m</span>
          </span>
          <small>{t('terrainLegendNote')}</small>
        </div>
      )}
      <p className="note" data-testid="terrain-sources">
        {terrain.demoRasters.length > 0 && t('terrainSourcesDemo')}
        {imported.length > 0 && ` ${t('terrainImported')}: ${imported.map((raster) => raster.name).join(', ')}.`}
      </p>
      <label className="import-button">
        <input
          type="file"
          multiple
          accept={DEM_FILE_ACCEPT}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void importElevationFiles(files);
          }}
          data-testid="terrain-file"
        />
        {t('importDem')}
      </label>
      <p className="note">{t('importDemHint')}</p>
      {messages.length > 0 && (
        <ul className="dem-messages" data-testid="terrain-import-messages" aria-live="polite">
          {messages.map((message, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: two files may share a name; the list is replaced whole
              key={index}
              className={message.status === 'refused' ? 'warning' : 'note'}
              data-status={message.status}
              data-testid="terrain-import-message"
            >
              {describeDemFile(message, language)}
            </li>
          ))}
        </ul>
      )}
      {imported.length > 0 && kept !== null && (
        <p className={kept ? 'note' : 'warning'} data-testid="terrain-kept" data-kept={String(kept)}>
          {t(kept ? 'terrainKept' : 'terrainNotKept')}
        </p>
      )}
      {imported.length > 0 && (
        <button type="button" onClick={restoreDemoTerrain} data-testid="restore-demo-terrain">
          {t('restoreDemoTerrain')}
        </button>
      )}
    </div>
  );
}
