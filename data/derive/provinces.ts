import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { roundPolygonal, type SimplifyStats, simplifyKeepingRings } from './simplifyKeepingRings';

export interface ProvinceSourceProperties {
  ten_tinh: string;
  code: string;
  gid?: number;
}

export const DEMO_PROVINCE = { code: 'VN25', name: 'TP Đà Nẵng', name_en: 'Da Nang City' } as const;

/** The demo province's feature with its real geometry (every part, Hoàng Sa included), rounded to 6 decimals. */
export function provinceFeature(
  provinces: readonly Feature<Polygon | MultiPolygon, ProvinceSourceProperties>[],
): Feature<Polygon | MultiPolygon, { name: string; name_en: string; code: string }> {
  const source = provinces.find((feature) => feature.properties.code === DEMO_PROVINCE.code);
  if (!source) throw new Error(`Province ${DEMO_PROVINCE.code} not found`);
  if (source.properties.ten_tinh.normalize('NFC') !== DEMO_PROVINCE.name.normalize('NFC')) {
    throw new Error(
      `Province ${DEMO_PROVINCE.code} is "${source.properties.ten_tinh}", expected "${DEMO_PROVINCE.name}"`,
    );
  }
  return {
    type: 'Feature',
    properties: { name: DEMO_PROVINCE.name, name_en: DEMO_PROVINCE.name_en, code: DEMO_PROVINCE.code },
    geometry: roundPolygonal(source.geometry),
  };
}

/** All provinces, simplified without ever dropping a part or a hole, sorted by code. */
export function simplifiedProvinces(
  provinces: readonly Feature<Polygon | MultiPolygon, ProvinceSourceProperties>[],
  tolerance: number,
  stats?: SimplifyStats,
): Feature<Polygon | MultiPolygon, { name: string; code: string }>[] {
  return [...provinces]
    .sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0))
    .map((feature) => ({
      type: 'Feature',
      properties: { name: feature.properties.ten_tinh.normalize('NFC'), code: feature.properties.code },
      geometry: simplifyKeepingRings(feature.geometry, tolerance, stats),
    }));
}
