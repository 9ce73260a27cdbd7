import { formatNumber, type Language, translate } from '../i18n/strings';
import { demRefusalInVietnamese } from './describeTerrainMessage';
import type { DemFileMessage } from './importTerrain';

const degrees = (language: Language, value: number) => formatNumber(language, value, 3);

/**
 * One line per DEM file, in the page's language: added, with its size, ground spacing, extent and heights; or
 * refused, with the reason (the core's readers explain in English; in Vietnamese a coded reason is worded, any other
 * shown in English after a Vietnamese lead).
 */
export function describeDemFile(message: DemFileMessage, language: Language): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  if (message.status === 'reading') return `${message.fileName}: ${t('demReading')}…`;
  if (message.status === 'refused') {
    const reason = message.reason ?? '';
    const worded =
      language === 'vi' ? demRefusalInVietnamese({ reason, code: message.code, params: message.params }) : null;
    const text =
      reason === 'outside-province' ? t('demOutsideProvince') : (worded ?? `${t('demReasonPrefix')}: ${reason}`);
    return `${message.fileName}: ${t('demRefused')} — ${text}`;
  }
  const summary = message.summary;
  if (!summary) return `${message.fileName}: ${t('demReadOk')}`;
  const heights =
    summary.minM === null || summary.maxM === null
      ? '—'
      : `${formatNumber(language, summary.minM)} – ${formatNumber(language, summary.maxM)} m`;
  return [
    `${message.fileName}: ${t('demReadOk')} — ${formatNumber(language, summary.width)} x ${formatNumber(language, summary.height)} ${t('demSamples')}`,
    `${t('demSpacing')} ${formatNumber(language, summary.eastWestM)} x ${formatNumber(language, summary.northSouthM)} m`,
    `${t('demExtent')} ${degrees(language, summary.westDeg)}–${degrees(language, summary.eastDeg)}°E, ${degrees(language, summary.southDeg)}–${degrees(language, summary.northDeg)}°N`,
    `${t('demHeights')} ${heights}`,
  ].join(', ');
}
