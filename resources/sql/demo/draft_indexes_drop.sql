-- Before a bulk load of drafts: note draft_content's secondary indexes (not the primary key, nor
-- any index behind a constraint) in a transaction-local table and drop them, so the load does not
-- maintain them row by row; draft_indexes_restore.sql builds each again in one pass.
DO $drop$
DECLARE
    ix record;
BEGIN
    CREATE TEMP TABLE staff_console_demo_draft_indexes ON COMMIT DROP AS
    SELECT n.nspname AS schema_name, c.relname AS index_name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE i.indrelid = 'draft_content'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
    FOR ix IN SELECT * FROM staff_console_demo_draft_indexes LOOP
        EXECUTE format('DROP INDEX %I.%I', ix.schema_name, ix.index_name);
    END LOOP;
END
$drop$
