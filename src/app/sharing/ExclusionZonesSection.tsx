import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { readPolygonFeatures } from '../../core/geo/readPolygonFeatures';
import { type WordedMessage, wordedOf } from '../../core/model/wordedMessage';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { describeZoneFileError } from './describeSharingFileError';
import {
  addExclusionZones,
  cancelDrawingZone,
  finishDrawingZone,
  removeExclusionZone,
  startDrawingZone,
  useSharingStore,
} from './sharingStore';

/**
 * Exclusion zones of the site plan (heritage areas, airports, military land): drawn on the map corner by corner or read
 * from a GeoJSON file of polygons. New sites stay out of them; existing masts inside them are not offered as sites.
 */
export function ExclusionZonesSection({ disabled }: { disabled: boolean }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const { zones, drawing } = useSharingStore(
    useShallow((state) => ({ zones: state.planSettings.exclusionZones, drawing: state.drawingZone })),
  );
  /** The refused file and why (null: no polygon in it), worded when shown so that it follows the language. */
  const [fileError, setFileError] = useState<{ name: string; refusal: WordedMessage | null } | null>(null);

  const readFile = async (file: File) => {
    setFileError(null);
    try {
      const features = readPolygonFeatures(await file.text());
      if (features.length === 0) {
        setFileError({ name: file.name, refusal: null });
        return;
      }
      addExclusionZones(features.flatMap((feature) => feature.polygons));
    } catch (error) {
      setFileError({ name: file.name, refusal: wordedOf(error) });
    }
  };

  return (
    <fieldset className="zones" data-testid="exclusion-zones">
      <legend>
        {t('exclusionZones')} ({zones.length})
      </legend>
      {drawing === null ? (
        <div className="buttons">
          <button type="button" onClick={startDrawingZone} disabled={disabled} data-testid="draw-zone">
            {t('drawZone')}
          </button>
          <label className="import-button">
            <input
              type="file"
              accept=".geojson,.json,application/geo+json"
              disabled={disabled}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void readFile(file);
              }}
              data-testid="zone-file"
            />
            <span>{t('zoneFromFile')}</span>
          </label>
        </div>
      ) : (
        <>
          <p className="note" data-testid="zone-drawing-hint">
            {t('zoneDrawingHint')} ({drawing.length})
          </p>
          <div className="buttons">
            <button type="button" onClick={finishDrawingZone} disabled={drawing.length < 3} data-testid="finish-zone">
              {t('finishZone')}
            </button>
            <button type="button" onClick={cancelDrawingZone}>
              {t('cancel')}
            </button>
          </div>
        </>
      )}
      {fileError && (
        <p className="warning" data-testid="zone-file-error">
          {fileError.name}:{' '}
          {fileError.refusal ? describeZoneFileError(fileError.refusal, language) : t('zoneFileEmpty')}
        </p>
      )}
      {zones.length > 0 && (
        <ul className="zone-list">
          {zones.map((zone, index) => (
            // Zones have no identity but their place in the list; removing one re-numbers the rest.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} data-testid="zone-item">
              {t('zone')} {index + 1} · {zone[0].length - 1} {t('corners')}
              <button
                type="button"
                onClick={() => removeExclusionZone(index)}
                disabled={disabled}
                aria-label={`${t('remove')} ${index + 1}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
