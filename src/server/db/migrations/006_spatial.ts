/**
 * Spatial questions in the database. The fibre backbone of a province is stored as lines (GeoJSON coordinates).
 * On PostgreSQL, masts and backbone lines also carry PostGIS geography (generated from their coordinates, so they
 * can never disagree) with GiST indexes, and the server asks PostGIS (store/spatial.ts). On SQLite, an index on
 * the masts' positions serves the bounding-box step, and the server measures in JavaScript: the same questions,
 * the same answers (tests compare both with a brute force).
 *
 * PostGIS is an extension only a superuser can create: on a managed database the administrator runs
 * `CREATE EXTENSION postgis` once, and this migration finds it there.
 */
export const up = `
CREATE TABLE backbone_lines (
  province_id TEXT NOT NULL REFERENCES provinces(id),
  id TEXT NOT NULL,
  name TEXT,
  kind TEXT,
  coordinates TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (province_id, id)
);
CREATE INDEX masts_position ON masts(province_id, lat, lon);
`;

export const postgres = `
CREATE EXTENSION IF NOT EXISTS postgis;

ALTER TABLE masts ADD COLUMN geog geography(Point, 4326)
  GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED;
CREATE INDEX masts_geog ON masts USING gist (geog);

CREATE TABLE backbone_lines (
  province_id TEXT NOT NULL REFERENCES provinces(id),
  id TEXT NOT NULL,
  name TEXT,
  kind TEXT,
  coordinates TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  geog geography(LineString, 4326) GENERATED ALWAYS AS (
    ST_SetSRID(ST_GeomFromGeoJSON('{"type":"LineString","coordinates":' || coordinates || '}'), 4326)::geography
  ) STORED,
  PRIMARY KEY (province_id, id)
);
CREATE INDEX backbone_lines_geog ON backbone_lines USING gist (geog);

GRANT SELECT, INSERT, DELETE ON backbone_lines TO cosite_api;
ALTER TABLE backbone_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY backbone_read ON backbone_lines FOR SELECT TO cosite_api
  USING (cosite_role() IN ('system', 'ministry', 'province', 'operator'));
CREATE POLICY backbone_insert ON backbone_lines FOR INSERT TO cosite_api WITH CHECK (
  cosite_role() = 'system' OR (cosite_role() = 'province' AND province_id = cosite_province_id()));
CREATE POLICY backbone_delete ON backbone_lines FOR DELETE TO cosite_api USING (
  cosite_role() = 'system' OR (cosite_role() = 'province' AND province_id = cosite_province_id()));
`;
