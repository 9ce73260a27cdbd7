import { describe, expect, it } from 'vitest';
import { describeDemFile } from '../../../src/app/terrain/describeDemFile';
import { PopulationFileError } from '../../../src/core/io/populationFileError';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { isNodata } from '../../../src/core/model/populationGrid';
import type { WordedMessage } from '../../../src/core/model/wordedMessage';
import { ElevationFileError } from '../../../src/core/terrain/elevationFileError';
import { readElevationFile } from '../../../src/core/terrain/readElevationFile';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { deflatedZeros, deflatedZerosLength } from '../../fixtures/hostile/makeHostileFiles';

/** A letter only Vietnamese uses among the UI's two languages: the text was worded in Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

interface TiffOptions {
  width: number;
  height: number;
  /** Bits of each sample (default 32) and TIFF SampleFormat (default 3, floating point; 1 unsigned, 2 signed). */
  bitsPerSample?: number;
  sampleFormat?: number;
  /** The SamplesPerPixel tag (default 1) and how many BitsPerSample entries there are (default the same). */
  samplesPerPixel?: number;
  bitsEntries?: number;
  /** The Predictor tag, written only when given. */
  predictor?: number;
  /** TIFF Compression (default 1, none). */
  compression?: number;
  /** GDAL_NODATA, written only when given. */
  nodata?: string;
  rowsPerStrip?: number;
  /** Each strip's bytes; `stripCount` strips all pointing at the first when given (a file of repeated strips). */
  strips: Uint8Array[];
  stripCount?: number;
}

/**
 * A little-endian GeoTIFF written tag by tag, for what geotiff.js's writer cannot write (Predictor, several
 * samples per pixel, compressed strips): EPSG:4326, 0.01° pixels from 105°E 21°N.
 */
function geoTiff(options: TiffOptions): Uint8Array {
  const { width, height, bitsPerSample = 32, sampleFormat = 3, samplesPerPixel = 1, compression = 1 } = options;
  const bitsEntries = options.bitsEntries ?? samplesPerPixel;
  const stripCount = options.stripCount ?? options.strips.length;
  // [tag, type (2 ASCII, 3 SHORT, 4 LONG, 12 DOUBLE), values]; the strips' offsets are filled in below.
  const tags: [number, 2 | 3 | 4 | 12, number[] | string][] = [
    [256, 4, [width]],
    [257, 4, [height]],
    [258, 3, new Array(bitsEntries).fill(bitsPerSample)],
    [259, 3, [compression]],
    [262, 3, [1]],
    [273, 4, []],
    [277, 3, [samplesPerPixel]],
    [278, 4, [options.rowsPerStrip ?? height]],
    [
      279,
      4,
      Array.from({ length: stripCount }, (_, i) => options.strips[Math.min(i, options.strips.length - 1)].length),
    ],
    [339, 3, new Array(bitsEntries).fill(sampleFormat)],
    [33550, 12, [0.01, 0.01, 0]],
    [33922, 12, [0, 0, 0, 105, 21, 0]],
    [34735, 3, [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326]],
  ];
  if (options.predictor !== undefined) tags.push([317, 3, [options.predictor]]);
  if (options.nodata !== undefined) tags.push([42113, 2, options.nodata]);
  tags.sort((a, b) => a[0] - b[0]);
  const stripOffsets: number[] = [];
  let at = 8;
  for (const strip of options.strips) {
    stripOffsets.push(at);
    at += strip.length + (strip.length & 1);
  }
  (tags.find(([tag]) => tag === 273) as [number, 4, number[]])[2] = Array.from(
    { length: stripCount },
    (_, i) => stripOffsets[Math.min(i, stripOffsets.length - 1)],
  );
  const ifdAt = at;
  let extraAt = ifdAt + 2 + tags.length * 12 + 4;
  const size = { 2: 1, 3: 2, 4: 4, 12: 8 } as const;
  const valueBytes = tags.map(([, type, values]) =>
    type === 2 ? (values as string).length + 1 : (values as number[]).length * size[type],
  );
  const file = new Uint8Array(extraAt + valueBytes.reduce((sum, bytes) => sum + bytes + (bytes & 1), 0));
  const view = new DataView(file.buffer);
  file.set([0x49, 0x49]);
  view.setUint16(2, 42, true);
  view.setUint32(4, ifdAt, true);
  options.strips.forEach((strip, i) => {
    file.set(strip, stripOffsets[i]);
  });
  view.setUint16(ifdAt, tags.length, true);
  tags.forEach(([tag, type, values], k) => {
    const entry = ifdAt + 2 + 12 * k;
    const bytes = valueBytes[k];
    const count = type === 2 ? bytes : (values as number[]).length;
    const where = bytes <= 4 ? entry + 8 : extraAt;
    view.setUint16(entry, tag, true);
    view.setUint16(entry + 2, type, true);
    view.setUint32(entry + 4, count, true);
    if (bytes > 4) {
      view.setUint32(entry + 8, extraAt, true);
      extraAt += bytes + (bytes & 1);
    }
    if (type === 2) file.set(new TextEncoder().encode(values as string), where);
    else {
      (values as number[]).forEach((value, i) => {
        if (type === 3) view.setUint16(where + 2 * i, value, true);
        else if (type === 4) view.setUint32(where + 4 * i, value, true);
        else view.setFloat64(where + 8 * i, value, true);
      });
    }
  });
  return file;
}

/** Values as little-endian samples of `bits` bits and a TIFF sample format (1 unsigned, 2 signed, 3 float). */
function samples(values: number[], bits: 16 | 32 | 64, format: 1 | 2 | 3): Uint8Array {
  const bytes = new Uint8Array((values.length * bits) / 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    const at = (i * bits) / 8;
    if (format === 3) {
      if (bits === 32) view.setFloat32(at, value, true);
      else view.setFloat64(at, value, true);
    } else if (bits === 16) {
      if (format === 2) view.setInt16(at, value, true);
      else view.setUint16(at, value, true);
    } else if (format === 2) view.setInt32(at, value, true);
    else view.setUint32(at, value, true);
  });
  return bytes;
}

/**
 * Float32 rows written with the floating-point predictor (Predictor 3, Adobe Technical Note 3): each row's bytes
 * split into planes, most significant first, then each byte stored as its difference from the one before.
 */
function floatPredicted(values: number[], width: number): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(new ArrayBuffer(4));
  for (let row = 0; row < values.length / width; row++) {
    const planes = new Uint8Array(width * 4);
    for (let column = 0; column < width; column++) {
      view.setFloat32(0, values[row * width + column], false);
      for (let b = 0; b < 4; b++) planes[b * width + column] = view.getUint8(b);
    }
    for (let i = planes.length - 1; i > 0; i--) planes[i] = (planes[i] - planes[i - 1]) & 0xff;
    out.set(planes, row * width * 4);
  }
  return out;
}

/** A zlib stream of `bytes` zeros (deflatedZeros with zlib's header and Adler-32), a few KB per 4 MiB. */
function zlibZeros(bytes: number): Uint8Array {
  const raw = deflatedZeros(bytes);
  const stream = new Uint8Array(2 + raw.length + 4);
  stream.set([0x78, 0x01]);
  stream.set(raw, 2);
  const zeros = deflatedZerosLength(bytes);
  new DataView(stream.buffer).setUint32(stream.length - 4, ((zeros % 65521) * 65536 + 1) >>> 0, false);
  return stream;
}

const population = (bytes: Uint8Array) => readPopulationGeoTiff(bytes.slice().buffer);

/** The elevation reader's refusal as the DEM screen keeps it (reason, code, values). */
async function demRefusal(bytes: Uint8Array): Promise<WordedMessage> {
  const read = await readElevationFile(bytes, 'x.tif');
  if (!('error' in read)) throw new Error('the DEM was read');
  const { error, ...coded } = read;
  return { reason: error, ...coded };
}

/** The DEM screen's Vietnamese line for a refusal, without the file name and "Không dùng được — ". */
function vietnameseReason(refusal: WordedMessage): string {
  const line = describeDemFile({ fileName: 'x.tif', status: 'refused', summary: null, ...refusal }, 'vi');
  expect(line).toMatch(/^x\.tif: Không dùng được — /);
  expect(line).not.toContain('tiếng Anh');
  expect(line).toMatch(VIETNAMESE);
  return line.slice('x.tif: Không dùng được — '.length);
}

describe('GeoTIFFs with more than one band', () => {
  /**
   * The audit's file: 4096 x 4096 pixels of 16 Float64 samples, 64 Deflate strips of zeros (2 MB), which geotiff.js
   * inflated whole (2 GiB) to read the first sample; the size checks counted one sample per pixel.
   */
  const sixteenBands = geoTiff({
    width: 4096,
    height: 4096,
    bitsPerSample: 64,
    samplesPerPixel: 16,
    compression: 8,
    rowsPerStrip: 64,
    strips: [zlibZeros(64 * 4096 * 16 * 8)],
    stripCount: 64,
  });

  it('16 Float64 samples per pixel (2 GiB once inflated) are refused from the header (was 15 s and 2.3 GB)', async () => {
    expect(sixteenBands.length).toBeLessThan(300_000);
    const start = performance.now();
    await expect(population(sixteenBands)).rejects.toThrow(
      new PopulationFileError(
        'the raster has 16 bands (samples per pixel); a population raster has one band, of counts (keep that band, ' +
          'e.g. gdal_translate -b 1)',
      ),
    );
    const refusal = await demRefusal(sixteenBands);
    expect(refusal).toEqual({
      reason:
        'the raster has 16 bands (samples per pixel); an elevation raster has one band, of heights (keep that band, ' +
        'e.g. gdal_translate -b 1)',
      code: 'bandCount',
      params: { bands: 16 },
    });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(vietnameseReason(refusal)).toBe(
      'ảnh có 16 băng (số mẫu trên mỗi điểm ảnh); DEM chỉ có một băng độ cao (hãy giữ lại băng đó, ví dụ ' +
        'gdal_translate -b 1)',
    );
  });

  it('counts the bands BitsPerSample gives, which the decoders inflate, when SamplesPerPixel says one', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      bitsEntries: 2,
      strips: [samples([1, 10, 2, 20, 3, 30, 4, 40], 32, 3)],
    });
    await expect(population(bytes)).rejects.toThrow(/^the raster has 2 bands/);
    await expect(readElevationGeoTiff(bytes, 'x.tif')).rejects.toThrow(/^the raster has 2 bands/);
  });

  it('a Float64 DEM may have half the pixels, its band being bounded by its decoded bytes (256 MiB)', async () => {
    // 6,000 x 6,000 = 36 M pixels: within the 64 M of 2- and 4-byte samples, 288 MB decoded as Float64.
    const bytes = geoTiff({ width: 6000, height: 6000, bitsPerSample: 64, strips: [new Uint8Array(8)] });
    const refusal = await demRefusal(bytes);
    expect(refusal.reason).toBe(
      'the raster is 6,000 x 6,000 pixels; an elevation raster needs at least 2 x 2 and at most 33,554,432 pixels ' +
        'of 8-byte values (cut it to the area of interest, e.g. gdal_translate -projwin)',
    );
    expect(refusal.params).toEqual({ width: 6000, height: 6000, max: 33_554_432 });
  });
});

describe('predictors that do not fit the samples', () => {
  // An Int16 raster of 100s written with the floating-point predictor: geotiff.js undid it byte-wise, and the
  // audit's 600 x 600 DEM of 100 m came out from -9,590 to 17,010 m, its 200 x 200 population as -14,244,800 people.
  const int16Predictor3 = geoTiff({
    width: 2,
    height: 2,
    bitsPerSample: 16,
    sampleFormat: 2,
    predictor: 3,
    strips: [samples([100, 100, 100, 100], 16, 2)],
  });

  it('refuses the floating-point predictor on integer samples, before decoding', async () => {
    await expect(population(int16Predictor3)).rejects.toThrow(
      'the raster declares the floating-point predictor (Predictor 3) for 16-bit signed integer values; it applies ' +
        'only to floating-point values, so the values cannot be restored (a damaged or mis-written file: write it ' +
        'again, e.g. gdal_translate -co PREDICTOR=2)',
    );
    const refusal = await demRefusal(int16Predictor3);
    expect(refusal.code).toBe('predictorMismatch');
    expect(refusal.params).toEqual({ bits: 16, sampleFormat: 2 });
    expect(vietnameseReason(refusal)).toMatch(
      /^tệp ghi bộ dự đoán số thực \(Predictor 3\) cho giá trị 16 bit kiểu số nguyên có dấu; bộ này chỉ dùng cho số thực/,
    );
  });

  it('refuses a predictor TIFF does not define (geotiff.js read the differences as values)', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      bitsPerSample: 16,
      sampleFormat: 2,
      predictor: 7,
      strips: [samples([100, 0, 0, 0], 16, 2)],
    });
    await expect(population(bytes)).rejects.toThrow(/^the raster declares Predictor 7, which TIFF does not define/);
    const refusal = await demRefusal(bytes);
    expect(refusal.code).toBe('unknownPredictor');
    expect(vietnameseReason(refusal)).toMatch(/^tệp ghi Predictor 7, giá trị TIFF không định nghĩa/);
  });

  it('reads the floating-point predictor on Float32 samples, value for value', async () => {
    const values = [1.5, 2.25, 1000.125, 0, 7, 3.5];
    const bytes = geoTiff({ width: 3, height: 2, predictor: 3, strips: [floatPredicted(values, 3)] });
    expect(Array.from((await population(bytes)).values)).toEqual(values);
    expect(Array.from((await readElevationGeoTiff(bytes, 'x.tif')).heightsM)).toEqual(values);
  });

  it('reads the horizontal predictor on Int16 samples (each the difference from the one before)', async () => {
    // Rows 10, 12, 15 and 20, 20, 19: written as 10, 2, 3 and 20, 0, -1.
    const bytes = geoTiff({
      width: 3,
      height: 2,
      bitsPerSample: 16,
      sampleFormat: 2,
      predictor: 2,
      strips: [samples([10, 2, 3, 20, 0, -1], 16, 2)],
    });
    expect(Array.from((await readElevationGeoTiff(bytes, 'x.tif')).heightsM)).toEqual([10, 12, 15, 20, 20, 19]);
  });
});

describe('population cells that are no count', () => {
  it('refuses negative and infinite cells, naming how many and the first (the total was null, or negative)', async () => {
    const bytes = geoTiff({
      width: 3,
      height: 2,
      nodata: '-99999',
      strips: [samples([1.5, -2, Number.POSITIVE_INFINITY, -99999, Number.NaN, 4], 32, 3)],
    });
    await expect(population(bytes)).rejects.toThrow(
      new PopulationFileError(
        '2 cells hold values that no population count takes (negative or infinite; the first, at column 1, row 0, ' +
          "is -2): if they mark cells without data, declare that value as the raster's nodata (e.g. gdal_edit " +
          '-a_nodata VALUE FILE.tif)',
      ),
    );
  });

  it('refuses one cell of -Infinity in a raster without nodata, in the singular', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      strips: [samples([0, 1, 2, Number.NEGATIVE_INFINITY], 32, 3)],
    });
    await expect(population(bytes)).rejects.toThrow(
      /^1 cell holds a value that no population count takes \(negative or infinite; the first, at column 1, row 1, is -Infinity\): if it marks a cell/,
    );
  });

  it('reads nodata and NaN as no population: the total is the other cells, by hand 1.5 + 2.5 + 0 + 4 = 8', async () => {
    const bytes = geoTiff({
      width: 3,
      height: 2,
      nodata: '-99999',
      strips: [samples([1.5, 2.5, -99999, Number.NaN, 0, 4], 32, 3)],
    });
    const grid = await population(bytes);
    let total = 0;
    for (const value of grid.values) if (!isNodata(grid, value)) total += value;
    expect(total).toBe(8);
  });

  it('reads an Int16 raster whose nodata is negative: by hand 5 + 7 + 0 = 12 people', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      bitsPerSample: 16,
      sampleFormat: 2,
      nodata: '-32768',
      strips: [samples([-32768, 5, 7, 0], 16, 2)],
    });
    const grid = await population(bytes);
    expect(grid.nodata).toBe(-32768);
    let total = 0;
    for (const value of grid.values) if (!isNodata(grid, value)) total += value;
    expect(total).toBe(12);
  });
});

describe('DEM heights that are no ground', () => {
  it('refuses a DEM whose every sample is its nodata (it was flat ground at 0 m, without a word)', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      bitsPerSample: 16,
      sampleFormat: 2,
      nodata: '100',
      strips: [samples([100, 100, 100, 100], 16, 2)],
    });
    await expect(readElevationGeoTiff(bytes, 'x.tif')).rejects.toThrow(ElevationFileError);
    await expect(readElevationGeoTiff(bytes, 'x.tif')).rejects.toThrow(
      'every sample is a void (the nodata value 100, or NaN): the DEM holds no height',
    );
    const refusal = await demRefusal(bytes);
    expect(refusal.code).toBe('allVoid');
    expect(vietnameseReason(refusal)).toBe('mọi điểm đều trống (nodata)');
  });

  it('refuses a DEM of NaN only, without a nodata value', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      strips: [samples([Number.NaN, Number.NaN, Number.NaN, Number.NaN], 32, 3)],
    });
    await expect(readElevationGeoTiff(bytes, 'x.tif')).rejects.toThrow(
      'every sample is a void (NaN): the DEM holds no height',
    );
  });

  it('refuses heights outside -500 to 9,000 m, counting them and naming the likely void value', async () => {
    // -32768 is SRTM's void, undeclared here; 9,001 m is above any summit.
    const bytes = geoTiff({
      width: 3,
      height: 2,
      bitsPerSample: 16,
      sampleFormat: 2,
      strips: [samples([-32768, 10, 9001, -32768, 20, 30], 16, 2)],
    });
    const refusal = await demRefusal(bytes);
    expect(refusal).toEqual({
      reason:
        '3 of 6 samples are outside any ground height (-500 to 9000 m; the values run from -32768 to 9001): it is ' +
        "not an elevation raster (a population grid?), or its voids are not declared (if -32768 marks voids, declare it as the raster's nodata, e.g. " +
        'gdal_edit -a_nodata -32768 FILE.tif)',
      code: 'heightsOutOfRange',
      params: { count: 3, total: 6, min: -32768, max: 9001, low: -500, high: 9000, suspect: -32768 },
    });
    expect(vietnameseReason(refusal)).toBe(
      '3 trên 6 điểm nằm ngoài mọi độ cao mặt đất (-500 đến 9.000 m; giá trị từ -32.768 đến 9.001): đây không phải ' +
        'ảnh độ cao (lưới dân số?), hoặc điểm trống chưa được khai báo (nếu -32.768 đánh dấu điểm trống, hãy khai báo ' +
        'nó là nodata, ví dụ gdal_edit -a_nodata -32768 TỆP.tif)',
    );
  });

  it('reads heights at the range ends, and the same voids once declared, as NaN', async () => {
    const bytes = geoTiff({
      width: 3,
      height: 2,
      bitsPerSample: 16,
      sampleFormat: 2,
      nodata: '-32768',
      strips: [samples([-32768, -500, 9000, -32768, 0, 3143], 16, 2)],
    });
    const raster = await readElevationGeoTiff(bytes, 'x.tif');
    expect(Array.from(raster.heightsM)).toEqual([Number.NaN, -500, 9000, Number.NaN, 0, 3143]);
  });
});
