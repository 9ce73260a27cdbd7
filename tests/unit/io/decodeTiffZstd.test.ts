import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTiffZstd, initTiffZstd, MAX_ZSTD_BLOCK_BYTES } from '../../../src/core/io/decodeTiffZstd';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { geoTiffWithStrips, zstdFrame } from '../../fixtures/hostile/makeHostileFiles';

const root = new URL('../../../', import.meta.url);
/** A real frame made by the reference zstd command (tests/fixtures/tiff/README.md) and the bytes it holds. */
const realFrame = new Uint8Array(readFileSync(new URL('tests/fixtures/tiff/provinces-first-64k.zst', root)));
const realBytes = new Uint8Array(readFileSync(new URL('data/national/provinces.geojson', root))).subarray(0, 65_536);

describe('decodeTiffZstd', () => {
  beforeAll(() => initTiffZstd());

  it("gives a real frame's bytes back (the reference command's, with its content size and checksum)", () => {
    expect(Buffer.compare(decodeTiffZstd(realFrame, 65_536), realBytes)).toBe(0);
    // A last strip of fewer rows than the block: the frame's own bytes.
    expect(decodeTiffZstd(realFrame, 70_000)).toHaveLength(65_536);
  });

  it('gives a hand-made frame of raw and run-length blocks, of no declared size, back', () => {
    const raw = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251);
    const frame = zstdFrame([raw, [9, 200_000], Uint8Array.of(1, 2, 3)]);
    const out = decodeTiffZstd(frame, 500_003);
    expect(out).toHaveLength(500_003);
    expect(Buffer.compare(out.subarray(0, 300_000), raw)).toBe(0);
    expect(out.subarray(300_000, 500_000).every((byte) => byte === 9)).toBe(true);
    expect(Array.from(out.subarray(500_000))).toEqual([1, 2, 3]);
  });

  it('refuses a frame that holds more than the block, without writing it: 2 GiB of runs for 16 bytes', () => {
    const bomb = zstdFrame([[0, 2 ** 31]]);
    expect(bomb.length).toBeLessThan(70_000);
    const started = performance.now();
    expect(() => decodeTiffZstd(bomb, 16)).toThrow(
      "damaged Zstandard data, or more than the strip or tile's 16 bytes of pixels",
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    // The real frame declares 65,536 bytes: one fewer is refused.
    expect(() => decodeTiffZstd(realFrame, 65_535)).toThrow(/more than the strip or tile's 65,535 bytes of pixels/);
  });

  it('refuses a damaged or truncated frame', () => {
    const damaged = realFrame.slice();
    damaged[realFrame.length >> 1] ^= 0xff;
    expect(() => decodeTiffZstd(damaged, 65_536)).toThrow(/damaged Zstandard data/);
    expect(() => decodeTiffZstd(realFrame.subarray(0, realFrame.length - 5), 65_536)).toThrow(/damaged/);
    expect(() => decodeTiffZstd(Uint8Array.of(1, 2, 3, 4), 16)).toThrow(/damaged/);
    expect(() => decodeTiffZstd(realFrame, -1)).toThrow(/Zstandard strip or tile of -1 bytes/);
    expect(() => decodeTiffZstd(realFrame, MAX_ZSTD_BLOCK_BYTES + 1)).toThrow(/more than the 67,108,864 read/);
  });
});

describe('Zstandard GeoTIFFs through the readers', () => {
  const pixels = [0, 12.5, 250, 1_000.25, 3_143, 75];
  const bytes = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

  it('read as their pixels, strip by strip', async () => {
    const strips = [zstdFrame([[0, 8]]), zstdFrame([bytes(pixels.slice(2, 4))]), zstdFrame([bytes(pixels.slice(4))])];
    const file = geoTiffWithStrips(2, 3, 1, 50000, strips);
    expect(Array.from((await readPopulationGeoTiff(file.slice().buffer)).values)).toEqual([0, 0, ...pixels.slice(2)]);
    expect(Array.from((await readElevationGeoTiff(file, 'zstd.tif')).heightsM)).toEqual([0, 0, ...pixels.slice(2)]);
  });

  it('refuse a strip that holds more than its pixels, naming the reason', async () => {
    const file = geoTiffWithStrips(2, 3, 3, 50000, [zstdFrame([bytes(pixels), [0, 1 << 20]])]);
    await expect(readPopulationGeoTiff(file.slice().buffer)).rejects.toThrow(
      "cannot decode the raster (damaged Zstandard data, or more than the strip or tile's 24 bytes of pixels)",
    );
  });
});

describe('block sizes', () => {
  it('count whole bytes per row: a 10 x 2 image of 1-bit samples has 2-byte rows', async () => {
    // Rows 1011001110 and 0100000001, each padded to 16 bits.
    const strip = zstdFrame([Uint8Array.of(0b10110011, 0b10000000, 0b01000000, 0b01000000)]);
    const file = geoTiffWithStrips(10, 2, 2, 50000, [strip], { bitsPerSample: 1, sampleFormat: 1 });
    const grid = await readPopulationGeoTiff(file.slice().buffer);
    expect(Array.from(grid.values)).toEqual([1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('name a strip that holds fewer pixels than the image needs', async () => {
    const file = geoTiffWithStrips(2, 3, 3, 50000, [zstdFrame([new Uint8Array(8)])]);
    await expect(readPopulationGeoTiff(file.slice().buffer)).rejects.toThrow(
      'cannot decode the raster (a strip or tile holds fewer pixels than the image needs (a truncated or damaged file))',
    );
    await expect(readElevationGeoTiff(file, 'short.tif')).rejects.toThrow(/fewer pixels than the image needs/);
  });
});
