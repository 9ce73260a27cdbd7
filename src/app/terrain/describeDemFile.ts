import { formatNumber, type Language, translate } from '../i18n/strings';
import type { DemFileMessage } from './importTerrain';

const degrees = (language: Language, value: number) => formatNumber(language, value, 3);

/**
 * One line per DEM file, in the page's language: added, with its size, ground spacing, extent and heights; or
 * refused, with the reason (the core's readers explain in English; the line around it is translated).
 */
export function describeDemFile(message: DemFileMessage, language: Language): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  if (message.status === 'reading') return `${message.fileName}: ${t('demReading')}…`;
  if (message.status === 'refused') {
    const reason =
      message.reason === 'outside-province' ? t('demOutsideProvince') : `${t('demReasonPrefix')}: ${message.reason}`;
    return `${message.fileName}: ${t('demRefused')} — ${reason}`;
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
