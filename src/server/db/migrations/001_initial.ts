/** The first schema: accounts, sessions, provinces, masts, versioned plans, co-location requests, audit trail. */
export const up = `
CREATE TABLE provinces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  lapse_months INTEGER NOT NULL DEFAULT 6 CHECK (lapse_months BETWEEN 1 AND 60),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('ministry', 'province', 'operator')),
  province_id TEXT REFERENCES provinces(id),
  operator TEXT,
  created_at TEXT NOT NULL,
  CHECK ((role = 'province') = (province_id IS NOT NULL)),
  CHECK ((role = 'operator') = (operator IS NOT NULL))
);

-- Only a hash of each session token is stored: a copy of the database does not hold usable sessions.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE masts (
  province_id TEXT NOT NULL REFERENCES provinces(id),
  id TEXT NOT NULL,
  operator TEXT NOT NULL,
  lon REAL NOT NULL,
  lat REAL NOT NULL,
  height_m REAL,
  mast_type TEXT CHECK (mast_type IN ('A1', 'A2a', 'A2b', 'A2c')),
  tenants TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (province_id, id)
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  province_id TEXT NOT NULL REFERENCES provinces(id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  published_version INTEGER,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX plans_province ON plans(province_id);

-- Every saved version of every plan, kept for ever (the audit trail points here for the full documents).
CREATE TABLE plan_versions (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (plan_id, version)
);
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan_versions is append-only'); END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan_versions is append-only'); END;

CREATE TABLE colocation_requests (
  id TEXT PRIMARY KEY,
  province_id TEXT NOT NULL REFERENCES provinces(id),
  operator TEXT NOT NULL,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('mast', 'proposedSite')),
  mast_id TEXT,
  plan_id TEXT REFERENCES plans(id),
  site_id TEXT,
  equipment TEXT NOT NULL,
  antenna_height_m REAL NOT NULL,
  band TEXT NOT NULL,
  wind_load_area_m2 REAL,
  weight_kg REAL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected', 'withdrawn', 'built', 'lapsed')),
  decision_reason TEXT,
  submitted_at TEXT,
  decided_at TEXT,
  decided_by INTEGER REFERENCES users(id),
  approval_expires_at TEXT,
  built_at TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  CHECK ((target_kind = 'mast') = (mast_id IS NOT NULL)),
  CHECK ((target_kind = 'proposedSite') = (plan_id IS NOT NULL AND site_id IS NOT NULL)),
  FOREIGN KEY (province_id, mast_id) REFERENCES masts(province_id, id)
);
CREATE INDEX requests_province_state ON colocation_requests(province_id, state);
CREATE INDEX requests_operator ON colocation_requests(operator, state);
CREATE INDEX requests_mast ON colocation_requests(province_id, mast_id, state);
CREATE INDEX requests_site ON colocation_requests(plan_id, site_id);
CREATE INDEX requests_expiry ON colocation_requests(state, approval_expires_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_user_id INTEGER,
  actor_username TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  province_id TEXT,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_province ON audit_log(province_id, id);
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * The same schema in PostgreSQL: user names compare without case through citext (SQLite's NOCASE), reals are
 * DOUBLE PRECISION, ids are identity columns, and the append-only tables refuse UPDATE and DELETE by triggers with
 * the same messages. Times stay ISO 8601 text, as on SQLite, so both engines compare and return them alike.
 */
export const postgres = `
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE provinces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  lapse_months INTEGER NOT NULL DEFAULT 6 CHECK (lapse_months BETWEEN 1 AND 60),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT
);

CREATE TABLE users (
  id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  username CITEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('ministry', 'province', 'operator')),
  province_id TEXT REFERENCES provinces(id),
  operator TEXT,
  created_at TEXT NOT NULL,
  CHECK ((role = 'province') = (province_id IS NOT NULL)),
  CHECK ((role = 'operator') = (operator IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE masts (
  province_id TEXT NOT NULL REFERENCES provinces(id),
  id TEXT NOT NULL,
  operator TEXT NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  height_m DOUBLE PRECISION,
  mast_type TEXT CHECK (mast_type IN ('A1', 'A2a', 'A2b', 'A2c')),
  tenants TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (province_id, id)
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  province_id TEXT NOT NULL REFERENCES provinces(id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  published_version INTEGER,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX plans_province ON plans(province_id);

CREATE TABLE plan_versions (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (plan_id, version)
);

CREATE TABLE colocation_requests (
  id TEXT PRIMARY KEY,
  province_id TEXT NOT NULL REFERENCES provinces(id),
  operator TEXT NOT NULL,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('mast', 'proposedSite')),
  mast_id TEXT,
  plan_id TEXT REFERENCES plans(id),
  site_id TEXT,
  equipment TEXT NOT NULL,
  antenna_height_m DOUBLE PRECISION NOT NULL,
  band TEXT NOT NULL,
  wind_load_area_m2 DOUBLE PRECISION,
  weight_kg DOUBLE PRECISION,
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected', 'withdrawn', 'built', 'lapsed')),
  decision_reason TEXT,
  submitted_at TEXT,
  decided_at TEXT,
  decided_by INTEGER REFERENCES users(id),
  approval_expires_at TEXT,
  built_at TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  CHECK ((target_kind = 'mast') = (mast_id IS NOT NULL)),
  CHECK ((target_kind = 'proposedSite') = (plan_id IS NOT NULL AND site_id IS NOT NULL)),
  FOREIGN KEY (province_id, mast_id) REFERENCES masts(province_id, id)
);
CREATE INDEX requests_province_state ON colocation_requests(province_id, state);
CREATE INDEX requests_operator ON colocation_requests(operator, state);
CREATE INDEX requests_mast ON colocation_requests(province_id, mast_id, state);
CREATE INDEX requests_site ON colocation_requests(plan_id, site_id);
CREATE INDEX requests_expiry ON colocation_requests(state, approval_expires_at);

CREATE TABLE audit_log (
  id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id INTEGER,
  actor_username TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  province_id TEXT,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_province ON audit_log(province_id, id);
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id, id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER plan_versions_append_only BEFORE UPDATE OR DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
