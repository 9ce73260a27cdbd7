/**
 * Text of a file's bytes: UTF-8 (BOM or not) unless a UTF-16 byte-order mark says otherwise, as Excel's
 * "Unicode Text" export does. Invalid UTF-8 becomes U+FFFD, which `describeNonText` counts.
 */
export function decodeTextFile(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let encoding = 'utf-8';
  if (view[0] === 0xff && view[1] === 0xfe) encoding = 'utf-16le';
  else if (view[0] === 0xfe && view[1] === 0xff) encoding = 'utf-16be';
  // TextDecoder drops the BOM of the encoding it decodes.
  return new TextDecoder(encoding).decode(view);
}
