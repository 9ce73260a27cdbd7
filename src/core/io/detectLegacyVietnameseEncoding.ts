export type LegacyEncoding = 'windows-1252' | 'windows-1258' | 'tcvn3' | 'vni';

const isAsciiLetter = (byte: number) => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
const isAsciiVowel = (byte: number) => 'aeiouyAEIOUY'.includes(String.fromCharCode(byte));

/** Windows-1258's combining tone marks (grave, acute, hook, tilde, dot below). */
const CP1258_TONES = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
/** Windows-1258 letters of Vietnamese that Western text rarely has: ă â đ ê ô ơ ư and capitals. */
const CP1258_LETTERS = new Set([0xe3, 0xe2, 0xf0, 0xea, 0xf4, 0xf5, 0xfd, 0xc3, 0xc2, 0xd0, 0xca, 0xd4, 0xd5, 0xdd]);
/**
 * VNI marks that follow a base vowel and that Windows-1258 never puts there (VNI writes "Vieät", "Ñaø Naüng"):
 * ø ù ú û õ ï å ä æ ç è ë î ö ñ and capitals.
 */
const VNI_ONLY_MARKS = new Set([
  0xf8, 0xf9, 0xfa, 0xfb, 0xf5, 0xef, 0xe5, 0xe4, 0xe6, 0xe7, 0xe8, 0xeb, 0xee, 0xf6, 0xd8, 0xd9, 0xda, 0xdb, 0xcf,
  0xc5, 0xc4, 0xc6, 0xc7, 0xc8, 0xcb, 0xce, 0xd6,
]);

/**
 * Which single-byte encoding a Vietnamese (or Western) table most likely uses, from its bytes >= 0x80 that stand
 * inside words. A heuristic, meant to name the encoding in a warning:
 * - TCVN3 (ABC) puts precomposed letters at 0xA1-0xFE, so symbols of Windows-1252 (µ ¸ ¹ ¨ ©, "Tr¹m §µ N½ng") sit
 *   between letters;
 * - VNI writes a base letter followed by a mark byte ("Vieät Nam", "ñ" for đ);
 * - Windows-1258 writes base letters with combining tone bytes and its own ă â đ ê ô ơ ư;
 * - anything else is taken as Windows-1252.
 */
export function detectLegacyVietnameseEncoding(bytes: Uint8Array): LegacyEncoding {
  let inWord = 0;
  let tcvn3 = 0;
  let vni = 0;
  let cp1258 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte < 0x80) continue;
    const previous = i > 0 ? bytes[i - 1] : 0;
    const next = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const besideLetter = isAsciiLetter(previous) || isAsciiLetter(next) || previous >= 0x80 || next >= 0x80;
    if (!besideLetter) continue;
    inWord++;
    if (byte >= 0xa1 && byte <= 0xbf) tcvn3++;
    if (isAsciiVowel(previous) && VNI_ONLY_MARKS.has(byte)) vni++;
    if (byte === 0xf1 || byte === 0xd1) vni += isAsciiLetter(next) ? 1 : 0; // ñ Ñ = đ Đ in VNI
    if (CP1258_TONES.has(byte) && (isAsciiVowel(previous) || CP1258_LETTERS.has(previous))) cp1258++;
    if (CP1258_LETTERS.has(byte)) cp1258 += 0.5;
  }
  if (inWord === 0) return 'windows-1252';
  if (tcvn3 >= inWord * 0.4 && tcvn3 > vni && tcvn3 > cp1258) return 'tcvn3';
  if (vni >= inWord * 0.3 && vni > cp1258) return 'vni';
  if (cp1258 >= inWord * 0.3) return 'windows-1258';
  return 'windows-1252';
}
