/** What a file that is evidently not a text table is (classifyNonText). */
export type NonTextKind = 'zip' | 'xls' | 'pdf' | 'tiff' | 'gzip' | 'binaryNul' | 'binaryControl' | 'notUtf8';

/**
 * Why a decoded file is evidently not a text table, or null when it may be one.
 * Looks only at the first 4 KB: known binary signatures (Excel, zip, PDF, TIFF, gzip), many control characters (NUL
 * included: a few NULs in a text table cost their rows only, the readers reject those), or many replacement
 * characters (bytes that were not valid UTF-8).
 */
export function describeNonText(text: string): string | null {
  return classifyNonText(text)?.words ?? null;
}

/** describeNonText's answer with its kind, for a UI that words it in its own language. */
export function classifyNonText(text: string): { kind: NonTextKind; words: string } | null {
  const head = text.slice(0, 4096);
  if (head.startsWith('PK\u0003\u0004')) {
    return { kind: 'zip', words: 'a zip archive (an Excel .xlsx workbook? save it as CSV)' };
  }
  if (head.startsWith('\uFFFD\uFFFD\u0011\uFFFD') || head.startsWith('\u00D0\u00CF\u0011\u00E0')) {
    return { kind: 'xls', words: 'an old Excel .xls workbook (save it as CSV)' };
  }
  if (head.startsWith('%PDF')) return { kind: 'pdf', words: 'a PDF document' };
  if (head.startsWith('II*\u0000') || head.startsWith('MM\u0000*')) return { kind: 'tiff', words: 'a TIFF image' };
  if (head.startsWith('\u001f\uFFFD')) return { kind: 'gzip', words: 'a gzip archive' };
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0xfffd) replacements++;
    else if (code < 32 && code !== 9 && code !== 10 && code !== 13) controls++;
  }
  const limit = Math.max(8, head.length * 0.02);
  if (controls > limit) {
    return head.includes('\u0000')
      ? { kind: 'binaryNul', words: 'binary data (NUL bytes)' }
      : { kind: 'binaryControl', words: 'binary data (control characters)' };
  }
  // Most likely a legacy Vietnamese encoding (Windows-1258, TCVN3): refuse rather than guess which.
  if (replacements > limit) return { kind: 'notUtf8', words: 'text that is not UTF-8 (save it as "CSV UTF-8")' };
  return null;
}
