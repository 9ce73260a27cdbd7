import { cellAreaKm2 } from '../coverage/computeFixedRadiusCoverage';
import { indexLonLatPolygons } from '../geo/indexLonLatPolygons';
import type { LonLatPolygon } from '../geo/lonLatPolygon';
import { isNodata, type PopulationGrid } from '../model/populationGrid';

/** Settlement zone of a place, as plans tell them apart: rules use urban vs the rest; rents use all three. */
export type SettlementZone = 'rural' | 'suburban' | 'urban';
/** Codes stored per point: index in this list (0 rural, 1 suburban, 2 urban), so a larger code is more urban. */
export const SETTLEMENT_ZONES: readonly SettlementZone[] = ['rural', 'suburban', 'urban'];
export const ZONE_RURAL = 0;
export const ZONE_SUBURBAN = 1;
export const ZONE_URBAN = 2;

/** Population-density thresholds, people per km² of the (1 km) population cell a point falls in. */
export interface DensityThresholds {
  /** At or above: urban. 1,500/km² is the density the OECD/EU "degree of urbanisation" uses for urban centres. */
  urbanMinPeoplePerKm2: number;
  /** At or above (and below urban): suburban. 300/km² is the same method's threshold for urban clusters. */
  suburbanMinPeoplePerKm2: number;
}

export const DEFAULT_DENSITY_THRESHOLDS: DensityThresholds = {
  urbanMinPeoplePerKm2: 1_500, // people/km²
  suburbanMinPeoplePerKm2: 300, // people/km²
};

/** A zone layer: polygons, each with the zone it declares (a plan's urban area, say). */
export interface ZoneLayer {
  polygons: LonLatPolygon[];
  zones: SettlementZone[];
}

export interface ClassifyPointsRequest {
  count: number;
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** Population grid: the zone follows the density of the cell the point lies in (nodata or outside: 0 people). */
  grid?: PopulationGrid;
  thresholds?: DensityThresholds;
  /** Zone polygons: where a point lies in one, its zone wins over density (the most urban when several overlap). */
  zoneLayer?: ZoneLayer;
}

/**
 * Zone code (ZONE_RURAL / ZONE_SUBURBAN / ZONE_URBAN) per point: from the zone layer where a polygon holds the point,
 * else from the population density of its grid cell, else rural.
 */
export function classifyUrbanRural(request: ClassifyPointsRequest): Uint8Array {
  const { count, lon, lat, grid, zoneLayer } = request;
  const thresholds = request.thresholds ?? DEFAULT_DENSITY_THRESHOLDS;
  const codes = new Uint8Array(count);
  const layerIndex = zoneLayer ? indexLonLatPolygons(zoneLayer.polygons) : null;
  for (let i = 0; i < count; i++) {
    if (layerIndex && zoneLayer) {
      const containing = layerIndex.polygonsContaining(lon[i], lat[i]);
      if (containing.length > 0) {
        codes[i] = Math.max(...containing.map((k) => SETTLEMENT_ZONES.indexOf(zoneLayer.zones[k])));
        continue;
      }
    }
    if (grid) {
      const density = densityAt(grid, lon[i], lat[i]);
      codes[i] =
        density >= thresholds.urbanMinPeoplePerKm2
          ? ZONE_URBAN
          : density >= thresholds.suburbanMinPeoplePerKm2
            ? ZONE_SUBURBAN
            : ZONE_RURAL;
    }
  }
  return codes;
}

/** People per km² of the grid cell containing the point; 0 outside the grid or on nodata. */
export function densityAt(grid: PopulationGrid, lon: number, lat: number): number {
  const col = Math.floor((lon - grid.originLon) / grid.cellSizeLonDeg);
  const row = Math.floor((grid.originLat - lat) / grid.cellSizeLatDeg);
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return 0;
  const value = grid.values[row * grid.width + col];
  if (isNodata(grid, value) || !(value > 0)) return 0;
  const latNorth = grid.originLat - row * grid.cellSizeLatDeg;
  return value / cellAreaKm2(latNorth, latNorth - grid.cellSizeLatDeg, grid.cellSizeLonDeg);
}
