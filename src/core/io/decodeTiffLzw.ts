/**
 * TIFF LZW (compression 5, TIFF 6.0 §13: codes MSB-first, 9 to 12 bits, 256 clear, 257 end, the code width growing one
 * code early) into bytes, with the dictionary in typed arrays and the output written in place. It follows geotiff.js's
 * own decoder rule for rule (including what it does when the table is full: no new entries until a clear code), so
 * the bytes are the same; geotiff.js builds each string as a JavaScript array, about 15 times slower on a national
 * raster.
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
  const prefix = new Uint16Array(TABLE_SIZE);
  const suffix = new Uint8Array(TABLE_SIZE);
  const first = new Uint8Array(TABLE_SIZE);
  const length = new Uint16Array(TABLE_SIZE);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  const limit = expectedBytes > 0 ? expectedBytes : Number.POSITIVE_INFINITY;
  // One string (at most TABLE_SIZE bytes) may end past the limit: room for it, so the output never grows when bounded.
  let out = new Uint8Array(expectedBytes > 0 ? expectedBytes + TABLE_SIZE : Math.max(input.length * 2, 1024));
  let outLength = 0;
  const inputBits = input.length * 8;
  let position = 0;
  let codeBits = 9;
  let tableLength = 258;
  let oldCode = -1;

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
  /** Writes the string of `code` at the end of the output. */
  const write = (code: number) => {
    const n = length[code];
    ensure(n);
    let at = outLength + n - 1;
    for (let c = code; at >= outLength; c = prefix[c]) out[at--] = suffix[c];
    outLength += n;
  };
  const add = (previous: number, byte: number) => {
    prefix[tableLength] = previous;
    suffix[tableLength] = byte;
    first[tableLength] = first[previous];
    length[tableLength] = length[previous] + 1;
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
      write(code);
      oldCode = code;
    } else if (code < tableLength) {
      write(code);
      if (oldCode >= 0) add(oldCode, first[code]);
      oldCode = code;
    } else {
      if (oldCode < 0) throw new Error(`invalid LZW code ${code} with no previous code`);
      // The KwKwK case: the previous string and its own first byte.
      add(oldCode, first[oldCode]);
      write(tableLength - 1);
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
