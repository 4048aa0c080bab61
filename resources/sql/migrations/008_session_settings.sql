-- Session limits per staff role.
--
-- ALTER ROLE staff_reviewer SET ... would do nothing for a person: PostgreSQL applies only the LOGIN
-- role's own settings at connect, never those of the roles it is a member of. So the limits live in
-- this table and reach a session two ways:
--   * staff_configure_login(login) copies them onto the login role (ALTER ROLE login SET ...); the
--     console calls it when it creates a staff login, so every client (psql too) gets them;
--   * staff_apply_session_settings() sets them for the current session; the console calls it right
--     after connecting, so a change of this table or of a login's memberships applies at once.
-- A login with several staff roles gets the most generous value of its roles (so each job works).

CREATE TABLE staff_role_session_settings (
    role_name text PRIMARY KEY CHECK (role_name IN ('staff_reviewer', 'staff_admin', 'staff_support')),
    statement_timeout interval NOT NULL CHECK (statement_timeout > interval '0'),
    idle_in_transaction_session_timeout interval NOT NULL
        CHECK (idle_in_transaction_session_timeout > interval '0')
);

INSERT INTO staff_role_session_settings VALUES
    ('staff_reviewer', interval '30 seconds', interval '2 minutes'),
    ('staff_admin',    interval '60 seconds', interval '2 minutes'),
    ('staff_support',  interval '30 seconds', interval '1 minute');

REVOKE ALL ON staff_role_session_settings FROM PUBLIC;
GRANT SELECT ON staff_role_session_settings TO staff_reviewer, staff_admin, staff_support;

-- The effective limits (milliseconds) for a role: the largest of its staff roles' values; NULL when
-- it has none (superusers and non-staff logins keep their own configuration). Runs as the owner so
-- a CREATEROLE login that is no staff member can configure new logins; it reveals only the limits.
CREATE FUNCTION staff_session_limits(login text,
                                     OUT statement_timeout_ms bigint,
                                     OUT idle_in_transaction_session_timeout_ms bigint)
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (max(extract(epoch FROM s.statement_timeout)) * 1000)::bigint,
           (max(extract(epoch FROM s.idle_in_transaction_session_timeout)) * 1000)::bigint
      FROM public.staff_role_session_settings AS s
      JOIN pg_roles AS r ON r.rolname = s.role_name
     WHERE pg_has_role(login, r.oid, 'USAGE')
       AND NOT EXISTS (SELECT 1 FROM pg_roles AS l WHERE l.rolname = login AND l.rolsuper)
$$;

-- Applies the session user's limits to this session. Returns the statement_timeout now in effect.
CREATE FUNCTION staff_apply_session_settings()
    RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    limits record;
BEGIN
    SELECT * INTO limits FROM public.staff_session_limits(session_user::text);
    IF limits.statement_timeout_ms IS NOT NULL THEN
        PERFORM set_config('statement_timeout', limits.statement_timeout_ms::text, false);
        PERFORM set_config('idle_in_transaction_session_timeout',
                           limits.idle_in_transaction_session_timeout_ms::text, false);
    END IF;
    RETURN current_setting('statement_timeout');
END
$$;

-- Writes the limits onto a login role (caller needs CREATEROLE, as for staff_create_login).
CREATE FUNCTION staff_configure_login(login text)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    limits record;
BEGIN
    SELECT * INTO limits FROM public.staff_session_limits(login);
    IF limits.statement_timeout_ms IS NULL THEN
        RAISE EXCEPTION '% is not a member of a staff role', login USING ERRCODE = '22023';
    END IF;
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', login, limits.statement_timeout_ms);
    EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L',
                   login, limits.idle_in_transaction_session_timeout_ms);
END
$$;
