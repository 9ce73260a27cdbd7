import { describe, expect, it } from 'vitest';
import PackbitsDecoder from '../../../node_modules/geotiff/dist-module/compression/packbits.js';
import { decodeTiffPackBits } from '../../../src/core/io/decodeTiffPackBits';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { seededRandom } from '../../../src/core/util/seededRandom';
import { geoTiffWithStrips } from '../../fixtures/hostile/makeHostileFiles';

const hex = (text: string) => Uint8Array.from(text.split(' '), (byte) => Number.parseInt(byte, 16));

describe('decodeTiffPackBits', () => {
  it("gives the TIFF 6.0 specification's example back (section 9, after Apple's Technical Note TN1023)", () => {
    const packed = hex('FE AA 02 80 00 2A FD AA 03 80 00 2A 22 F7 AA');
    const unpacked = hex('AA AA AA 80 00 2A AA AA AA AA 80 00 2A 22 AA AA AA AA AA AA AA AA AA AA');
    expect(Array.from(decodeTiffPackBits(packed, unpacked.length))).toEqual(Array.from(unpacked));
  });

  it('skips -128, the no-op, where geotiff.js repeats a byte 129 times', () => {
    expect(Array.from(decodeTiffPackBits(hex('80 00 41 FF 42'), 3))).toEqual([0x41, 0x42, 0x42]);
  });

  it("agrees with geotiff.js's own decoder on random streams without -128", () => {
    const next = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const parts: number[] = [];
      let length = 0;
      while (length < 3_000) {
        if (next() < 0.5) {
          const n = Math.floor(next() * 128);
          parts.push(n);
          for (let i = 0; i <= n; i++) parts.push(Math.floor(next() * 256));
          length += n + 1;
        } else {
          const count = 2 + Math.floor(next() * 127);
          parts.push(257 - count, Math.floor(next() * 256));
          length += count;
        }
      }
      const packed = Uint8Array.from(parts);
      const theirs = new Uint8Array(
        new PackbitsDecoder({} as ConstructorParameters<typeof PackbitsDecoder>[0]).decodeBlock(packed.slice().buffer),
      );
      expect(theirs.length).toBe(length);
      expect(Buffer.compare(decodeTiffPackBits(packed, length), theirs)).toBe(0);
    }
  });

  it("stops at the block's pixels however many the runs ask for", () => {
    const runs = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < runs.length; i += 2) runs[i] = 0x81; // 128 zeros each: 256 MiB asked for
    const started = performance.now();
    const out = decodeTiffPackBits(runs, 16);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(Array.from(out)).toEqual(new Array(16).fill(0));
    // A literal run cut by the block's end, and bytes after it ignored.
    expect(Array.from(decodeTiffPackBits(hex('03 01 02 03 04 00 09'), 2))).toEqual([1, 2]);
  });

  it('gives what a stream that ends early holds, and refuses an unusable size', () => {
    expect(Array.from(decodeTiffPackBits(hex('03 01 02'), 8))).toEqual([1, 2]);
    expect(Array.from(decodeTiffPackBits(hex('FD'), 8))).toEqual([]);
    expect(() => decodeTiffPackBits(hex('00 01'), Number.NaN)).toThrow(/PackBits block of NaN bytes/);
  });
});

describe('PackBits GeoTIFFs through the readers', () => {
  it('read as their pixels, strip by strip (literal and replicate runs)', async () => {
    const pixels = [0, 0, 250, 1_000.25, 3_143, 75];
    const bytes = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
    // Two zeros are eight zero bytes: one replicate run. The others are literal runs of their bytes.
    const strips = [
      Uint8Array.of(0xf9, 0),
      Uint8Array.of(7, ...bytes(pixels.slice(2, 4))),
      Uint8Array.of(7, ...bytes(pixels.slice(4))),
    ];
    const file = geoTiffWithStrips(2, 3, 1, 32773, strips);
    expect(Array.from((await readPopulationGeoTiff(file.slice().buffer)).values)).toEqual(pixels);
    expect(Array.from((await readElevationGeoTiff(file, 'packbits.tif')).heightsM)).toEqual(pixels);
  });
});
