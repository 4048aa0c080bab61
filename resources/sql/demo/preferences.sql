-- Demo preferences: one row for most users, two rows for ~4% (the seed has no unique key on
-- user_id), none for ~6%. notification_settings varies in shape: empty, email only, or a mix of
-- email, digest, Slack, quiet hours, limits and per-event switches; ~5% carry integers beyond 2^53
-- (9007199254740993 and up) so exact JSON round-trips are exercised.
-- Parameter: staffconsole.demo_anchor.
INSERT INTO user_preferences (user_id, auto_publish_comments, auto_publish_prs, testing_mode,
                              notification_settings, created_at, updated_at)
SELECT r.user_id, r.a < 0.3, r.b < 0.12, r.c < 0.08,
       CASE
           WHEN r.shape < 0.05 THEN '{}'::jsonb
           WHEN r.shape < 0.15 THEN jsonb_build_object('email', r.e < 0.7)
           ELSE jsonb_build_object(
                    'email', r.e < 0.8,
                    'digest', (ARRAY['off', 'daily', 'daily', 'weekly'])[1 + floor(r.d * 4)::int],
                    'max_per_day', (ARRAY[5, 10, 20, 20, 50, 100])[1 + floor(r.m * 6)::int])
                || CASE WHEN r.s < 0.45 THEN jsonb_build_object('slack', jsonb_build_object(
                            'channel', (ARRAY['#reviews', '#eng-notifications', '#ai-drafts', '#dev',
                                              '#platform-alerts', '#revisões', '#ops-🚨'])[1 + floor(r.s * 15.5)::int],
                            'mentions', r.e > 0.5))
                        ELSE '{}'::jsonb END
                || CASE WHEN r.q < 0.35 THEN jsonb_build_object('quiet_hours', jsonb_build_object(
                            'start', (ARRAY['22:00', '21:30', '23:00', '20:00'])[1 + floor(r.q * 11.4)::int],
                            'end', (ARRAY['07:00', '08:00', '06:30'])[1 + floor(r.d * 3)::int],
                            'tz', (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC',
                                         'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Sydney',
                                         'Europe/London'])[1 + floor(r.m * 8)::int]))
                        ELSE '{}'::jsonb END
                || CASE WHEN r.v < 0.30 THEN jsonb_build_object('events', jsonb_build_object(
                            'draft_ready', true,
                            'pr_opened', r.a < 0.7,
                            'publish_failed', true,
                            'weekly_report', r.b < 0.5))
                        ELSE '{}'::jsonb END
                || CASE WHEN r.user_id % 19 = 0
                        THEN jsonb_build_object('webhook', jsonb_build_object(
                            'id', 9007199254740993 + (r.user_id / 19 - 1) * 2,
                            'url', 'https://hooks.example.com/staff/' || substr(md5('hook/' || r.user_id), 1, 12)))
                        ELSE '{}'::jsonb END
       END,
       r.since,
       CASE WHEN r.touched < 0.4 THEN r.since
            ELSE least(r.anchor, r.since + make_interval(secs => r.touched * 200 * 86400)) END
FROM (
    SELECT u.id AS user_id, p.anchor,
           least(p.anchor, u.created_at + make_interval(secs => (copy - 1) * 90 * 86400 + 600)) AS since,
           random() AS a, random() AS b, random() AS c, random() AS shape, random() AS e,
           random() AS d, random() AS m, random() AS s, random() AS q, random() AS v,
           random() AS touched
    FROM (SELECT current_setting('staffconsole.demo_anchor')::timestamptz AS anchor) AS p,
         users u
         CROSS JOIN LATERAL generate_series(1,
             CASE WHEN get_byte(decode(md5('prefs/' || u.id), 'hex'), 0) < 15 THEN 0
                  WHEN get_byte(decode(md5('prefs/' || u.id), 'hex'), 0) < 26 THEN 2
                  ELSE 1 END) AS copy
    ORDER BY u.id, copy
    OFFSET 0
) AS r
ORDER BY r.user_id, r.since
