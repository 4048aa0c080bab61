-- Row-level security on the tables that belong to one user.
--
-- Staff roles see and change every row (their grants from 005 still decide WHICH changes).
-- app_backend sees and changes only the rows of the user named by the session setting app.user_id
-- (SET app.user_id = '42', usually SET LOCAL inside the backend's transaction). Without the
-- setting, or with it reset to '', the comparison is NULL: no rows, no error.
--
-- Not FORCEd: the table owner (the identity that runs migrations) keeps bypassing the policies, as
-- does any superuser. Neither staff nor the backend may log in as the owner; the demo seeder runs
-- as the superuser and so is not limited either.

ALTER TABLE draft_content ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_installations ENABLE ROW LEVEL SECURITY;

CREATE POLICY staff_all_rows ON draft_content
    TO staff_reviewer, staff_admin, staff_support USING (true) WITH CHECK (true);
CREATE POLICY staff_all_rows ON user_preferences
    TO staff_reviewer, staff_admin, staff_support USING (true) WITH CHECK (true);
CREATE POLICY staff_all_rows ON user_installations
    TO staff_reviewer, staff_admin, staff_support USING (true) WITH CHECK (true);

CREATE POLICY backend_own_rows ON draft_content TO app_backend
    USING (user_id = nullif(current_setting('app.user_id', true), '')::integer)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::integer);
CREATE POLICY backend_own_rows ON user_preferences TO app_backend
    USING (user_id = nullif(current_setting('app.user_id', true), '')::integer)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::integer);
CREATE POLICY backend_own_rows ON user_installations TO app_backend
    USING (user_id = nullif(current_setting('app.user_id', true), '')::integer)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::integer);
