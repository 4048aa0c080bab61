-- After a bulk load of drafts: builds the indexes draft_indexes_drop.sql dropped, as they were.
DO $restore$
DECLARE
    ix record;
BEGIN
    FOR ix IN SELECT * FROM staff_console_demo_draft_indexes ORDER BY index_name LOOP
        EXECUTE ix.definition;
    END LOOP;
END
$restore$
