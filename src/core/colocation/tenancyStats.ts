import { indexLonLatPolygons } from '../geo/indexLonLatPolygons';
import type { LonLatPolygon } from '../geo/lonLatPolygon';
import { type TowerArrays, tenantCountAt } from '../model/towerArrays';

export interface TenancyStats {
  masts: number;
  /** Operator-on-mast count: each mast counts each of its tenants, the owner included. */
  tenancies: number;
  /** tenancies / masts (1 when no mast is shared; tower companies quote 1.3 to 2.25); 0 without masts. */
  tenancyRatio: number;
  /** Masts with two or more tenants. */
  sharedMasts: number;
  /** sharedMasts / masts; 0 without masts. */
  sharedShare: number;
  mastsByOwner: Record<string, number>;
  tenanciesByOperator: Record<string, number>;
}

/** An area to report on: the province, a commune, a drawn polygon. */
export interface TenancyArea {
  id: string;
  name?: string;
  polygons: LonLatPolygon[];
}

export interface AreaTenancyStats extends TenancyStats {
  areaId: string;
  areaName?: string;
}

type TowerSubset = Pick<
  TowerArrays,
  'count' | 'lon' | 'lat' | 'ownerIndex' | 'tenantBits' | 'tenantCount' | 'operatorNames'
>;

/** Tenancy figures over all masts, or over the masts listed in `indices`. */
export function computeTenancyStats(towers: TowerSubset, indices?: ArrayLike<number>): TenancyStats {
  const count = indices ? indices.length : towers.count;
  const mastsByOwner = new Float64Array(towers.operatorNames.length);
  const tenanciesByOperator = new Float64Array(towers.operatorNames.length);
  let tenancies = 0;
  let sharedMasts = 0;
  for (let k = 0; k < count; k++) {
    const i = indices ? indices[k] : k;
    const bits = towers.tenantBits[i];
    // A file's count of tenants (names unknown) counts for sharing; tenancies per operator count the named ones only.
    const tenants = tenantCountAt(towers, i);
    tenancies += tenants;
    if (tenants >= 2) sharedMasts++;
    mastsByOwner[towers.ownerIndex[i]]++;
    for (let op = 0; op < towers.operatorNames.length; op++) if (bits & (1 << op)) tenanciesByOperator[op]++;
  }
  const byName = (values: Float64Array) =>
    Object.fromEntries(towers.operatorNames.map((name, op) => [name, values[op]] as const));
  return {
    masts: count,
    tenancies,
    tenancyRatio: count > 0 ? tenancies / count : 0,
    sharedMasts,
    sharedShare: count > 0 ? sharedMasts / count : 0,
    mastsByOwner: byName(mastsByOwner),
    tenanciesByOperator: byName(tenanciesByOperator),
  };
}

/**
 * Tenancy figures per area (communes, drawn polygons): a mast belongs to every area one of whose polygons holds it
 * (even-odd rule, holes cut out). Areas come back in the order given.
 */
export function computeTenancyStatsByArea(towers: TowerSubset, areas: readonly TenancyArea[]): AreaTenancyStats[] {
  const polygons: LonLatPolygon[] = [];
  const areaOfPolygon: number[] = [];
  areas.forEach((area, a) => {
    for (const polygon of area.polygons) {
      polygons.push(polygon);
      areaOfPolygon.push(a);
    }
  });
  const index = indexLonLatPolygons(polygons);
  const members: number[][] = areas.map(() => []);
  for (let i = 0; i < towers.count; i++) {
    const areasHere = new Set(index.polygonsContaining(towers.lon[i], towers.lat[i]).map((k) => areaOfPolygon[k]));
    for (const a of areasHere) members[a].push(i);
  }
  return areas.map((area, a) => ({
    areaId: area.id,
    ...(area.name === undefined ? {} : { areaName: area.name }),
    ...computeTenancyStats(towers, members[a]),
  }));
}
