/**
 * One block (strip or tile) of a PackBits-compressed TIFF (compression 32773, TIFF 6.0 section 9) into the bytes the
 * image needs, `expectedBytes`, written straight into an array of that size. Each run starts with a signed byte n:
 * 0..127 copies the next n + 1 bytes, -127..-1 repeats the next byte 1 - n times, -128 is skipped (the specification's
 * no-op). Decoding stops once the block's pixels are written: two bytes may ask for 128, so a 1 MB strip could ask
 * for 64 MB, and geotiff.js's own decoder (one JavaScript array pushed a byte at a time, no limit) took 2.2 s and
 * 1.7 GB for a 1 MB strip and crashed the process (V8's fatal "invalid size") for a 4 MB one. Bytes left after the
 * pixels are ignored, as libtiff does; a block whose runs end early gives what they hold.
 */
export function decodeTiffPackBits(input: Uint8Array, expectedBytes: number): Uint8Array {
  if (!(expectedBytes >= 0 && Number.isSafeInteger(expectedBytes))) {
    throw new Error(`a PackBits block of ${expectedBytes} bytes (the file's tile or strip size is not usable)`);
  }
  const out = new Uint8Array(expectedBytes);
  let written = 0;
  let at = 0;
  while (at < input.length && written < out.length) {
    const n = input[at++];
    if (n < 128) {
      // A literal run of n + 1 bytes (what the input holds of them, and what the block has room for).
      const end = Math.min(at + n + 1, input.length, at + out.length - written);
      out.set(input.subarray(at, end), written);
      written += end - at;
      at += n + 1;
    } else if (n > 128) {
      // A replicate run: 257 - n copies (n as a signed byte is n - 256; 1 - (n - 256) = 257 - n).
      if (at >= input.length) break;
      const end = Math.min(written + 257 - n, out.length);
      out.fill(input[at++], written, end);
      written = end;
    }
  }
  return written === out.length ? out : out.slice(0, written);
}
