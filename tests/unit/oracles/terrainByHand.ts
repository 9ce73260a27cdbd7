/**
 * The terrain contract of `cosite pathloss --terrain` and `cosite viewshed`, written out by hand for tests, sharing
 * nothing with src/core/terrain: heights read from the raw big-endian bytes of a 3″ .hgt tile, profile points by
 * the initial bearing and the destination-point formula (not by interpolating vectors), Bullington's sums as plain
 * arrays and Math.max.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** A 3″ SRTM tile as raw bytes and its north-west corner (lat + 1, lon). */
export interface HgtTileByHand {
  bytes: Uint8Array;
  northLat: number;
  westLon: number;
}

/** The signed big-endian int16 at (row, column); throws on a void, so a test path must avoid them. */
export function hgtSampleByHand(tile: HgtTileByHand, row: number, column: number): number {
  const offset = (row * 1201 + column) * 2;
  const unsigned = tile.bytes[offset] * 256 + tile.bytes[offset + 1];
  const value = unsigned >= 32768 ? unsigned - 65536 : unsigned;
  if (value === -32768) throw new Error(`void at row ${row}, column ${column}`);
  return value;
}

/** Bilinear height at a point of the tile: row = (north - lat) * 1200, column = (lon - west) * 1200. */
export function hgtHeightByHand(tile: HgtTileByHand, lonDeg: number, latDeg: number): number {
  const y = (tile.northLat - latDeg) * 1200;
  const x = (lonDeg - tile.westLon) * 1200;
  const row = Math.min(Math.floor(y), 1199);
  const column = Math.min(Math.floor(x), 1199);
  const down = y - row;
  const right = x - column;
  return (
    hgtSampleByHand(tile, row, column) * (1 - right) * (1 - down) +
    hgtSampleByHand(tile, row, column + 1) * right * (1 - down) +
    hgtSampleByHand(tile, row + 1, column) * (1 - right) * down +
    hgtSampleByHand(tile, row + 1, column + 1) * right * down
  );
}

export function haversineByHand(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const h =
    Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 +
    Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

/** The point `distanceM` along the great circle from (lon1, lat1) towards (lon2, lat2): bearing, then destination. */
export function pointAlongByHand(
  lon1: number,
  lat1: number,
  lon2: number,
  lat2: number,
  distanceM: number,
): [number, number] {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const bearing = Math.atan2(
    Math.sin(dl) * Math.cos(p2),
    Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl),
  );
  const angle = distanceM / EARTH_RADIUS_M;
  const lat = Math.asin(Math.sin(p1) * Math.cos(angle) + Math.cos(p1) * Math.sin(angle) * Math.cos(bearing));
  const lon =
    lon1 * RAD +
    Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(p1), Math.cos(angle) - Math.sin(p1) * Math.sin(lat));
  return [lon / RAD, lat / RAD];
}

/** N = ceil(d / s) with s the 3″ tile's smaller spacing at the mid latitude; heights at d·i/N. */
export function hgtProfileByHand(tile: HgtTileByHand, lon1: number, lat1: number, lon2: number, lat2: number) {
  const distanceM = haversineByHand(lon1, lat1, lon2, lat2);
  const midLat = (lat1 + lat2) / 2;
  const spacingM = Math.min(
    (1 / 1200) * RAD * EARTH_RADIUS_M * Math.cos(midLat * RAD),
    (1 / 1200) * RAD * EARTH_RADIUS_M,
  );
  const steps = Math.ceil(distanceM / spacingM);
  const heights: number[] = [];
  const distancesKm: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const along = (distanceM * i) / steps;
    const [lon, lat] =
      i === 0 ? [lon1, lat1] : i === steps ? [lon2, lat2] : pointAlongByHand(lon1, lat1, lon2, lat2, along);
    heights.push(hgtHeightByHand(tile, lon, lat));
    distancesKm.push(along / 1000);
  }
  return { distanceM, spacingM, steps, heights, distancesKm };
}

/** J(ν) of P.526-15. */
export function jByHand(nu: number): number {
  return nu > -0.78 ? 6.9 + 20 * Math.log10(Math.sqrt((nu - 0.1) ** 2 + 1) + nu - 0.1) : 0;
}

/** Bullington of P.526-15 §4.5.1 over the intermediate points, as the contract writes it. */
export function bullingtonByHand(
  heights: number[],
  distancesKm: number[],
  hts: number,
  hrs: number,
  frequencyMHz: number,
  k: number,
) {
  const d = distancesKm[distancesKm.length - 1];
  const ce = 1 / (k * 6371);
  const lambda = 299.792458 / frequencyMHz;
  const inner = heights.slice(1, -1).map((h, j) => ({ h, di: distancesKm[j + 1] }));
  const bulge = (di: number) => 500 * ce * di * (d - di);
  const sTim = Math.max(...inner.map(({ h, di }) => (h + bulge(di) - hts) / di));
  const sTr = (hrs - hts) / d;
  let nu: number;
  if (sTim < sTr) {
    nu = Math.max(
      ...inner.map(
        ({ h, di }) =>
          (h + bulge(di) - (hts * (d - di) + hrs * di) / d) * Math.sqrt((0.002 * d) / (lambda * di * (d - di))),
      ),
    );
  } else {
    const sRim = Math.max(...inner.map(({ h, di }) => (h + bulge(di) - hrs) / (d - di)));
    const db = (hrs - hts + sRim * d) / (sTim + sRim);
    nu = (hts + sTim * db - (hts * (d - db) + hrs * db) / d) * Math.sqrt((0.002 * d) / (lambda * db * (d - db)));
  }
  const luc = jByHand(nu);
  return {
    lineOfSight: sTim < sTr,
    sTim,
    sTr,
    nu,
    luc,
    diffractionDb: luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * d),
  };
}

/** 32.44 + 20 log10 F + 20 log10 d3D(km). */
export function freeSpaceByHand(frequencyMHz: number, distanceM: number, hts: number, hrs: number): number {
  return 32.44 + 20 * Math.log10(frequencyMHz) + 20 * Math.log10(Math.hypot(distanceM, hts - hrs) / 1000);
}

/** A regular lon/lat grid with its ground at the cell centres, as the coverage engine's terrain holds it. */
export interface GroundGridByHand {
  width: number;
  height: number;
  originLon: number;
  originLat: number;
  cellSizeLonDeg: number;
  cellSizeLatDeg: number;
  groundM: ArrayLike<number>;
}

/** Ground at fractional cell coordinates (cell centres are the samples), bilinear, clamped at the edges. */
export function groundAtByHand(grid: GroundGridByHand, x: number, y: number): number {
  const cx = Math.min(Math.max(x, 0), grid.width - 1);
  const cy = Math.min(Math.max(y, 0), grid.height - 1);
  const c0 = Math.min(Math.floor(cx), grid.width - 2);
  const r0 = Math.min(Math.floor(cy), grid.height - 2);
  const fx = cx - c0;
  const fy = cy - r0;
  const at = (c: number, r: number) => grid.groundM[r * grid.width + c];
  return (
    at(c0, r0) * (1 - fx) * (1 - fy) +
    at(c0 + 1, r0) * fx * (1 - fy) +
    at(c0, r0 + 1) * (1 - fx) * fy +
    at(c0 + 1, r0 + 1) * fx * fy
  );
}

/**
 * Bullington from a site (ground + `txHeightM`) to a cell's centre (its ground + `rxHeightM`) over the straight profile
 * of N = ceil(d / s) steps in grid coordinates, s the smaller cell side at the grid's middle latitude, k = 4/3: the
 * coverage engine's exact mode, by definition.
 */
export function gridDiffractionByHand(
  grid: GroundGridByHand,
  site: { lon: number; lat: number; txHeightM: number },
  cell: { row: number; col: number },
  rxHeightM: number,
  frequencyMHz: number,
): number {
  const { row, col } = cell;
  const cellLon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
  const cellLat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
  const dM = haversineByHand(site.lon, site.lat, cellLon, cellLat);
  const midLat = grid.originLat - (grid.height * grid.cellSizeLatDeg) / 2;
  const metresPerDegree = (Math.PI / 180) * 6_371_008.8;
  const stepM = Math.min(
    grid.cellSizeLonDeg * metresPerDegree * Math.cos((midLat * Math.PI) / 180),
    grid.cellSizeLatDeg * metresPerDegree,
  );
  const n = Math.ceil(dM / stepM);
  if (n < 2) return 0;
  const siteX = (site.lon - grid.originLon) / grid.cellSizeLonDeg - 0.5;
  const siteY = (grid.originLat - site.lat) / grid.cellSizeLatDeg - 0.5;
  const heights: number[] = [];
  const distancesKm: number[] = [];
  for (let i = 0; i <= n; i++) {
    heights.push(groundAtByHand(grid, siteX + ((col - siteX) * i) / n, siteY + ((row - siteY) * i) / n));
    distancesKm.push((dM / 1000) * (i / n));
  }
  heights[n] = grid.groundM[row * grid.width + col];
  return bullingtonByHand(
    heights,
    distancesKm,
    heights[0] + site.txHeightM,
    heights[n] + rxHeightM,
    frequencyMHz,
    4 / 3,
  ).diffractionDb;
}
