import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { inflateTiffBlock } from '../../../src/core/io/inflateTiffBlock';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { geoTiffWithStrips } from '../../fixtures/hostile/makeHostileFiles';

/** The Đà Nẵng 1″ DEM's pixels (real SRTM heights, int16) as bytes: the data Deflate blocks are made of here. */
async function demBytes(): Promise<Uint8Array> {
  const file = readFileSync('data/demo/terrain-danang-1arcsec.tif');
  const image = await (
    await fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer)
  ).getImage();
  const band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as Int16Array;
  return new Uint8Array(band.buffer, band.byteOffset, band.byteLength);
}

/** Damages a zlib stream from `from` on (every byte flipped): whatever reads past `from` meets garbage. */
function damagedFrom(stream: Uint8Array, from: number): Uint8Array {
  const damaged = stream.slice();
  for (let k = from; k < damaged.length; k++) damaged[k] ^= 0xa5;
  return damaged;
}

const floatBytes = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('inflateTiffBlock', () => {
  it("gives Node's zlib bytes for Deflate blocks of a real DEM, at every compression level", async () => {
    const dem = await demBytes();
    for (const blockBytes of [8_192, 262_144]) {
      for (const level of [1, 6, 9]) {
        for (let at = 0; at < dem.length; at += blockBytes * 3) {
          const raw = dem.subarray(at, Math.min(dem.length, at + blockBytes));
          const stream = new Uint8Array(deflateSync(raw, { level }));
          const decoded = inflateTiffBlock(stream, raw.length);
          expect(Buffer.compare(Buffer.from(decoded), inflateSync(stream))).toBe(0);
        }
      }
    }
  });

  it('gives what a stream holds when it ends before the block does', () => {
    const raw = Uint8Array.from({ length: 3_000 }, (_, k) => (k * 31) % 251);
    const decoded = inflateTiffBlock(new Uint8Array(deflateSync(raw)), 5_000);
    expect(decoded.length).toBe(3_000);
    expect(Buffer.compare(Buffer.from(decoded), Buffer.from(raw))).toBe(0);
  });

  it("stops soon past the block's pixels: a 64 MB bomb gives its 16 bytes", () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(64 << 20), { level: 9 }));
    expect(bomb.length).toBeLessThan(70_000);
    // A wrong checksum at the very end, which only a decoder inflating all 64 MB meets.
    bomb[bomb.length - 1] ^= 1;
    expect(() => inflateSync(bomb)).toThrow();
    expect(inflateTiffBlock(bomb, 16)).toEqual(new Uint8Array(16));
  });

  it('throws on a damaged stream, a wrong checksum and a truncated stream', async () => {
    const dem = (await demBytes()).subarray(0, 1 << 16);
    const stream = new Uint8Array(deflateSync(dem));
    expect(() => inflateTiffBlock(damagedFrom(stream, 100), dem.length)).toThrow(/damaged Deflate data/);
    const wrongChecksum = stream.slice();
    wrongChecksum[wrongChecksum.length - 1] ^= 1;
    expect(() => inflateSync(wrongChecksum)).toThrow(); // zlib agrees
    expect(() => inflateTiffBlock(wrongChecksum, dem.length)).toThrow(/invalid data or checksum/);
    expect(() => inflateTiffBlock(stream.subarray(0, stream.length - 40), dem.length)).toThrow(/truncated/);
  });
});

describe('Deflate GeoTIFFs through the readers', () => {
  const pixels = [0, 12.5, 250, 1_000.25, 3_143, 75];

  it('read as their pixels, strip by strip', async () => {
    const strips = [floatBytes(pixels.slice(0, 2)), floatBytes(pixels.slice(2, 4)), floatBytes(pixels.slice(4))];
    const file = geoTiffWithStrips(
      2,
      3,
      1,
      8,
      strips.map((strip) => new Uint8Array(deflateSync(strip))),
    );
    const grid = await readPopulationGeoTiff(file.slice().buffer);
    expect(Array.from(grid.values)).toEqual(pixels);
    expect(grid).toMatchObject({ width: 2, height: 3, originLon: 105, originLat: 20 });
    const dem = await readElevationGeoTiff(file, 'dem.tif');
    expect(Array.from(dem.heightsM)).toEqual(pixels);
  });

  it('read a file whose strip inflates to 64 MB without inflating it (a zip bomb of 65 KB)', async () => {
    const bomb = new Uint8Array(64 << 20);
    bomb.set(floatBytes(pixels));
    const stream = new Uint8Array(deflateSync(bomb, { level: 9 }));
    // A wrong checksum at the very end: only a reader that inflates all 64 MB meets it (geotiff.js's own decoder
    // refused the file for it).
    stream[stream.length - 1] ^= 1;
    const file = geoTiffWithStrips(2, 3, 3, 8, [stream]);
    expect(file.length).toBeLessThan(70_000);
    expect(Array.from((await readPopulationGeoTiff(file.slice().buffer)).values)).toEqual(pixels);
    expect(Array.from((await readElevationGeoTiff(file, 'bomb.tif')).heightsM)).toEqual(pixels);
  });

  it('read a single strip whose RowsPerStrip is 2^32 - 1 (the TIFF default, "one strip")', async () => {
    const file = geoTiffWithStrips(2, 3, 0xffff_ffff, 8, [new Uint8Array(deflateSync(floatBytes(pixels)))]);
    expect(Array.from((await readPopulationGeoTiff(file.slice().buffer)).values)).toEqual(pixels);
    expect(Array.from((await readElevationGeoTiff(file, 'one-strip.tif')).heightsM)).toEqual(pixels);
  });

  it('refuse a damaged strip, naming the reason', async () => {
    const strip = new Uint8Array(deflateSync(floatBytes(pixels)));
    strip[strip.length - 2] ^= 0xff;
    const file = geoTiffWithStrips(2, 3, 3, 8, [strip]);
    await expect(readPopulationGeoTiff(file.slice().buffer)).rejects.toThrow(
      /cannot decode the raster \(damaged Deflate data/,
    );
  });
});
