import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROVINCE_MARGIN_DEG } from '../../core/io/keepTowersNearArea';

/** The 34 provinces' boundaries the app ships (data/national, the July 2025 provinces, codes VN01-VN34). */
export const PROVINCES_FILE = fileURLToPath(new URL('../../../data/national/provinces.geojson', import.meta.url));

export { PROVINCE_MARGIN_DEG };

export interface ProvinceExtent {
  west: number;
  south: number;
  east: number;
  north: number;
}

let extents: Map<string, ProvinceExtent> | null = null;

/**
 * Each province's bounding box by its code, from the shipped boundaries, read once; an empty map when the file cannot
 * be read (a deployment without the data: no check then, rather than no import).
 */
export function provinceExtents(file = PROVINCES_FILE): Map<string, ProvinceExtent> {
  if (extents && file === PROVINCES_FILE) return extents;
  const found = new Map<string, ProvinceExtent>();
  try {
    const collection = JSON.parse(readFileSync(file, 'utf8')) as {
      features: { properties: { code?: unknown }; geometry: { coordinates: unknown } }[];
    };
    for (const feature of collection.features) {
      const code = feature.properties?.code;
      if (typeof code !== 'string') continue;
      const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
      const visit = (value: unknown): void => {
        if (!Array.isArray(value)) return;
        if (typeof value[0] === 'number' && typeof value[1] === 'number') {
          box.west = Math.min(box.west, value[0]);
          box.east = Math.max(box.east, value[0]);
          box.south = Math.min(box.south, value[1]);
          box.north = Math.max(box.north, value[1]);
          return;
        }
        for (const item of value) visit(item);
      };
      visit(feature.geometry?.coordinates);
      if (Number.isFinite(box.west)) found.set(code, box);
    }
  } catch {
    // No boundaries: nothing to check against.
  }
  if (file === PROVINCES_FILE) extents = found;
  return found;
}

/** Whether a position is within the province's box, widened by PROVINCE_MARGIN_DEG (true for an unknown province). */
export function isNearProvince(provinceId: string, lon: number, lat: number): boolean {
  const box = provinceExtents().get(provinceId);
  if (!box) return true;
  return (
    lon >= box.west - PROVINCE_MARGIN_DEG &&
    lon <= box.east + PROVINCE_MARGIN_DEG &&
    lat >= box.south - PROVINCE_MARGIN_DEG &&
    lat <= box.north + PROVINCE_MARGIN_DEG
  );
}
