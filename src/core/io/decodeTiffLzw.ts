/**
 * TIFF LZW (compression 5, TIFF 6.0 §13: codes MSB-first, 9 to 12 bits, 256 clear, 257 end, the code width growing one
 * code early) into bytes, written in place. Every table entry's string has already been written once (an entry is the
 * previous code's string and the first byte of the next), so the table keeps where (an offset into the output) and how
 * long, and a code is a copy of earlier output rather than a walk down a chain of prefixes. It follows geotiff.js's own
 * decoder rule for rule (including what it does when the table is full: no new entries until a clear code), so the
 * bytes are the same; geotiff.js builds each string as a JavaScript array, about 15 times slower on a national raster.
 *
 * With `expectedBytes` (the block's pixels: tile width x height x bytes per pixel), decoding stops once that many bytes
 * are out: nothing beyond is read by the image, and a hostile strip of codes that each add a longer string (about 1,300
 * times its size) then costs the block's own size instead of gigabytes.
 */
const CLEAR_CODE = 256;
const EOI_CODE = 257;
const MAX_CODE_BITS = 12;
const TABLE_SIZE = 4096;

export function decodeTiffLzw(input: Uint8Array, expectedBytes = 0): Uint8Array {
  // Entries 258 and up: where in the output their string was written, and its length.
  const start = new Int32Array(TABLE_SIZE);
  const length = new Uint16Array(TABLE_SIZE);
  const limit = expectedBytes > 0 ? expectedBytes : Number.POSITIVE_INFINITY;
  // One string (at most TABLE_SIZE bytes) may end past the limit: room for it, so the output never grows when bounded.
  let out = new Uint8Array(expectedBytes > 0 ? expectedBytes + TABLE_SIZE : Math.max(input.length * 2, 1024));
  let outLength = 0;
  const inputBits = input.length * 8;
  let position = 0;
  let codeBits = 9;
  let tableLength = 258;
  let oldCode = -1;
  // Where the previous code's string was written: with the byte after it, the next entry's string.
  let oldStart = 0;

  const readCode = (): number => {
    if (position + codeBits > inputBits + 7 && position >= inputBits) return EOI_CODE;
    const byte = position >>> 3;
    const chunk = (input[byte] << 16) | ((input[byte + 1] ?? 0) << 8) | (input[byte + 2] ?? 0);
    const code = (chunk >>> (24 - (position & 7) - codeBits)) & ((1 << codeBits) - 1);
    position += codeBits;
    return code;
  };
  const ensure = (extra: number) => {
    if (outLength + extra <= out.length) return;
    const grown = new Uint8Array(Math.max(out.length * 2, outLength + extra));
    grown.set(out.subarray(0, outLength));
    out = grown;
  };
  /**
   * Writes the string of `code` at the end of the output: a byte, or a copy of the entry's earlier occurrence, forward
   * byte by byte (the entry made for an unknown code ends with the first byte this very copy writes).
   */
  const write = (code: number) => {
    if (code < CLEAR_CODE) {
      ensure(1);
      out[outLength++] = code;
      return;
    }
    const n = length[code];
    ensure(n);
    const from = start[code];
    for (let k = 0; k < n; k++) out[outLength + k] = out[from + k];
    outLength += n;
  };
  /** The entry of the previous code's string and one more byte, found where that string was written. */
  const add = () => {
    start[tableLength] = oldStart;
    length[tableLength] = (oldCode < CLEAR_CODE ? 1 : length[oldCode]) + 1;
    tableLength++;
  };

  let code = readCode();
  while (code !== EOI_CODE && outLength < limit) {
    if (code === CLEAR_CODE) {
      tableLength = 258;
      codeBits = 9;
      code = readCode();
      while (code === CLEAR_CODE) code = readCode();
      if (code === EOI_CODE) break;
      if (code > CLEAR_CODE) throw new Error(`corrupted LZW code ${code} after a clear code`);
      oldStart = outLength;
      write(code);
      oldCode = code;
    } else if (code < tableLength) {
      const at = outLength;
      write(code);
      if (oldCode >= 0) add();
      oldStart = at;
      oldCode = code;
    } else {
      if (oldCode < 0) throw new Error(`invalid LZW code ${code} with no previous code`);
      // The KwKwK case: the previous string and its own first byte.
      const at = outLength;
      add();
      write(tableLength - 1);
      oldStart = at;
      oldCode = code;
    }
    if (tableLength + 1 >= 1 << codeBits) {
      if (codeBits === MAX_CODE_BITS) oldCode = -1;
      else codeBits++;
    }
    code = readCode();
  }
  return out.subarray(0, outLength);
}
