-- The audit log: who changed what in the five seed tables, and when.
--
-- One row per INSERT, UPDATE and DELETE (and one per TRUNCATE statement), written by an AFTER
-- trigger that runs as the log's owner (SECURITY DEFINER), so no other role needs, or gets, any
-- write privilege on the log. Staff roles may read it. UPDATE, DELETE and TRUNCATE are revoked from
-- everyone, and a trigger refuses them for anyone but the table's owner (retention jobs run as the
-- owner), so a mistaken future GRANT still cannot rewrite history.
--
--   login        session_user: the person's login, even after SET ROLE
--   role         the role in effect when the change was made (the login itself, or what it SET ROLE to)
--   staff_roles  the staff / backend group roles that role had the privileges of at that moment
--   before/after INSERT: after = the new row; DELETE: before = the old row;
--                UPDATE: only the columns whose values changed ({} and {} when none did)
-- The five tables hold no passwords or API keys, so whole rows are safe to record here.
-- Rows written with session_replication_role = replica (the demo seeder's bulk load) are not logged.

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    transaction_id bigint NOT NULL DEFAULT txid_current(),
    login text NOT NULL,
    role text NOT NULL,
    staff_roles text[] NOT NULL DEFAULT '{}',
    application_name text,
    client_addr inet,
    table_name text NOT NULL,
    row_key jsonb NOT NULL,
    operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    before jsonb,
    after jsonb
);

CREATE INDEX audit_log_newest_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_row_idx ON audit_log (table_name, row_key, at DESC, id DESC);
CREATE INDEX audit_log_login_idx ON audit_log (login, at DESC, id DESC);

REVOKE ALL ON audit_log FROM PUBLIC;
GRANT SELECT ON audit_log TO staff_reviewer, staff_admin, staff_support;
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM PUBLIC', pg_get_serial_sequence('audit_log', 'id'));
END
$$;

-- Trigger arguments: the row key's column names.
CREATE FUNCTION audit_log_record()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    before_values jsonb;
    after_values jsonb;
    key_values jsonb := '{}';
    acting_role text;
    acting_staff_roles text[];
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        IF TG_OP <> 'INSERT' THEN
            old_row := to_jsonb(OLD);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            new_row := to_jsonb(NEW);
        END IF;
        IF TG_OP = 'UPDATE' THEN
            SELECT coalesce(jsonb_object_agg(o.key, o.value), '{}'),
                   coalesce(jsonb_object_agg(o.key, new_row -> o.key), '{}')
              INTO before_values, after_values
              FROM jsonb_each(old_row) AS o
             WHERE o.value IS DISTINCT FROM new_row -> o.key;
        ELSE
            before_values := old_row;
            after_values := new_row;
        END IF;
        SELECT coalesce(jsonb_object_agg(k, coalesce(new_row, old_row) -> k), '{}')
          INTO key_values
          FROM unnest(TG_ARGV) AS k;
    END IF;

    -- Inside SECURITY DEFINER current_user is the owner; the role setting still names SET ROLE's role.
    acting_role := CASE WHEN current_setting('role') = 'none' THEN session_user::text
                        ELSE current_setting('role') END;
    SELECT coalesce(array_agg(r.rolname::text ORDER BY r.rolname), '{}')
      INTO acting_staff_roles
      FROM pg_roles AS r
     WHERE r.rolname IN ('staff_reviewer', 'staff_admin', 'staff_support', 'app_backend')
       AND pg_has_role(acting_role, r.oid, 'USAGE')
       AND NOT EXISTS (SELECT 1 FROM pg_roles AS s WHERE s.rolname = acting_role AND s.rolsuper);

    INSERT INTO public.audit_log (login, role, staff_roles, application_name, client_addr,
                                  table_name, row_key, operation, before, after)
    VALUES (session_user, acting_role, acting_staff_roles,
            nullif(current_setting('application_name'), ''), inet_client_addr(),
            TG_TABLE_NAME, key_values, TG_OP, before_values, after_values);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION audit_log_record() FROM PUBLIC;

CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION audit_log_record('id');
CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON github_app_installations
    FOR EACH ROW EXECUTE FUNCTION audit_log_record('id');
CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON user_installations
    FOR EACH ROW EXECUTE FUNCTION audit_log_record('user_id', 'installation_id');
CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON user_preferences
    FOR EACH ROW EXECUTE FUNCTION audit_log_record('id');
CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON draft_content
    FOR EACH ROW EXECUTE FUNCTION audit_log_record('id');

CREATE TRIGGER audit_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_record();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON github_app_installations
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_record();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON user_installations
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_record();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON user_preferences
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_record();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON draft_content
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_record();

-- Append-only for everyone but the owner.
CREATE FUNCTION audit_log_refuse_change()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class AS c
                    WHERE c.oid = TG_RELID AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) THEN
        RAISE EXCEPTION 'permission denied: the audit log is append-only (% refused for %)', TG_OP, current_user
            USING ERRCODE = '42501';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
