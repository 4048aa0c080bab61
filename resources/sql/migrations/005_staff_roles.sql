-- Staff roles and least-privilege grants.
--
-- Roles are cluster-wide: they are created only when missing, so migrating a second database in
-- the same cluster works. Creating them needs CREATEROLE (or a superuser); grants need the table
-- owner. A person logs in as their own LOGIN role that is a member of one or more group roles:
--   staff_reviewer  reads the five tables; edits draft content, metadata and status
--   staff_admin     everything a reviewer can (it is a member of staff_reviewer), plus writes
--                   user_preferences and user_installations
--   staff_support   reads everything; edits users.stripe_customer_id only
--   app_backend     the product backend; row-level security (006) limits it to app.user_id's rows
-- The publication log (publishing issue) grants its INSERT/UPDATE to staff_reviewer in its own
-- migration; staff_admin inherits it through membership.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['staff_reviewer', 'staff_admin', 'staff_support', 'app_backend'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN INHERIT', r);
        END IF;
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                   WHERE m.roleid = 'staff_reviewer'::regrole AND m.member = 'staff_admin'::regrole) THEN
        GRANT staff_reviewer TO staff_admin;
    END IF;
END
$$;

-- Nothing reaches these tables through PUBLIC; every grant below is explicit.
REVOKE ALL ON users, github_app_installations, user_installations, user_preferences, draft_content
    FROM PUBLIC;
-- CREATE on schema public is left as it is: PostgreSQL 15 no longer grants it to PUBLIC, and on an
-- upgraded cluster the product itself may rely on it (revoke it by hand if it does not).
GRANT USAGE ON SCHEMA public TO staff_reviewer, staff_admin, staff_support, app_backend;

-- Reviewer: read the five tables; change a draft's text, metadata and status (updated_at is kept
-- by the trigger of 003 but may also be written explicitly for optimistic locking).
GRANT SELECT ON users, github_app_installations, user_installations, user_preferences, draft_content
    TO staff_reviewer;
GRANT UPDATE (content, metadata, status, updated_at) ON draft_content TO staff_reviewer;

-- Admin: the reviewer's grants through membership, plus preferences and memberships.
GRANT INSERT, UPDATE ON user_preferences TO staff_admin;
GRANT INSERT, UPDATE, DELETE ON user_installations TO staff_admin;

-- Support: read everything; only the Stripe customer link of a user may change.
GRANT SELECT ON users, github_app_installations, user_installations, user_preferences, draft_content
    TO staff_support;
GRANT UPDATE (stripe_customer_id) ON users TO staff_support;

-- Product backend: reads users and installations (no tenant column, so no row-level security);
-- full row access to its users' drafts, preferences and memberships, limited by 006's policies.
GRANT SELECT ON users, github_app_installations TO app_backend;
GRANT SELECT, INSERT, UPDATE, DELETE ON draft_content, user_preferences, user_installations
    TO app_backend;

DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM PUBLIC', pg_get_serial_sequence('user_preferences', 'id'));
    EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM PUBLIC', pg_get_serial_sequence('draft_content', 'id'));
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO staff_admin, app_backend',
                   pg_get_serial_sequence('user_preferences', 'id'));
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO app_backend', pg_get_serial_sequence('draft_content', 'id'));
END
$$;

-- Creates a staff LOGIN role that is a member of the given staff roles. The caller needs
-- CREATEROLE (the function runs with the caller's rights). The password arrives as a SCRAM-SHA-256
-- verifier computed by the client, so the clear text never reaches the server, its logs or this
-- statement. Identifiers are quoted with %I; values never become SQL text unquoted.
CREATE OR REPLACE FUNCTION staff_create_login(login text, password_verifier text, staff_roles text[])
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r text;
BEGIN
    IF login IS NULL OR login !~ '^[a-z_][a-z0-9_]{2,62}$' THEN
        RAISE EXCEPTION 'a login name is 3 to 63 lower-case letters, digits or underscores'
            USING ERRCODE = '22023';
    END IF;
    IF password_verifier IS NULL OR password_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the password must be given as a SCRAM-SHA-256 verifier'
            USING ERRCODE = '22023';
    END IF;
    IF staff_roles IS NULL OR cardinality(staff_roles) = 0
       OR NOT staff_roles <@ ARRAY['staff_reviewer', 'staff_admin', 'staff_support'] THEN
        RAISE EXCEPTION 'a staff login needs one or more of staff_reviewer, staff_admin, staff_support'
            USING ERRCODE = '22023';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',
                   login, password_verifier);
    FOREACH r IN ARRAY staff_roles LOOP
        EXECUTE format('GRANT %I TO %I', r, login);
    END LOOP;
END
$$;
