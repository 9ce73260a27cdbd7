/**
 * Isolation in the database. On PostgreSQL: the API role `cosite_api` (no login, no BYPASSRLS, not the owner; the
 * server switches to it with SET LOCAL ROLE in every transaction it runs for a user, see PostgresDatabase.as) and
 * row-level security policies on the masts, the co-location requests, the plans and their versions, and the audit
 * trail, per province and per operator, read from the settings that transaction sets (cosite.role, cosite.user_id,
 * cosite.province_id, cosite.operator). The audit trail and plan versions are append-only for that role by
 * privilege too (no UPDATE or DELETE granted), besides the triggers of migration 1.
 *
 * On both engines: the view `request_targets`, what every party may know of the requests on a mast or proposed
 * site (the committed loads that make its spare capacity, whether a request still names a mast, and who built on
 * it) without who filed the others. The view runs with its owner's rights, so it reads past the policies.
 */
const requestTargets = `
CREATE VIEW request_targets AS
SELECT id, province_id, target_kind, mast_id, plan_id, site_id, state, wind_load_area_m2, weight_kg, built_at,
  CASE WHEN state = 'built' THEN operator END AS built_operator
FROM colocation_requests;
`;

export const up = requestTargets;

export const postgres = `
${requestTargets}

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cosite_api') THEN
    CREATE ROLE cosite_api NOLOGIN NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
-- The server's login role may become the API role (a superuser may anyway); granted here only when a DBA has not.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'cosite_api', 'MEMBER') THEN
    EXECUTE format('GRANT cosite_api TO %I', current_user);
  END IF;
END
$$;

CREATE FUNCTION cosite_role() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT coalesce(current_setting('cosite.role', true), '') $$;
CREATE FUNCTION cosite_user_id() RETURNS integer LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('cosite.user_id', true), '')::integer $$;
CREATE FUNCTION cosite_province_id() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('cosite.province_id', true), '') $$;
CREATE FUNCTION cosite_operator() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('cosite.operator', true), '') $$;

GRANT USAGE ON SCHEMA public TO cosite_api;
GRANT SELECT ON provinces, users, plans, plan_versions, masts, colocation_requests, audit_log, request_targets,
  schema_migrations TO cosite_api;
GRANT UPDATE ON provinces TO cosite_api;
GRANT INSERT ON users TO cosite_api;
GRANT UPDATE (password_hash) ON users TO cosite_api;
GRANT INSERT, UPDATE, DELETE ON masts TO cosite_api;
GRANT INSERT, UPDATE ON colocation_requests, plans TO cosite_api;
GRANT INSERT ON plan_versions, audit_log TO cosite_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, rate_limits TO cosite_api;
GRANT SELECT, INSERT ON server_secrets TO cosite_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO cosite_api;

ALTER TABLE masts ENABLE ROW LEVEL SECURITY;
CREATE POLICY masts_read ON masts FOR SELECT TO cosite_api
  USING (cosite_role() IN ('system', 'ministry', 'province', 'operator'));
CREATE POLICY masts_insert ON masts FOR INSERT TO cosite_api WITH CHECK (
  cosite_role() = 'system'
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND operator = cosite_operator()));
-- An operator also updates the tenant list of a mast it has reported built on (another operator's mast).
CREATE POLICY masts_update ON masts FOR UPDATE TO cosite_api USING (
  cosite_role() = 'system'
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND (operator = cosite_operator() OR EXISTS (
    SELECT 1 FROM colocation_requests r WHERE r.province_id = masts.province_id AND r.mast_id = masts.id
      AND r.operator = cosite_operator() AND r.state = 'built'))));
CREATE POLICY masts_delete ON masts FOR DELETE TO cosite_api USING (
  cosite_role() = 'system'
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND operator = cosite_operator()));

ALTER TABLE colocation_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY requests_read ON colocation_requests FOR SELECT TO cosite_api USING (
  cosite_role() IN ('system', 'ministry')
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND operator = cosite_operator()));
CREATE POLICY requests_insert ON colocation_requests FOR INSERT TO cosite_api WITH CHECK (
  cosite_role() = 'system'
  OR (cosite_role() = 'operator' AND operator = cosite_operator() AND created_by = cosite_user_id()));
CREATE POLICY requests_update ON colocation_requests FOR UPDATE TO cosite_api USING (
  cosite_role() = 'system'
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND operator = cosite_operator()));

ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY plans_read ON plans FOR SELECT TO cosite_api USING (
  cosite_role() IN ('system', 'ministry')
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND published_version IS NOT NULL));
CREATE POLICY plans_insert ON plans FOR INSERT TO cosite_api WITH CHECK (
  cosite_role() = 'system'
  OR (cosite_role() = 'province' AND province_id = cosite_province_id() AND created_by = cosite_user_id()));
CREATE POLICY plans_update ON plans FOR UPDATE TO cosite_api USING (
  cosite_role() = 'system' OR (cosite_role() = 'province' AND province_id = cosite_province_id()));

ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY plan_versions_read ON plan_versions FOR SELECT TO cosite_api USING (
  cosite_role() IN ('system', 'ministry')
  OR (cosite_role() = 'province' AND EXISTS (
    SELECT 1 FROM plans p WHERE p.id = plan_versions.plan_id AND p.province_id = cosite_province_id()))
  OR (cosite_role() = 'operator' AND EXISTS (
    SELECT 1 FROM plans p WHERE p.id = plan_versions.plan_id AND p.published_version = plan_versions.version)));
CREATE POLICY plan_versions_insert ON plan_versions FOR INSERT TO cosite_api WITH CHECK (
  cosite_role() = 'system'
  OR (cosite_role() = 'province' AND created_by = cosite_user_id() AND EXISTS (
    SELECT 1 FROM plans p WHERE p.id = plan_versions.plan_id AND p.province_id = cosite_province_id())));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit_log FOR SELECT TO cosite_api USING (
  cosite_role() IN ('system', 'ministry')
  OR (cosite_role() = 'province' AND province_id = cosite_province_id())
  OR (cosite_role() = 'operator' AND (actor_user_id = cosite_user_id() OR (entity_type = 'colocationRequest'
    AND EXISTS (SELECT 1 FROM colocation_requests r WHERE r.id = audit_log.entity_id)))));
CREATE POLICY audit_insert ON audit_log FOR INSERT TO cosite_api WITH CHECK (
  cosite_role() = 'system' OR actor_user_id = cosite_user_id());
`;
