import type { Feature, Point } from 'geojson';
import type { Tower } from '../model/tower';

export interface TowersToFeaturesOptions {
  /**
   * Add where each record comes from: `source` (the file it was imported from, or "synthetic: data/demo/towers.csv"),
   * `imported_at` and `imported_by` when known. The readers leave these columns out on the way back.
   */
  provenance?: boolean;
}

/**
 * Towers as GeoJSON point features whose properties use the file column names the readers recognise (id, operator,
 * height_m, radius_m, mast_type, tenants, ...), so an export reads back as the same towers. Lists are written as
 * text joined with ';' (tenants) or '/' (azimuths, tilts, bands), as tower tables write them; absent values are null.
 * A mast whose file gave a count of operators instead of their names keeps the count in `tenants` (the owner alone is
 * known, so the count is what the file said).
 */
export function towersToFeatures(towers: readonly Tower[], options: TowersToFeaturesOptions = {}): Feature<Point>[] {
  return towers.map((tower) => {
    const properties: Record<string, string | number | boolean | null> = {
      id: tower.id,
      operator: tower.operator,
      height_m: tower.heightM,
      radius_m: tower.radiusM,
      mast_type: tower.mastType,
      tenants:
        tower.tenantCount !== undefined && tower.tenantCount > tower.tenants.length && tower.tenants.length <= 1
          ? tower.tenantCount
          : tower.tenants.join(';'),
    };
    if (tower.azimuthsDeg) properties.azimuth_deg = tower.azimuthsDeg.join('/');
    if (tower.tiltsDeg) properties.tilt_deg = tower.tiltsDeg.join('/');
    if (tower.bands) properties.band = tower.bands.join('/');
    if (tower.has4g !== undefined) properties.has_4g = tower.has4g ? 1 : 0;
    if (tower.tenants5g !== undefined) properties.tenants_5g = tower.tenants5g.join(';');
    if (tower.radius5gM !== undefined) properties.radius_5g_m = tower.radius5gM;
    if (options.provenance && tower.source) {
      const { kind, name, importedAt, importedBy } = tower.source;
      // A file's name, as imported here or on the server; the generated demo masts say so.
      properties.source = kind === 'synthetic' ? `synthetic: ${name}` : name;
      properties.imported_at = importedAt ?? null;
      properties.imported_by = importedBy ?? null;
    }
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [tower.lon, tower.lat] }, properties };
  });
}
