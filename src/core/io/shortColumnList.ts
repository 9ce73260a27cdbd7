/** Column names a message lists before it only counts the rest. */
const LISTED_NAMES = 20;
/** Characters of one name a message keeps. */
const NAME_CHARS = 40;

/**
 * Column names for a one-line message: the first 20, each cut to 40 characters, then how many more. A header of
 * 250,000 columns, or one name of 3 MB, made a 750 KB line on stderr and in the import dialog.
 */
export function shortColumnList(names: readonly string[]): string {
  const shown = names
    .slice(0, LISTED_NAMES)
    .map((name) => (name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS)}…` : name));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … (+${more.toLocaleString('en')})` : shown.join(', ');
}
