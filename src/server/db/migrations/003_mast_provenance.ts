/**
 * Masts keep where they come from and what the file said beyond names: radius, a tenant count without names, the
 * source (synthetic demo data or an imported file, its name, when and by whom), and `removed_at` for a mast an
 * operator's replacing import dropped while an old co-location request still names it (the requests' foreign key
 * needs the row; such a mast is no longer shown nor requestable). Masts with no request are deleted outright.
 * Existing rows: `imported_at` from `updated_at`; the demo seed's masts (ids VN25-nnnnnn in VN25, when no account
 * ever imported masts there) become synthetic.
 */
export const up = `
ALTER TABLE masts ADD COLUMN radius_m REAL CHECK (radius_m IS NULL OR radius_m > 0);
ALTER TABLE masts ADD COLUMN tenant_count INTEGER CHECK (tenant_count IS NULL OR tenant_count BETWEEN 1 AND 8);
ALTER TABLE masts ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'file' CHECK (source_kind IN ('synthetic', 'file'));
ALTER TABLE masts ADD COLUMN source_name TEXT;
ALTER TABLE masts ADD COLUMN imported_at TEXT;
ALTER TABLE masts ADD COLUMN imported_by INTEGER REFERENCES users(id);
ALTER TABLE masts ADD COLUMN removed_at TEXT;
CREATE INDEX masts_operator ON masts(province_id, operator);

UPDATE masts SET imported_at = updated_at;
UPDATE masts SET source_kind = 'synthetic', source_name = 'data/demo/towers.csv'
WHERE province_id = 'VN25' AND id GLOB 'VN25-[0-9][0-9][0-9][0-9][0-9][0-9]'
  AND NOT EXISTS (
    SELECT 1 FROM audit_log WHERE action = 'masts.import' AND province_id = 'VN25' AND actor_role <> 'system'
  );
`;

/** The same in PostgreSQL (a regular expression where SQLite has GLOB). */
export const postgres = `
ALTER TABLE masts ADD COLUMN radius_m DOUBLE PRECISION CHECK (radius_m IS NULL OR radius_m > 0);
ALTER TABLE masts ADD COLUMN tenant_count INTEGER CHECK (tenant_count IS NULL OR tenant_count BETWEEN 1 AND 8);
ALTER TABLE masts ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'file' CHECK (source_kind IN ('synthetic', 'file'));
ALTER TABLE masts ADD COLUMN source_name TEXT;
ALTER TABLE masts ADD COLUMN imported_at TEXT;
ALTER TABLE masts ADD COLUMN imported_by INTEGER REFERENCES users(id);
ALTER TABLE masts ADD COLUMN removed_at TEXT;
CREATE INDEX masts_operator ON masts(province_id, operator);

UPDATE masts SET imported_at = updated_at;
UPDATE masts SET source_kind = 'synthetic', source_name = 'data/demo/towers.csv'
WHERE province_id = 'VN25' AND id ~ '^VN25-[0-9]{6}$'
  AND NOT EXISTS (
    SELECT 1 FROM audit_log WHERE action = 'masts.import' AND province_id = 'VN25' AND actor_role <> 'system'
  );
`;
