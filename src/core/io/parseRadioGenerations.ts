/** A mobile generation a station runs. */
export type RadioGeneration = '2g' | '3g' | '4g' | '5g';

const WORDS: Record<string, RadioGeneration> = {
  '2g': '2g',
  gsm: '2g',
  '3g': '3g',
  umts: '3g',
  wcdma: '3g',
  '4g': '4g',
  lte: '4g',
  'lte-a': '4g',
  '5g': '5g',
  nr: '5g',
  '5g-nr': '5g',
};

/**
 * The generations a station list's technology cell names, as operators write them: "2G/3G/4G", "4G, 5G", "LTE + NR",
 * "GSM-UMTS-LTE", "4G và 5G". Null when a word is none of them (or the cell names none), so the caller can warn.
 */
export function parseRadioGenerations(text: string): Set<RadioGeneration> | null {
  const words = text
    .toLowerCase()
    .replace(/(^|\s)(và|va|and)(?=\s|$)/g, ' ')
    .split(/[\s/,;+&|]+|(?<=g)-(?=\d)|(?<=[a-z])-(?=[a-z]{2,})/)
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  const found = new Set<RadioGeneration>();
  for (const word of words) {
    const generation = WORDS[word];
    if (generation === undefined) return null;
    found.add(generation);
  }
  return found;
}
