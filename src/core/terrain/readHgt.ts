import { resolveCrs } from '../crs/crsDefinitions';
import { describeZipFailure, formatBytes, unzipChecked, ZipArchiveError } from '../io/unzipChecked';
import { ElevationFileError } from './elevationFileError';
import type { ElevationRaster } from './elevationRaster';

/** SRTM's void marker. */
const HGT_VOID = -32768;
/** Samples per side of a 1 arc-second tile (SRTM1, ~30 m) and of a 3 arc-second tile (SRTM3, ~90 m). */
const SIDE_1_ARCSEC = 3601;
const SIDE_3_ARCSEC = 1201;
/** The largest .hgt a zip may inflate to: one 1″ tile. */
const MAX_HGT_BYTES = SIDE_1_ARCSEC * SIDE_1_ARCSEC * 2;

/**
 * Read an SRTM tile: a `.hgt` (big-endian int16, row-major from the north-west corner) or a `.hgt.zip` holding one
 * `.hgt`. The resolution comes from the byte length (1201² samples: 3″, 3601²: 1″); the tile's south-west corner from
 * the file name (`N21E105.hgt`, `S05W070.hgt`, also `N21E105.SRTMGL1.hgt.zip`; inside a zip the entry's name is used
 * first). Values sit ON grid points: the first sample is at (lat + 1, lon) exactly, and the edges repeat the
 * neighbouring tiles' edges. -32768 is a void (NaN).
 * Throws ElevationFileError for a wrong size, a name that gives no corner, or a zip without exactly one .hgt.
 */
export function readHgt(bytes: Uint8Array, fileName: string): ElevationRaster {
  let tileBytes = bytes;
  let tileName = baseName(fileName);
  if (isZip(bytes)) {
    const inner = unzipSingleHgt(bytes);
    tileBytes = inner.bytes;
    if (parseHgtCorner(inner.name) !== null) tileName = baseName(inner.name);
  }
  const side =
    tileBytes.length === SIDE_3_ARCSEC * SIDE_3_ARCSEC * 2
      ? SIDE_3_ARCSEC
      : tileBytes.length === SIDE_1_ARCSEC * SIDE_1_ARCSEC * 2
        ? SIDE_1_ARCSEC
        : 0;
  if (side === 0) {
    throw new ElevationFileError(
      `an SRTM .hgt tile is ${SIDE_3_ARCSEC * SIDE_3_ARCSEC * 2} bytes (3″, 1201 x 1201) or ` +
        `${SIDE_1_ARCSEC * SIDE_1_ARCSEC * 2} bytes (1″, 3601 x 3601); this one is ${tileBytes.length} bytes`,
      { code: 'hgtSize', params: { bytes: tileBytes.length } },
    );
  }
  const corner = parseHgtCorner(tileName);
  if (corner === null) {
    throw new ElevationFileError(
      `the name '${tileName}' gives no tile corner (expected an SRTM name such as N21E105.hgt or S05W070.hgt)`,
      { code: 'hgtName', params: { name: tileName } },
    );
  }
  const view = new DataView(tileBytes.buffer, tileBytes.byteOffset, tileBytes.byteLength);
  const heightsM = new Float32Array(side * side);
  for (let i = 0; i < heightsM.length; i++) {
    const value = view.getInt16(i * 2, false);
    heightsM[i] = value === HGT_VOID ? Number.NaN : value;
  }
  const spacingDeg = 1 / (side - 1);
  return {
    name: tileName,
    width: side,
    height: side,
    firstSampleX: corner.lonDeg,
    firstSampleY: corner.latDeg + 1,
    spacingX: spacingDeg,
    spacingY: spacingDeg,
    heightsM,
    crs: resolveCrs('EPSG:4326'),
    samplesAt: 'grid-point',
  };
}

/** The south-west corner an SRTM name gives (N21E105 → 21°N 105°E; S05W070 → 5°S 70°W), null if none. */
export function parseHgtCorner(name: string): { lonDeg: number; latDeg: number } | null {
  const match = /^([NS])(\d{1,2})([EW])(\d{1,3})(?![0-9])/i.exec(baseName(name));
  if (!match) return null;
  const latDeg = Number(match[2]) * (match[1].toUpperCase() === 'S' ? -1 : 1);
  const lonDeg = Number(match[4]) * (match[3].toUpperCase() === 'W' ? -1 : 1);
  if (latDeg < -90 || latDeg > 89 || lonDeg < -180 || lonDeg > 179) return null;
  return { lonDeg, latDeg };
}

function unzipSingleHgt(bytes: Uint8Array): { name: string; bytes: Uint8Array } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipChecked(bytes, (name) => name.toLowerCase().endsWith('.hgt'), {
      maxEntryBytes: MAX_HGT_BYTES,
      maxTotalBytes: MAX_HGT_BYTES,
    });
  } catch (error) {
    const detail = error instanceof ZipArchiveError ? error.message : describeZipFailure(error);
    throw new ElevationFileError(detail, { code: 'zipRefused', params: { detail } });
  }
  const names = Object.keys(files);
  if (names.length !== 1) {
    throw names.length === 0
      ? new ElevationFileError('the zip archive holds no .hgt file', { code: 'zipNoHgt' })
      : new ElevationFileError(`the zip archive holds ${names.length} .hgt files (${names.join(', ')}); expected one`, {
          code: 'zipManyHgt',
          params: { count: names.length, names: names.join(', ') },
        });
  }
  const name = names[0];
  if (files[name].length > MAX_HGT_BYTES) {
    const size = formatBytes(files[name].length);
    throw new ElevationFileError(`'${name}' is ${size}, larger than any SRTM tile`, {
      code: 'hgtTooLarge',
      params: { name, size },
    });
  }
  return { name, bytes: files[name] };
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
