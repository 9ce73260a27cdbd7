import type { WordedMessage } from '../model/wordedMessage';
import { normalizeText } from '../util/normalizeText';
import { detectLegacyVietnameseEncoding, type LegacyEncoding } from './detectLegacyVietnameseEncoding';
import { decodeTcvn3Bytes, tcvn3TextToUnicode } from './tcvn3ToUnicode';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

export interface DecodedTextFile {
  /** The text, without a byte-order mark. */
  text: string;
  /** The encoding the bytes were read in. */
  encoding: TextEncoding;
  /** Why the text may not read right (a legacy encoding), one line for people; null when it is plain Unicode. */
  warning: WordedMessage | null;
}

/**
 * Text of a file's bytes: UTF-8 (BOM or not) unless a UTF-16 byte-order mark says otherwise, as Excel's
 * "Unicode Text" export does. Bytes that are not valid UTF-8 are read as Windows-1258 when they look Vietnamese,
 * otherwise Windows-1252 ("ANSI" CSV from Excel). TCVN3 (ABC) text, as bytes or typed with a .Vn font and saved as
 * Unicode, is converted to Unicode with a warning; VNI is recognised and named in a warning (read byte for byte as
 * Windows-1252, so numbers and ASCII ids stay right and Vietnamese letters do not).
 */
export function decodeTextFileWithReport(bytes: ArrayBuffer | Uint8Array): DecodedTextFile {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const detected = detectTextEncoding(view);
  return { text: textDecoderFor(detected).decode(view), encoding: detected.encoding, warning: detected.warning };
}

/**
 * A decoder for the detected encoding, used whole or slice by slice (`stream: true` until the last slice): TextDecoder
 * for Unicode and ANSI (it drops the BOM), the TCVN3 table for TCVN3 bytes, TCVN3 font text saved as Unicode mapped back
 * to its letters, and Windows-1258's combining tones composed (NFC). A tone mark cut off at a slice edge stays apart.
 */
export function textDecoderFor(detected: DetectedTextEncoding): {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
} {
  let skip = detected.skipBytes ?? 0;
  // Drops the first `skipBytes` bytes of the stream (a byte-order mark before legacy bytes), once.
  const skipped = (bytes: Uint8Array | undefined) => {
    if (!bytes || skip === 0) return bytes;
    const cut = Math.min(skip, bytes.length);
    skip -= cut;
    return bytes.subarray(cut);
  };
  if (detected.encoding === 'tcvn3') {
    return {
      decode: (bytes) => {
        const rest = skipped(bytes);
        return rest ? decodeTcvn3Bytes(rest) : '';
      },
    };
  }
  const decoder = new TextDecoder(detected.label);
  return {
    decode(bytes, options) {
      const text = decoder.decode(skipped(bytes), options);
      if (detected.legacyInsideUnicode === 'tcvn3') return tcvn3TextToUnicode(text);
      return detected.label === 'windows-1258' ? normalizeText(text, 'NFC') : text;
    },
  };
}

export interface DetectedTextEncoding {
  /** A TextDecoder label: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252' or 'windows-1258'. */
  label: string;
  encoding: TextEncoding;
  /** Valid UTF-8 holding text typed with a legacy Vietnamese font (its code points U+0080-U+00FF), if so. */
  legacyInsideUnicode?: 'tcvn3' | 'vni';
  /** Bytes to drop before decoding: a UTF-8 byte-order mark in front of legacy bytes. */
  skipBytes?: number;
  warning: WordedMessage | null;
}

/** The encoding of a text file's bytes (see decodeTextFileWithReport), without decoding the whole file. */
export function detectTextEncoding(view: Uint8Array): DetectedTextEncoding {
  if (view[0] === 0xff && view[1] === 0xfe) return { label: 'utf-16le', encoding: 'utf-16le', warning: null };
  if (view[0] === 0xfe && view[1] === 0xff) return { label: 'utf-16be', encoding: 'utf-16be', warning: null };
  if (isValidUtf8(view)) {
    // Text typed with TCVN3 or VNI fonts and then saved as Unicode keeps the font's code points (U+0080-U+00FF).
    const head = new TextDecoder('utf-8').decode(view.subarray(0, 1 << 20), { stream: true });
    const legacy = detectLegacyVietnameseEncoding(latin1CodeUnits(head));
    if (legacy === 'tcvn3' || legacy === 'vni') {
      return { label: 'utf-8', encoding: 'utf-8', legacyInsideUnicode: legacy, warning: legacyWarning(legacy, true) };
    }
    return { label: 'utf-8', encoding: 'utf-8', warning: null };
  }
  // A UTF-8 byte-order mark before bytes that are not UTF-8 (an editor added it to an ANSI or TCVN3 file): the mark is
  // dropped, or its three bytes would become letters glued to the first column's name.
  const bom = view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
  const legacy = detectLegacyVietnameseEncoding(view.subarray(bom, 1 << 20));
  const label = legacy === 'windows-1258' ? 'windows-1258' : 'windows-1252';
  const warning = legacyWarning(legacy, false);
  return {
    label,
    encoding: legacy,
    skipBytes: bom,
    warning: bom
      ? {
          reason: `${warning.reason} (the file starts with a UTF-8 byte-order mark, but the rest is not UTF-8)`,
          code: warning.code,
          params: { ...warning.params, bom: 1 },
        }
      : warning,
  };
}

/** The text alone; see decodeTextFileWithReport. */
export function decodeTextFile(bytes: ArrayBuffer | Uint8Array): string {
  return decodeTextFileWithReport(bytes).text;
}

/** The warning for a legacy encoding (code `encoding`, params: the encoding, whether typed inside Unicode text). */
function legacyWarning(encoding: LegacyEncoding, insideUnicode: boolean): WordedMessage {
  return {
    reason: legacyReason(encoding, insideUnicode),
    code: 'encoding',
    params: { encoding, inside: insideUnicode ? 1 : 0 },
  };
}

function legacyReason(encoding: LegacyEncoding, insideUnicode: boolean): string {
  switch (encoding) {
    case 'windows-1258':
      return 'the file is not UTF-8: read as Windows-1258 (Vietnamese ANSI); save it as "CSV UTF-8" to be sure of the names';
    case 'windows-1252':
      return 'the file is not UTF-8: read as Windows-1252 (Western ANSI); accented names may be wrong, save it as "CSV UTF-8"';
    case 'tcvn3': {
      const where = insideUnicode ? 'text typed in' : 'the legacy encoding';
      return (
        `the text looks like ${where} TCVN3 (ABC, .Vn fonts): converted to Unicode; check the names (text typed with ` +
        'an upper-case .VnTimeH font comes out in lower case)'
      );
    }
    case 'vni': {
      const where = insideUnicode ? 'text typed in the legacy encoding' : 'the legacy encoding';
      return (
        `the text looks like ${where} VNI (VNI-Windows fonts): Vietnamese letters will be garbled (numbers and ASCII ` +
        'ids are fine); convert it to Unicode (e.g. with UniKey\'s converter) and save as "CSV UTF-8"'
      );
    }
  }
}

/** Code units below 256 of a string (others are dropped): the shape of bytes a legacy font encoding leaves in text. */
function latin1CodeUnits(text: string): Uint8Array {
  const sample = text.length > 1 << 20 ? text.slice(0, 1 << 20) : text;
  const units = new Uint8Array(sample.length);
  let length = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 256) units[length++] = code;
    else return new Uint8Array(0); // Real Vietnamese Unicode letters: not a font encoding.
  }
  return units.subarray(0, length);
}

/** Whether bytes are well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF), without decoding. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const byte = bytes[i];
    if (byte < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      min = 0x10000;
    } else return false;
    let code = byte & (0x3f >> needed);
    for (let k = 1; k <= needed; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += needed + 1;
  }
  return true;
}
