import { formatNumber, type Language, translateWith } from '../i18n/strings';

/** Ids named in a list line at most: a consolidation of hundreds of masts stays one readable line. */
export const SHORT_ID_LIST_SHOWN = 6;

/** "a, b, c" — or the first SHORT_ID_LIST_SHOWN ids and how many more ("… và 212 cột khác"). */
export function shortIdList(ids: readonly string[], language: Language): string {
  if (ids.length <= SHORT_ID_LIST_SHOWN) return ids.join(', ');
  const more = formatNumber(language, ids.length - SHORT_ID_LIST_SHOWN);
  return `${ids.slice(0, SHORT_ID_LIST_SHOWN).join(', ')} ${translateWith(language, 'moreMasts', { count: more })}`;
}
