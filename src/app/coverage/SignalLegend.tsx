import {
  SIGNAL_BINS_DBM,
  SIGNAL_GAP_MIN_PEOPLE_PER_KM2,
  SIGNAL_GAP_RGB,
  SIGNAL_PALETTES,
  type SignalPalette,
} from '../../core/coverage/signalImagePixels';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';

/**
 * The signal raster's legend: the RSRP bins in the palette drawn, the gap colour (below the threshold, where people
 * live densely enough to paint) and what is left transparent. The coverage tab and the report print the same one.
 */
export function SignalLegend({ palette, thresholdDbm }: { palette: SignalPalette; thresholdDbm: number }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  return (
    <table className="legend signal-legend" data-testid="signal-legend">
      <tbody>
        {SIGNAL_BINS_DBM.map((bin, i) => (
          <tr key={bin}>
            <td>
              <span className="swatch" style={{ background: `rgb(${SIGNAL_PALETTES[palette][i].join(',')})` }} />
            </td>
            <td>{i === 0 ? `≥ ${bin}` : `${bin} … ${SIGNAL_BINS_DBM[i - 1]}`} dBm</td>
          </tr>
        ))}
        <tr data-testid="signal-legend-gap">
          <td>
            <span className="swatch" style={{ background: `rgb(${SIGNAL_GAP_RGB.join(',')})` }} />
          </td>
          <td>
            &lt; {formatNumber(language, thresholdDbm)} dBm: {t('uncovered')}, {t('signalGapWherePeople')}{' '}
            {formatNumber(language, SIGNAL_GAP_MIN_PEOPLE_PER_KM2)} {t('peoplePerKm2')}
          </td>
        </tr>
        <tr>
          <td>
            <span className="swatch" style={{ background: 'transparent', border: '1px solid #999' }} />
          </td>
          <td>{t('signalNobodyThere')}</td>
        </tr>
      </tbody>
    </table>
  );
}
