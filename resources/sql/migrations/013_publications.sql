-- Publishing is an outbox: a publication row is committed before GitHub is called, and closed in
-- the same transaction that marks its draft 'published'.
--
-- state: 'open'      GitHub may have been called; the outcome is not known yet (a crash or a lost
--                    answer leaves it open: reconciliation reads GitHub back before sending again)
--        'published' GitHub answered with the created comment / pull request
--        'adopted'   found on GitHub by its marker (comment) or head branch (pull request)
--        'failed'    GitHub refused it (error holds kind, status, message); the draft stays 'draft'
--        'dry_run'   the owner's testing_mode: nothing was sent; request is what would have been
-- At most one open publication per draft (partial unique index): a second publisher is refused
-- with a unique violation and reads who holds it.

CREATE TABLE draft_publications (
    id bigserial PRIMARY KEY,
    draft_id integer NOT NULL REFERENCES draft_content(id),
    attempt_key uuid NOT NULL UNIQUE,
    login text NOT NULL DEFAULT session_user,
    kind text NOT NULL CHECK (kind IN ('comment', 'pull_request')),
    state text NOT NULL DEFAULT 'open'
        CHECK (state IN ('open', 'published', 'adopted', 'failed', 'dry_run')),
    request jsonb NOT NULL,
    github_id bigint,
    github_url text,
    error jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK ((state = 'open') = (finished_at IS NULL)),
    CHECK (state <> 'failed' OR error IS NOT NULL));

CREATE UNIQUE INDEX draft_publications_one_open ON draft_publications (draft_id) WHERE state = 'open';
CREATE INDEX draft_publications_draft ON draft_publications (draft_id, created_at DESC);

GRANT SELECT ON draft_publications TO staff_reviewer, staff_admin, staff_support, app_backend;
GRANT INSERT (draft_id, attempt_key, kind, state, request, github_id, github_url, error, finished_at),
      UPDATE (state, github_id, github_url, error, finished_at)
    ON draft_publications TO staff_reviewer, staff_admin, app_backend;
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM PUBLIC', pg_get_serial_sequence('draft_publications', 'id'));
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO staff_reviewer, staff_admin, app_backend',
                   pg_get_serial_sequence('draft_publications', 'id'));
END
$$;

ALTER TABLE draft_publications ENABLE ROW LEVEL SECURITY;
-- Staff see every publication (support: read only, by its grants). A reviewer inserts rows only as
-- itself and may close any open publication (reconciliation resolves what another console left
-- open); a closed publication is history: no staff login changes it.
CREATE POLICY staff_read ON draft_publications FOR SELECT
    TO staff_reviewer, staff_admin, staff_support USING (true);
CREATE POLICY staff_insert ON draft_publications FOR INSERT
    TO staff_reviewer, staff_admin WITH CHECK (login = session_user);
CREATE POLICY staff_update ON draft_publications FOR UPDATE
    TO staff_reviewer, staff_admin USING (state = 'open') WITH CHECK (true);
-- The backend: publications of its user's drafts (app.user_id, as in 006).
CREATE POLICY backend_own_rows ON draft_publications TO app_backend
    USING (EXISTS (SELECT 1 FROM draft_content d WHERE d.id = draft_id
                   AND d.user_id = nullif(current_setting('app.user_id', true), '')::integer))
    WITH CHECK (EXISTS (SELECT 1 FROM draft_content d WHERE d.id = draft_id
                        AND d.user_id = nullif(current_setting('app.user_id', true), '')::integer));

CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON draft_publications
    FOR EACH ROW EXECUTE FUNCTION audit_log_record('id');
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON draft_publications
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_record();
