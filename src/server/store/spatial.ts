import { EARTH_MEAN_RADIUS_M, haversineDistanceM } from '../../core/geo/haversineDistanceM';
import { indexPolylines } from '../../core/geo/indexPolylines';
import type { LonLatPolyline } from '../../core/geo/lonLatPolyline';
import type { Sql } from '../db/sqlDatabase';
import { parseStoredDocument } from './plans';

/**
 * The server's spatial questions, one function each, answered by PostGIS on PostgreSQL (geography on the sphere of
 * the mean Earth radius, `use_spheroid = false`, GiST indexes) and in JavaScript on SQLite with the core's own
 * measures (haversine, the backbone index): the same definitions, so both engines give the same answers.
 */

const METRES_PER_DEGREE = (EARTH_MEAN_RADIUS_M * Math.PI) / 180;

export interface NearbyMast {
  id: string;
  operator: string;
  lon: number;
  lat: number;
  /** Great-circle distance from the point, metres. */
  distanceM: number;
}

/** The masts of a province within `radiusM` of a point (great circle), nearest first (ties by id), at most `limit`. */
export async function mastsNear(
  db: Sql,
  provinceId: string,
  point: { lon: number; lat: number },
  radiusM: number,
  limit: number,
): Promise<NearbyMast[]> {
  if (db.engine === 'postgres') {
    const rows = await db.all<{ id: string; operator: string; lon: number; lat: number; distance_m: number }>(
      `WITH here AS (SELECT ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography AS g)
       SELECT id, operator, lon, lat, ST_Distance(geog, here.g, false) AS distance_m
       FROM masts, here
       WHERE province_id = @provinceId AND removed_at IS NULL AND ST_DWithin(geog, here.g, @radiusM, false)
       ORDER BY distance_m, id COLLATE "C" LIMIT @limit`,
      { lon: point.lon, lat: point.lat, provinceId, radiusM, limit },
    );
    return rows.map((row) => ({
      id: row.id,
      operator: row.operator,
      lon: row.lon,
      lat: row.lat,
      distanceM: row.distance_m,
    }));
  }
  // The box of the circle in degrees (longitude widened at the poleward edge), then the exact distance.
  const dLat = radiusM / METRES_PER_DEGREE;
  const poleward = Math.min(89.9, Math.abs(point.lat) + dLat);
  const dLon = Math.min(180, radiusM / (METRES_PER_DEGREE * Math.cos((poleward * Math.PI) / 180)));
  const rows = await db.all<{ id: string; operator: string; lon: number; lat: number }>(
    `SELECT id, operator, lon, lat FROM masts
     WHERE province_id = ? AND removed_at IS NULL AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?`,
    [provinceId, point.lat - dLat, point.lat + dLat, point.lon - dLon, point.lon + dLon],
  );
  return rows
    .map((row) => ({ ...row, distanceM: haversineDistanceM(point.lon, point.lat, row.lon, row.lat) }))
    .filter((row) => row.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || compare(a.id, b.id))
    .slice(0, limit);
}

export interface BackboneLineInput {
  id: string;
  name: string | null;
  kind: string | null;
  coordinates: LonLatPolyline;
}

/** Replace a province's backbone lines (the caller's transaction). */
export async function replaceBackbone(db: Sql, provinceId: string, lines: readonly BackboneLineInput[], now: Date) {
  await db.run('DELETE FROM backbone_lines WHERE province_id = ?', [provinceId]);
  for (const line of lines) {
    await db.run(
      `INSERT INTO backbone_lines (province_id, id, name, kind, coordinates, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [provinceId, line.id, line.name, line.kind, JSON.stringify(line.coordinates), now.toISOString()],
    );
  }
}

export interface SiteBackboneDistance {
  planId: string;
  planName: string;
  siteId: string;
  lon: number;
  lat: number;
  /** Distance to the nearest backbone line of the province, metres; null when the province has no backbone. */
  distanceM: number | null;
}

/**
 * Every proposed site of the province's published plans with its distance to the nearest backbone line, by plan
 * then site id. On PostGIS the line is its geography (great-circle segments); in JavaScript each segment is measured
 * in the tangent plane at the site (core's indexPolylines): for the backbone's segments (metres to a few kilometres)
 * the two agree well under a metre.
 */
export async function proposedSitesBackboneDistance(db: Sql, provinceId: string): Promise<SiteBackboneDistance[]> {
  if (db.engine === 'postgres') {
    const rows = await db.all<{
      plan_id: string;
      plan_name: string;
      site_id: string;
      lon: number;
      lat: number;
      distance_m: number | null;
    }>(
      `WITH sites AS (
         SELECT p.id AS plan_id, v.name AS plan_name, s ->> 'id' AS site_id, (s ->> 'lon')::float8 AS lon,
           (s ->> 'lat')::float8 AS lat
         FROM plans p
         JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.published_version
         CROSS JOIN LATERAL jsonb_array_elements(v.document::jsonb -> 'proposedSites') AS s
         WHERE p.province_id = @provinceId)
       SELECT plan_id, plan_name, site_id, lon, lat,
         (SELECT min(ST_Distance(b.geog, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, false))
          FROM backbone_lines b WHERE b.province_id = @provinceId) AS distance_m
       FROM sites ORDER BY plan_id COLLATE "C", site_id COLLATE "C"`,
      { provinceId },
    );
    return rows.map((row) => ({
      planId: row.plan_id,
      planName: row.plan_name,
      siteId: row.site_id,
      lon: row.lon,
      lat: row.lat,
      distanceM: row.distance_m,
    }));
  }
  const lines = (
    await db.all<{ coordinates: string }>('SELECT coordinates FROM backbone_lines WHERE province_id = ?', [provinceId])
  ).map((row) => JSON.parse(row.coordinates) as LonLatPolyline);
  const backbone = lines.length > 0 ? indexPolylines(lines) : null;
  const plans = await db.all<{ id: string; name: string; document: string }>(
    `SELECT p.id, v.name, v.document FROM plans p
     JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.published_version
     WHERE p.province_id = ?`,
    [provinceId],
  );
  const sites: SiteBackboneDistance[] = [];
  for (const plan of plans) {
    for (const site of parseStoredDocument(plan.document).proposedSites) {
      sites.push({
        planId: plan.id,
        planName: plan.name,
        siteId: site.id,
        lon: site.lon,
        lat: site.lat,
        distanceM: backbone ? backbone.distanceM(site.lon, site.lat) : null,
      });
    }
  }
  return sites.sort((a, b) => compare(a.planId, b.planId) || compare(a.siteId, b.siteId));
}

/** Byte order, as PostgreSQL's C collation and SQLite compare text. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
