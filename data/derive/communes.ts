import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { simplifyKeepingRings } from './simplifyKeepingRings';

export interface CommuneSourceProperties {
  commune_id: number;
  commune_vn: string | null;
  district_vn: string | null;
  province: string;
  population: number;
}

export interface CommuneProperties {
  commune_vn: string;
  district_vn: string;
  province: string;
  population_2009: number;
  commune_id: number;
}

/**
 * The 2009-census communes whose interior point (turf pointOnFeature) lies in the province, lightly simplified,
 * sorted by commune_id. `province` is the census file's ASCII province field (its province_vn is wrong on some rows).
 * Unnamed polygons (no commune_vn, population 0: water or unassigned land in the census map) are left out and
 * returned as `unnamed`.
 */
export function communesInProvince(
  communes: readonly Feature<Polygon | MultiPolygon, CommuneSourceProperties>[],
  province: Feature<Polygon | MultiPolygon>,
  tolerance: number,
): { communes: Feature<Polygon | MultiPolygon, CommuneProperties>[]; unnamed: number[] } {
  const inside = communes
    .filter((commune) => commune.geometry && booleanPointInPolygon(pointOnFeature(commune), province))
    .sort((a, b) => a.properties.commune_id - b.properties.commune_id);
  const unnamed = inside.filter((commune) => !commune.properties.commune_vn).map((c) => c.properties.commune_id);
  const features = inside
    .filter((commune) => commune.properties.commune_vn)
    .map(
      (commune): Feature<Polygon | MultiPolygon, CommuneProperties> => ({
        type: 'Feature',
        properties: {
          commune_vn: (commune.properties.commune_vn ?? '').normalize('NFC'),
          district_vn: (commune.properties.district_vn ?? '').normalize('NFC'),
          province: commune.properties.province,
          population_2009: commune.properties.population,
          commune_id: commune.properties.commune_id,
        },
        geometry: simplifyKeepingRings(commune.geometry, tolerance),
      }),
    );
  return { communes: features, unnamed };
}
