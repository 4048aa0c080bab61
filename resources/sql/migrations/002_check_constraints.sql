-- CHECK constraints for the enumerated columns. Rows that would violate one are looked for first,
-- so the step fails with the table, the constraint and the offending row keys instead of
-- PostgreSQL's bare "is violated by some row". NULL passes a CHECK, as in the seed.
-- The tables are locked first (ALTER TABLE takes this lock anyway) so no row slips in between.
LOCK TABLE draft_content, user_installations, github_app_installations IN ACCESS EXCLUSIVE MODE;

DO $check$
DECLARE
    rule record;
    offenders text;
    total bigint;
    report text := '';
BEGIN
    FOR rule IN
        SELECT * FROM (VALUES
            ('draft_content', 'draft_content_content_type_check', 'content_type',
             'content_type IN (''comment'', ''pull_request'')', 'id', 'id'),
            ('draft_content', 'draft_content_status_check', 'status',
             'status IN (''draft'', ''published'', ''discarded'')', 'id', 'id'),
            ('user_installations', 'user_installations_permission_level_check', 'permission_level',
             'permission_level IN (''admin'', ''write'', ''read'')',
             '(user_id, installation_id)', 'format(''(%s, %s)'', user_id, installation_id)'),
            ('github_app_installations', 'github_app_installations_account_type_check', 'account_type',
             'account_type IN (''user'', ''organization'')', 'id', 'id')
        ) AS r(tbl, constraint_name, col, predicate, key_name, key_expr)
    LOOP
        EXECUTE format(
            'SELECT count(*), string_agg(k, '', '' ORDER BY n) FILTER (WHERE n <= 20) FROM ('
            '  SELECT %s::text AS k, row_number() OVER (ORDER BY %s) AS n FROM %I WHERE NOT (%s)) v',
            rule.key_expr, rule.key_name, rule.tbl, rule.predicate)
            INTO total, offenders;
        IF total > 0 THEN
            report := report || format(
                E'\n%s: constraint %s (%s) is violated by %s row(s) with %s %s',
                rule.tbl, rule.constraint_name, rule.predicate, total, rule.key_name,
                offenders || CASE WHEN total > 20 THEN ', ...' ELSE '' END);
        END IF;
    END LOOP;
    IF report <> '' THEN
        RAISE EXCEPTION 'Rows violate the new CHECK constraints; nothing was changed.%', report
            USING ERRCODE = 'check_violation',
                  HINT = 'Correct or delete these rows, then run the migration again.';
    END IF;
END
$check$;

ALTER TABLE draft_content
    ADD CONSTRAINT draft_content_content_type_check CHECK (content_type IN ('comment', 'pull_request'));
ALTER TABLE draft_content
    ADD CONSTRAINT draft_content_status_check CHECK (status IN ('draft', 'published', 'discarded'));
ALTER TABLE user_installations
    ADD CONSTRAINT user_installations_permission_level_check CHECK (permission_level IN ('admin', 'write', 'read'));
ALTER TABLE github_app_installations
    ADD CONSTRAINT github_app_installations_account_type_check CHECK (account_type IN ('user', 'organization'));
