/**
 * The ministry's readiness targets, kept on the server and versioned: each save appends a version (who, when, the
 * targets as JSON); the current targets are the newest version. Everyone signed in reads them; only the ministry
 * saves (the route's rule, and on PostgreSQL the policy below).
 */
export const up = `
CREATE TABLE readiness_targets (
  version INTEGER PRIMARY KEY,
  targets TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE TRIGGER readiness_targets_no_update BEFORE UPDATE ON readiness_targets
BEGIN SELECT RAISE(ABORT, 'readiness_targets is append-only'); END;
CREATE TRIGGER readiness_targets_no_delete BEFORE DELETE ON readiness_targets
BEGIN SELECT RAISE(ABORT, 'readiness_targets is append-only'); END;
`;

export const postgres = `
CREATE TABLE readiness_targets (
  version INTEGER PRIMARY KEY,
  targets TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE TRIGGER readiness_targets_append_only BEFORE UPDATE OR DELETE ON readiness_targets
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

GRANT SELECT, INSERT ON readiness_targets TO cosite_api;
ALTER TABLE readiness_targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY readiness_targets_read ON readiness_targets FOR SELECT TO cosite_api
  USING (cosite_role() IN ('system', 'ministry', 'province', 'operator'));
CREATE POLICY readiness_targets_insert ON readiness_targets FOR INSERT TO cosite_api
  WITH CHECK (cosite_role() = 'ministry' AND created_by = cosite_user_id());
`;
