import type { GeoTIFFImage } from 'geotiff';

/** TIFF Predictor (tag 317) values: none, horizontal differencing, floating point (Adobe Technical Note 3). */
const PREDICTOR_NONE = 1;
const PREDICTOR_HORIZONTAL = 2;
const PREDICTOR_FLOATING_POINT = 3;
/** TIFF SampleFormat (tag 339) values, by name for the messages; 1 (unsigned integer) when the tag is absent. */
const SAMPLE_FORMAT_NAMES: Record<number, string> = {
  1: 'unsigned integer',
  2: 'signed integer',
  3: 'floating-point',
};
const SAMPLE_FORMAT_FLOAT = 3;

/** How the one band of a raster's pixels is stored, from its header. */
export interface SingleBandSamples {
  /** Bits of one sample (TIFF's default, 1, when the header names none). */
  bitsPerSample: number;
  /** Bytes one sample takes once decoded (geotiff.js rounds each sample up to whole bytes). */
  bytesPerSample: number;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 floating point. */
  sampleFormat: number;
}

/** Why a raster's samples cannot be read as one band of values, as a sentence, with a code for the UI's words. */
export interface SingleBandProblem {
  problem: string;
  code: 'bandCount' | 'unknownPredictor' | 'predictorMismatch';
  params: Record<string, string | number>;
}

const VALUES_OF = { population: 'counts', elevation: 'heights' } as const;

/**
 * The layout of a population or elevation raster's samples, checked from the header before anything is decoded, or
 * why it cannot be read (SingleBandProblem, a sentence for the reader's own error class):
 * - more than one sample per pixel ('bandCount'): the readers take one band of counts or heights, and geotiff.js
 *   inflates every sample of an interleaved block to read the first (a 2 MB file of 16 Float64 samples per pixel held
 *   2.3 GB for 15 s), so the size checks, which count one sample per pixel, would not bound it. The samples are
 *   counted from both SamplesPerPixel and BitsPerSample: the decoders size a block by the latter.
 * - a Predictor TIFF does not define ('unknownPredictor'): geotiff.js leaves the differences in place, read as values.
 * - the floating-point predictor on integer samples ('predictorMismatch'): geotiff.js undoes it byte-wise anyway,
 *   which turned an Int16 DEM of 100 m into heights of -9,590 to 17,010 m (libtiff refuses such a file).
 * The horizontal predictor (2) is allowed on any sample type: libtiff and GDAL apply it to floating-point samples as
 *   integers of the same width (WorldPop's Float32 rasters use it), and geotiff.js undoes it the same way.
 */
export async function singleBandSamples(
  image: GeoTIFFImage,
  kind: 'population' | 'elevation',
): Promise<SingleBandSamples | SingleBandProblem> {
  const bitsList = image.fileDirectory.getValue('BitsPerSample') as ArrayLike<number> | undefined;
  const bands = Math.max(image.getSamplesPerPixel(), bitsList?.length ?? 1);
  if (bands !== 1) {
    return {
      problem:
        `the raster has ${bands.toLocaleString('en')} bands (samples per pixel); ${kind === 'population' ? 'a population' : 'an elevation'} ` +
        `raster has one band, of ${VALUES_OF[kind]} (keep that band, e.g. gdal_translate -b 1)`,
      code: 'bandCount',
      params: { bands },
    };
  }
  const bitsPerSample = bitsList?.[0] ?? 1;
  const sampleFormat = image.getSampleFormat(0) ?? 1;
  // Not among the tags geotiff.js reads with the header: loaded on demand, as its decoders do.
  const predictor: unknown = (await image.fileDirectory.loadValue('Predictor')) ?? PREDICTOR_NONE;
  // 0 is no predictor to geotiff.js as to this check (it reads a missing or zero Predictor as 1).
  if (predictor !== 0 && predictor !== PREDICTOR_NONE && predictor !== PREDICTOR_HORIZONTAL) {
    if (predictor !== PREDICTOR_FLOATING_POINT) {
      return {
        problem:
          `the raster declares Predictor ${String(predictor)}, which TIFF does not define (1 none, 2 horizontal, 3 ` +
          'floating point): its values cannot be restored (a damaged file?)',
        code: 'unknownPredictor',
        params: { predictor: String(predictor) },
      };
    }
    if (sampleFormat !== SAMPLE_FORMAT_FLOAT) {
      const format = SAMPLE_FORMAT_NAMES[sampleFormat] ?? `sample format ${sampleFormat}`;
      return {
        problem:
          `the raster declares the floating-point predictor (Predictor 3) for ${bitsPerSample}-bit ${format} ` +
          'values; it applies only to floating-point values, so the values cannot be restored (a damaged or ' +
          'mis-written file: write it again, e.g. gdal_translate -co PREDICTOR=2)',
        code: 'predictorMismatch',
        params: { bits: bitsPerSample, sampleFormat },
      };
    }
  }
  return { bitsPerSample, bytesPerSample: Math.ceil(bitsPerSample / 8), sampleFormat };
}
