-- updated_at is the time of the last UPDATE, whoever wrote it: the product backend, the console,
-- or psql. A BEFORE UPDATE trigger sets it on every row update, overriding any value supplied.
CREATE FUNCTION staff_console_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER user_preferences_touch_updated_at
    BEFORE UPDATE ON user_preferences
    FOR EACH ROW EXECUTE FUNCTION staff_console_touch_updated_at();

CREATE TRIGGER draft_content_touch_updated_at
    BEFORE UPDATE ON draft_content
    FOR EACH ROW EXECUTE FUNCTION staff_console_touch_updated_at();
