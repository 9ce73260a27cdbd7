import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTiffLerc, maxLercBlobBytes } from '../../../src/core/io/decodeTiffLerc';
import { decodeTiffZstd, initTiffZstd } from '../../../src/core/io/decodeTiffZstd';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { geoTiffWithStrips, lercFloat32Blob, zstdFrame } from '../../fixtures/hostile/makeHostileFiles';

const floats = (bytes: Uint8Array) => Array.from(new Float32Array(bytes.slice().buffer));
/** Heights of a 3 x 2 block, in metres. */
const HEIGHTS = Float32Array.from([12.5, 14, 13.25, 901, 902.5, 0]);

describe('decodeTiffLerc', () => {
  it('decodes LERC 2 blobs of versions 2, 3 (with its checksum) and 4 into the block', () => {
    for (const version of [2, 3, 4] as const) {
      expect(floats(decodeTiffLerc(lercFloat32Blob(3, 2, HEIGHTS, version), 24, 0, true))).toEqual(Array.from(HEIGHTS));
      expect(floats(decodeTiffLerc(lercFloat32Blob(3, 2, 7.5, version), 24, undefined, true))).toEqual(
        new Array(6).fill(7.5),
      );
    }
  });

  it("undoes the blob's own Deflate or Zstandard compression (the LercParameters tag's second value)", async () => {
    await initTiffZstd();
    const blob = lercFloat32Blob(3, 2, HEIGHTS);
    expect(floats(decodeTiffLerc(deflateSync(blob), 24, 1, true))).toEqual(Array.from(HEIGHTS));
    expect(floats(decodeTiffLerc(zstdFrame([blob]), 24, 2, true))).toEqual(Array.from(HEIGHTS));
    expect(() => decodeTiffLerc(blob, 24, 3, true)).toThrow('unsupported LERC additional compression 3');
    // Within twice the block: a Zstandard frame of more is refused before LERC sees it.
    expect(() => decodeTiffLerc(zstdFrame([blob, [0, maxLercBlobBytes(24)]]), 24, 2, true)).toThrow(
      /more than the block's/,
    );
    expect(decodeTiffZstd(zstdFrame([blob]), maxLercBlobBytes(24))).toHaveLength(blob.length);
  });

  it('refuses a blob that declares more than the block, before allocating it (one took lerc 1 s and 1.6 GB)', () => {
    const started = performance.now();
    expect(() => decodeTiffLerc(lercFloat32Blob(20_000, 20_000, 5), 16, 0, true)).toThrow(
      'a LERC blob declaring 20,000 x 20,000 pixels of 4 byte(s) in a block of 16 bytes',
    );
    expect(() => decodeTiffLerc(lercFloat32Blob(5, 1, 5), 16, 0, true)).toThrow(/5 x 1 pixels/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('decodes only the first blob of a block: a hundred copies cost one', () => {
    const blob = lercFloat32Blob(3, 2, HEIGHTS);
    const many = new Uint8Array(blob.length * 100);
    for (let i = 0; i < 100; i++) many.set(blob, i * blob.length);
    expect(floats(decodeTiffLerc(many, 24, 0, true))).toEqual(Array.from(HEIGHTS));
  });

  it('refuses damaged headers with the reason: a micro-block size of 0 (a loop without end), sizes, versions', () => {
    expect(() => decodeTiffLerc(lercFloat32Blob(3, 2, HEIGHTS, 3, { microBlockSize: 0 }), 24, 0, true)).toThrow(
      'damaged LERC data (micro-block size 0, 6 valid pixels)',
    );
    expect(() => decodeTiffLerc(lercFloat32Blob(3, 2, HEIGHTS, 3, { validPixels: 7 }), 24, 0, true)).toThrow(
      /7 valid pixels/,
    );
    const blob = lercFloat32Blob(3, 2, HEIGHTS);
    expect(() => decodeTiffLerc(blob.subarray(0, blob.length - 1), 24, 0, true)).toThrow(/a blob of \d+ bytes in/);
    expect(() => decodeTiffLerc(blob.subarray(0, 30), 24, 0, true)).toThrow(/no LERC 2 header|cut short/);
    const version9 = blob.slice();
    new DataView(version9.buffer).setInt32(6, 9, true);
    expect(() => decodeTiffLerc(version9, 24, 0, true)).toThrow('unsupported LERC version 2.9');
    const badChecksum = blob.slice();
    badChecksum[blob.length - 1] ^= 1;
    expect(() => decodeTiffLerc(badChecksum, 24, 0, true)).toThrow('damaged LERC data (Checksum failed.)');
    const lerc1 = new TextEncoder().encode('CntZImage '.padEnd(80, '\0'));
    expect(() => decodeTiffLerc(lerc1, 24, 0, true)).toThrow(/LERC 1 blocks are not supported/);
  });
});

describe('LERC GeoTIFFs through the readers', () => {
  it('read as their pixels, strip by strip, with the blobs deflated or not', async () => {
    const strips = [0, 1, 2].map((row) => lercFloat32Blob(2, 1, HEIGHTS.slice(2 * row, 2 * row + 2)));
    for (const [addCompression, stored] of [
      [0, strips],
      [1, strips.map((strip) => new Uint8Array(deflateSync(strip)))],
    ] as const) {
      const file = geoTiffWithStrips(2, 3, 1, 34887, [...stored], { lercParameters: [3, addCompression] });
      expect(Array.from((await readPopulationGeoTiff(file.slice().buffer)).values)).toEqual(Array.from(HEIGHTS));
      expect(Array.from((await readElevationGeoTiff(file, 'lerc.tif')).heightsM)).toEqual(Array.from(HEIGHTS));
    }
  });
});
