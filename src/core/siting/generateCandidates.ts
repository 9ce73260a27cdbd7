import { forEachCellWithinRadius } from '../coverage/forEachCellWithinRadius';
import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { type MastAttributes, mastTypeFromCode } from '../model/mastAttributes';
import type { MastType } from '../model/tower';
import type { TowerArrays } from '../model/towerArrays';
import type { Demand } from './buildDemand';
import type { SiteCandidate, UserSite } from './siteCandidate';

const DEG = Math.PI / 180;

export interface LatticeOptions {
  shape: 'hex' | 'square';
  /** Distance between neighbouring lattice points, metres. */
  spacingM: number;
}

export interface GenerateCandidatesRequest {
  grid: GridGeometry;
  demand: Pick<Demand, 'count' | 'cellIndex'>;
  /** Reach of a proposed site, metres: lattice points with no demand cell within it are dropped. */
  siteRadiusM: number;
  lattice?: LatticeOptions;
  /** Existing masts that have room for every chosen operator not already on them. */
  existingMasts?: {
    towers: Pick<TowerArrays, 'count' | 'ids' | 'lon' | 'lat' | 'tenantBits'>;
    masts: MastAttributes;
    spareSlots: Uint8Array;
    operatorBits: number;
  };
  userSites?: readonly UserSite[];
  /** Class and height of a new mast (lattice points, user sites without a class). */
  newMast: { mastType: MastType; heightM: number | null };
  /** At most this many lattice points; a denser lattice is spread out until it fits (default 50,000). */
  maxLatticePoints?: number;
}

export interface GeneratedCandidates {
  candidates: SiteCandidate[];
  /** Spacing of the lattice actually used (larger than asked when the limit applied), metres; null without one. */
  latticeSpacingM: number | null;
}

/**
 * Candidate sites: a lattice over the gaps (points within siteRadiusM of a demand cell), existing masts with room
 * for every chosen operator absent from them (spare slots >= operators joining, at least one joining), and the
 * user's list. Ids: lattice points "L000001".., existing masts and user sites keep their own ids.
 */
export function generateCandidates(request: GenerateCandidatesRequest): GeneratedCandidates {
  const candidates: SiteCandidate[] = [];
  let latticeSpacingM: number | null = null;
  if (request.lattice && request.demand.count > 0) {
    const limit = request.maxLatticePoints ?? 50_000;
    let spacingM = request.lattice.spacingM;
    let points = latticePoints(request, request.lattice.shape, spacingM, limit);
    while (points === null) {
      spacingM *= 1.25;
      points = latticePoints(request, request.lattice.shape, spacingM, limit);
    }
    latticeSpacingM = spacingM;
    points.lon.forEach((lon, k) => {
      candidates.push({
        id: `L${String(k + 1).padStart(6, '0')}`,
        kind: 'lattice',
        lon,
        lat: points.lat[k],
        mastType: request.newMast.mastType,
        heightM: request.newMast.heightM,
        towerIndex: -1,
      });
    });
  }
  const existing = request.existingMasts;
  if (existing) {
    const { towers, masts, spareSlots, operatorBits } = existing;
    for (let t = 0; t < towers.count; t++) {
      const joining = operatorBits & ~towers.tenantBits[t];
      let joiningCount = 0;
      for (let bits = joining; bits !== 0; bits &= bits - 1) joiningCount++;
      if (joiningCount === 0 || spareSlots[t] < joiningCount) continue;
      candidates.push({
        id: towers.ids[t],
        kind: 'existing_mast',
        lon: towers.lon[t],
        lat: towers.lat[t],
        mastType: mastTypeFromCode(masts.mastTypeCode[t]) ?? request.newMast.mastType,
        heightM: Number.isNaN(masts.heightM[t]) ? null : masts.heightM[t],
        towerIndex: t,
      });
    }
  }
  for (const site of request.userSites ?? []) {
    candidates.push({
      id: site.id,
      kind: 'user',
      lon: site.lon,
      lat: site.lat,
      mastType: site.mastType ?? request.newMast.mastType,
      heightM: site.heightM ?? request.newMast.heightM,
      towerIndex: -1,
    });
  }
  return { candidates, latticeSpacingM };
}

/** Lattice points near demand, or null when more than `limit` would be kept. */
function latticePoints(
  request: GenerateCandidatesRequest,
  shape: 'hex' | 'square',
  spacingM: number,
  limit: number,
): { lon: number[]; lat: number[] } | null {
  const { grid, demand, siteRadiusM } = request;
  const isDemand = new Uint8Array(grid.width * grid.height);
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (let d = 0; d < demand.count; d++) {
    const cell = demand.cellIndex[d];
    isDemand[cell] = 1;
    const lon = grid.originLon + ((cell % grid.width) + 0.5) * grid.cellSizeLonDeg;
    const lat = grid.originLat - (Math.floor(cell / grid.width) + 0.5) * grid.cellSizeLatDeg;
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const metresPerDegLat = EARTH_MEAN_RADIUS_M * DEG;
  const marginLatDeg = siteRadiusM / metresPerDegLat;
  const rowStepDeg = (shape === 'hex' ? (spacingM * Math.sqrt(3)) / 2 : spacingM) / metresPerDegLat;
  const lon: number[] = [];
  const lat: number[] = [];
  const south = minLat - marginLatDeg;
  const north = maxLat + marginLatDeg;
  for (let row = 0; south + row * rowStepDeg <= north; row++) {
    const pointLat = south + row * rowStepDeg;
    const cosLat = Math.max(Math.cos(pointLat * DEG), 1e-6);
    const colStepDeg = spacingM / (metresPerDegLat * cosLat);
    const marginLonDeg = siteRadiusM / (metresPerDegLat * cosLat);
    const offset = shape === 'hex' && row % 2 === 1 ? colStepDeg / 2 : 0;
    for (let col = 0; ; col++) {
      const pointLon = minLon - marginLonDeg + offset + col * colStepDeg;
      if (pointLon > maxLon + marginLonDeg) break;
      let near = false;
      forEachCellWithinRadius(grid, pointLon, pointLat, siteRadiusM, (cell) => {
        if (isDemand[cell]) near = true;
      });
      if (!near) continue;
      if (lon.length >= limit) return null;
      lon.push(pointLon);
      lat.push(pointLat);
    }
  }
  return { lon, lat };
}
