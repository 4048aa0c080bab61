-- After a bulk load of drafts: builds the indexes draft_indexes_drop.sql dropped, as they were.
-- With staffconsole.demo_defer_gin = 'on', GIN indexes (the trigram text index: most of the time
-- of a large load) are not built here but noted in staff_console_demo_deferred_indexes, for
-- DemoSeeder::buildDeferredIndexes() to build later on its own connection.
DO $restore$
DECLARE
    ix record;
BEGIN
    FOR ix IN SELECT * FROM staff_console_demo_draft_indexes ORDER BY index_name LOOP
        IF current_setting('staffconsole.demo_defer_gin') = 'on' AND ix.definition ~* ' USING gin ' THEN
            CREATE TABLE IF NOT EXISTS staff_console_demo_deferred_indexes (
                qualified_name text PRIMARY KEY,
                definition text NOT NULL);
            INSERT INTO staff_console_demo_deferred_indexes
            VALUES (format('%I.%I', ix.schema_name, ix.index_name), ix.definition)
            ON CONFLICT (qualified_name) DO UPDATE SET definition = EXCLUDED.definition;
        ELSE
            EXECUTE ix.definition;
        END IF;
    END LOOP;
END
$restore$
