import { readFileSync } from 'node:fs';
import { fromArrayBuffer, getDecoder } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { decodeTiffLzw } from '../../../src/core/io/decodeTiffLzw';
import { seededRandom } from '../../../src/core/util/seededRandom';

/** A plain TIFF LZW encoder written for the test (TIFF 6.0 §13: MSB-first codes, early change, clear at 4094). */
function encodeLzwByHand(data: Uint8Array): Uint8Array {
  const bytes: number[] = [];
  let bitBuffer = 0;
  let bitCount = 0;
  let width = 9;
  const emit = (code: number) => {
    bitBuffer = (bitBuffer << width) | code;
    bitCount += width;
    while (bitCount >= 8) {
      bytes.push((bitBuffer >>> (bitCount - 8)) & 0xff);
      bitCount -= 8;
    }
    bitBuffer &= (1 << bitCount) - 1;
  };
  let table = new Map<string, number>();
  let next = 258;
  const reset = () => {
    table = new Map();
    next = 258;
    width = 9;
  };
  emit(256);
  reset();
  let current = '';
  for (const byte of data) {
    const extended = current === '' ? String(byte) : `${current},${byte}`;
    const known = current === '' || table.has(extended);
    if (known) {
      current = extended;
      continue;
    }
    emit(current.includes(',') ? (table.get(current) as number) : Number(current));
    table.set(extended, next++);
    // The decoder widens its codes one code early: after entry 2^width - 2 is made.
    if (next + 1 > 1 << width) {
      if (width === 12) {
        emit(256);
        reset();
      } else width++;
    }
    current = String(byte);
  }
  if (current !== '') emit(current.includes(',') ? (table.get(current) as number) : Number(current));
  emit(257);
  if (bitCount > 0) bytes.push((bitBuffer << (8 - bitCount)) & 0xff);
  return Uint8Array.from(bytes);
}

describe('decodeTiffLzw', () => {
  it('decodes streams written by an independent encoder: repeats (KwKwK), wider codes, table resets', () => {
    const random = seededRandom(7);
    const cases = [
      Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]),
      Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 13),
      Uint8Array.from({ length: 60_000 }, () => Math.floor(random() * 256)),
      Uint8Array.from({ length: 60_000 }, () => Math.floor(random() * 4)),
    ];
    for (const data of cases) expect(decodeTiffLzw(encodeLzwByHand(data))).toEqual(data);
  });

  it("stops at the block's bytes: a strip that decodes to 400 KB gives the 1,000 its pixels need", () => {
    // Codes for ever longer runs of one byte (about 1,300 times the strip's size when the table is full): a strip
    // that says it holds far more than the block's pixels.
    const data = new Uint8Array(400_000).fill(9);
    const stream = encodeLzwByHand(data);
    expect(decodeTiffLzw(stream).length).toBe(400_000);
    const bounded = decodeTiffLzw(stream, 1_000);
    // Decoding stops within the string that crosses the limit (one table entry, at most 4,096 bytes).
    expect(bounded.length).toBeGreaterThanOrEqual(1_000);
    expect(bounded.length).toBeLessThan(1_000 + 4_096);
    expect(bounded).toEqual(data.subarray(0, bounded.length));
  });

  it('gives geotiff.js’s own LZW bytes for every strip of the real LZW rasters', { timeout: 60_000 }, async () => {
    for (const path of ['data/national/population.tif', 'data/demo/terrain-danang-1arcsec.tif']) {
      const file = readFileSync(path);
      const image = await (
        await fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer)
      ).getImage();
      expect(image.fileDirectory.getValue('Compression')).toBe(5);
      const tiled = !image.fileDirectory.hasTag('StripOffsets');
      const offsets = image.fileDirectory.getValue((tiled ? 'TileOffsets' : 'StripOffsets') as never) as number[];
      const counts = image.fileDirectory.getValue((tiled ? 'TileByteCounts' : 'StripByteCounts') as never) as number[];
      const original = await getDecoder(5, {
        tileWidth: 1,
        tileHeight: 1,
        predictor: 1,
        bitsPerSample: 8,
        planarConfiguration: 1,
      });
      for (let k = 0; k < offsets.length; k++) {
        const block = new Uint8Array(file.buffer, file.byteOffset + offsets[k], counts[k]).slice();
        const expected = new Uint8Array(await original.decodeBlock(block.slice().buffer));
        const decoded = decodeTiffLzw(block);
        expect(decoded.length).toBe(expected.length);
        expect(Buffer.compare(Buffer.from(decoded), Buffer.from(expected))).toBe(0);
      }
    }
  });
});
