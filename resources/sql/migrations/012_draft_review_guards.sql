-- The review editor's guards: restoring a discarded draft is for admins, and an admin may take
-- over another login's claim on a draft.
--
-- 1. A reviewer may discard a draft (UPDATE of status, granted in 005) but may not bring a discarded
--    draft back: only staff_admin may, except that the login that discarded it may undo its own
--    discard within 30 seconds (the console offers 10; the rest is slack for a slow network). The
--    undo window is read from the audit log (007), which no staff role can write, not from the row's
--    metadata, which reviewers can. Logins without staff_reviewer's privileges (the product
--    backend, the table owner) are not limited here.
-- 2. Claims are session advisory locks (class 1396917315, "SCDC", key = the draft id) held by the
--    console's dedicated claims connection; they end with that connection. staff_take_over_draft_claim
--    ends the connection that holds a draft's claim, so the admin can claim it. It runs as this
--    migration's owner, which must be a superuser or a member of pg_signal_backend (granted below
--    when the owner may grant it); it never ends a superuser's connection or one that holds no claim.

CREATE FUNCTION draft_content_guard_restore()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF OLD.status IS DISTINCT FROM 'discarded' OR NEW.status IS NOT DISTINCT FROM 'discarded' THEN
        RETURN NEW;
    END IF;
    IF NOT pg_has_role(current_user, 'staff_reviewer', 'USAGE') OR pg_has_role(current_user, 'staff_admin', 'USAGE') THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1
                 FROM (SELECT a.login, a.at, a.after
                         FROM public.audit_log AS a
                        WHERE a.table_name = 'draft_content'
                          AND a.row_key = jsonb_build_object('id', OLD.id)
                          AND a.operation = 'UPDATE'
                          AND a.after -> 'status' IS NOT NULL
                        ORDER BY a.at DESC, a.id DESC
                        LIMIT 1) AS last_status_change
                WHERE last_status_change.login = session_user
                  AND last_status_change.after ->> 'status' = 'discarded'
                  AND last_status_change.at > clock_timestamp() - interval '30 seconds') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'permission denied: only staff_admin may restore discarded draft #%', OLD.id
        USING ERRCODE = '42501',
              HINT = 'The login that discarded a draft may undo that within 30 seconds.';
END
$$;
REVOKE ALL ON FUNCTION draft_content_guard_restore() FROM PUBLIC;

CREATE TRIGGER draft_content_guard_restore
    BEFORE UPDATE OF status ON draft_content
    FOR EACH ROW EXECUTE FUNCTION draft_content_guard_restore();

-- Returns the login whose claim was ended, or NULL when nobody else held the draft.
CREATE FUNCTION staff_take_over_draft_claim(draft_id integer)
    RETURNS text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    holder record;
    ended text;
BEGIN
    FOR holder IN
        SELECT l.pid, a.usename::text AS login, r.rolsuper
          FROM pg_locks AS l
          JOIN pg_stat_activity AS a ON a.pid = l.pid
          LEFT JOIN pg_roles AS r ON r.oid = a.usesysid
         WHERE l.locktype = 'advisory' AND l.granted
           AND l.database = (SELECT d.oid FROM pg_database AS d WHERE d.datname = current_database())
           AND l.classid = 1396917315::oid AND l.objid = draft_id::oid AND l.objsubid = 2
           AND l.pid <> pg_backend_pid()
    LOOP
        IF holder.rolsuper THEN
            RAISE EXCEPTION 'permission denied: draft #% is claimed by the superuser %, whose connection cannot be ended',
                draft_id, holder.login USING ERRCODE = '42501';
        END IF;
        -- Waits (up to 5 s) until the backend has exited and so released its claim.
        PERFORM pg_terminate_backend(holder.pid, 5000);
        ended := holder.login;
    END LOOP;
    RETURN ended;
END
$$;
REVOKE ALL ON FUNCTION staff_take_over_draft_claim(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_take_over_draft_claim(integer) TO staff_admin;

DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT pg_signal_backend TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'taking over a draft claim will be refused until % is granted pg_signal_backend', current_user;
        END;
    END IF;
END
$$;
