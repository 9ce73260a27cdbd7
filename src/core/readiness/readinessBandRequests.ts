import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { mastHomeRow } from './mastHomeRow';
import type { PreparedReadiness } from './prepareReadiness';
import type { BandTowers, ReadinessBandRequest } from './readinessTypes';

const DEG = Math.PI / 180;

/**
 * The run split into `bandCount` bands of whole rows (as even as the rows allow), each carrying only its rows of the
 * population and labels and only the masts that matter to it: those whose 4G or 5G reach meets its rows, and those
 * it counts (their latitude's row is in the band). Send each to a worker, then merge the partials.
 * `rows` limits the run to rows [rowStart, rowEnd) (one province's rows, say); by default the whole grid.
 */
export function readinessBandRequests(
  prepared: PreparedReadiness,
  bandCount: number,
  rows: { rowStart: number; rowEnd: number } = { rowStart: 0, rowEnd: prepared.grid.height },
): ReadinessBandRequest[] {
  const { grid, labels, context } = prepared;
  const geometry: GridGeometry = {
    width: grid.width,
    height: grid.height,
    originLon: grid.originLon,
    originLat: grid.originLat,
    cellSizeLonDeg: grid.cellSizeLonDeg,
    cellSizeLatDeg: grid.cellSizeLatDeg,
  };
  const first = Math.max(0, rows.rowStart);
  const rowCount = Math.min(grid.height, rows.rowEnd) - first;
  const count = Math.max(1, Math.min(rowCount, Math.floor(bandCount)));
  const requests: ReadinessBandRequest[] = [];
  for (let b = 0; b < count; b++) {
    const rowStart = first + Math.floor((b * rowCount) / count);
    const rowEnd = first + Math.floor(((b + 1) * rowCount) / count);
    if (rowStart >= rowEnd) continue;
    requests.push({
      grid: geometry,
      nodata: grid.nodata,
      rowStart,
      rowEnd,
      values: grid.values.slice(rowStart * grid.width, rowEnd * grid.width),
      labels: labels.slice(rowStart * grid.width, rowEnd * grid.width),
      provinceCount: context.provinces.length,
      towers: bandTowers(prepared, geometry, rowStart, rowEnd),
      settings: context.settings,
      backboneSegments: prepared.backboneSegments,
    });
  }
  return requests;
}

/** The masts a band needs, copied into arrays of their own (so that posting a band copies no other band's masts). */
export function bandTowers(
  prepared: PreparedReadiness,
  grid: GridGeometry,
  rowStart: number,
  rowEnd: number,
): BandTowers {
  const { towers, towerProvince, context } = prepared;
  const { defaultRadiusM, default5gRadiusFactor } = context.settings;
  const latNorth = grid.originLat - rowStart * grid.cellSizeLatDeg;
  const latSouth = grid.originLat - rowEnd * grid.cellSizeLatDeg;
  const keep: number[] = [];
  for (let t = 0; t < towers.count; t++) {
    const radius4gM = Number.isNaN(towers.radiusM[t]) ? defaultRadiusM : towers.radiusM[t];
    const radius5gM = Number.isNaN(towers.radius5gM[t]) ? default5gRadiusFactor * radius4gM : towers.radius5gM[t];
    const reachM = Math.max(towers.bits4g[t] ? radius4gM : 0, towers.bits5g[t] ? radius5gM : 0);
    // A row of slack: cell centres, not edges, decide coverage, and the coverage scan clamps to the band anyway.
    const reachDeg = reachM / EARTH_MEAN_RADIUS_M / DEG + grid.cellSizeLatDeg;
    const home = mastHomeRow(grid, towers.lat[t]);
    const counted = home >= rowStart && home < rowEnd;
    if (counted || (towers.lat[t] - reachDeg <= latNorth && towers.lat[t] + reachDeg >= latSouth)) keep.push(t);
  }
  const n = keep.length;
  const band: BandTowers = {
    count: n,
    operatorNames: towers.operatorNames,
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    radiusM: new Float64Array(n),
    radius5gM: new Float64Array(n),
    ownerIndex: new Uint8Array(n),
    tenantBits: new Uint8Array(n),
    bits4g: new Uint8Array(n),
    bits5g: new Uint8Array(n),
    province: new Int32Array(n),
  };
  keep.forEach((t, i) => {
    band.lon[i] = towers.lon[t];
    band.lat[i] = towers.lat[t];
    band.radiusM[i] = towers.radiusM[t];
    band.radius5gM[i] = towers.radius5gM[t];
    band.ownerIndex[i] = towers.ownerIndex[t];
    band.tenantBits[i] = towers.tenantBits[t];
    band.bits4g[i] = towers.bits4g[t];
    band.bits5g[i] = towers.bits5g[t];
    band.province[i] = towerProvince[t];
  });
  return band;
}
