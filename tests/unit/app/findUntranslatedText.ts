/**
 * A pragmatic, regex-based look for English text in a .tsx file that does not go through t(): JSX text, the props a
 * person reads given as literals, and inline `language === 'vi' ? '…' : '…'` pairs. Not a parser (the TypeScript in
 * node_modules is the native compiler, without a JS API): it can miss text and it can flag code, which the allowlist
 * then names.
 */

/** Words that may stand in a .tsx file outside t(): product, model and technology names, units. */
export const ALLOWED_WORDS = new Set([
  'CoSite',
  'LTE',
  'MHz',
  'GHz',
  'EIRP',
  'dBm',
  'Ctrl',
  'Shift',
  'USD',
  'GeoJSON',
  'CSV',
  'KML',
  'XLSX',
]);

/** Code that sits between JSX's `>`/`}` and `<`/`{` and is not text: `} else {`, `}\nconst x: Record<`, `} : a ? {`. */
const CODE_BETWEEN_BRACES = /^(else|try|catch|finally|return|do)$|^(const|let|var|function|export|type|interface)\b|\?/;

/** The props whose text a person reads (or hears, from a screen reader). */
const READ_PROPS = 'title|placeholder|aria-label|alt|label';

export interface UntranslatedText {
  line: number;
  text: string;
}

function hasEnglishWord(text: string): boolean {
  return (text.match(/[A-Za-z]{3,}/g) ?? []).some((word) => !ALLOWED_WORDS.has(word));
}

/** The file with its comments blanked (same length, same lines), so that their words are not flagged. */
function withoutComments(source: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:'"`])\/\/[^\n]*/g, blank);
}

export function findUntranslatedText(source: string): UntranslatedText[] {
  const code = withoutComments(source);
  const found: UntranslatedText[] = [];
  const lineAt = (index: number) => code.slice(0, index).split('\n').length;
  const add = (index: number, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    const leading = text.length - text.trimStart().length;
    if (hasEnglishWord(trimmed)) found.push({ line: lineAt(index + leading), text: trimmed });
  };
  // JSX text: a run without code characters between a tag's `>` or an expression's `}` and a `<` or `{`.
  for (const match of code.matchAll(/[>}]([^<>{}=;()'"`&|]+)(?=[<{])/g)) {
    if (!CODE_BETWEEN_BRACES.test(match[1].trim())) add(match.index + 1, match[1]);
  }
  for (const match of code.matchAll(
    new RegExp(`\\s(?:${READ_PROPS})=(?:"([^"]*)"|\\{'([^']*)'\\}|\\{"([^"]*)"\\})`, 'g'),
  )) {
    add(match.index, match[1] ?? match[2] ?? match[3]);
  }
  // An inline pair shown in JSX (a template literal's `${…}`, a file name say, is not flagged).
  for (const match of code.matchAll(/(?<!\$)\{language === 'vi' \? '[^']*' : '([^']*)'/g)) add(match.index, match[1]);
  return found;
}
