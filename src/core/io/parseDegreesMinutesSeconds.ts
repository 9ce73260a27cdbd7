/** Hemisphere letters, English and Vietnamese (Đông, Tây, Bắc; N is taken as North: Việt Nam has no southern latitude). */
const EAST = new Set(['E', 'Đ', 'D']);
const WEST = new Set(['W', 'T']);
const NORTH = new Set(['N', 'B']);
const SOUTH = new Set(['S']);
const HEMISPHERE = '[NSEWBĐDTnsewbđdt]';
const EDGE_LETTER = new RegExp(`^${HEMISPHERE}|${HEMISPHERE}$`, 'g');
/** Degree, minute and second marks as people type them (°, º, ˚; ', ′, ’, ‘; ", ″, ”, '') and spaces or colons. */
const MARKS = /^[\s°º˚'′’‘"″”“:]*$/;
const NUMBER = /\d+(?:[.,]\d+)?/g;

/**
 * A coordinate written in degrees, minutes and seconds, as station lists do: `108°14'45.6"E`, `16°05'24"B`,
 * `107° 58' 30" Đ`, `108°12.5'E`, `N 16:03:45`, `-108°14'45.6"`; a decimal comma in the last part is read. Needs a
 * degree, minute or second mark, a colon or a hemisphere letter (a plain number is parseDecimal's), whole degrees and
 * minutes before a further part, minutes and seconds under 60. West and south are negative. Null when the text is
 * not such a coordinate.
 */
export function parseDegreesMinutesSeconds(text: string): number | null {
  let rest = text.trim();
  if (rest.length === 0 || rest.length > 40) return null;
  let sign = 1;
  if (rest.startsWith('-')) {
    sign = -1;
    rest = rest.slice(1).trim();
  }
  const letters = (rest.match(EDGE_LETTER) ?? []).map((letter) => letter.toUpperCase());
  if (letters.length > 1) return null;
  const letter = letters[0];
  const body = rest.replace(EDGE_LETTER, '').trim();
  const numbers = body.match(NUMBER) ?? [];
  if (numbers.length === 0 || numbers.length > 3) return null;
  if (!MARKS.test(body.replace(NUMBER, ''))) return null;
  // A plain number with no mark and no letter is not written in degrees-minutes-seconds.
  if (letter === undefined && !/[°º˚'′’‘"″”“:]/.test(body)) return null;
  const parts = numbers.map((part) => Number(part.replace(',', '.')));
  // Only the last part may have decimals.
  if (numbers.slice(0, -1).some((part) => /[.,]/.test(part))) return null;
  const [degrees, minutes = 0, seconds = 0] = parts;
  if (minutes >= 60 || seconds >= 60) return null;
  let value = degrees + minutes / 60 + seconds / 3600;
  if (letter !== undefined) {
    if (WEST.has(letter) || SOUTH.has(letter)) value = -value;
    else if (!EAST.has(letter) && !NORTH.has(letter)) return null;
    if (sign < 0) return null; // "-108°E": which one?
  }
  value *= sign;
  return Number.isFinite(value) ? value : null;
}
