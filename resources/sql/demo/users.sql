-- Demo users: GitHub numeric ids (as strings) spread over 1e3..1.5e8 without collisions, a Stripe
-- customer for ~85%, sign-ups over the last two years (more of them recent).
-- Parameters (transaction-local settings): staffconsole.demo_users, staffconsole.demo_anchor.
-- Every random draw happens once per row, in generate_series order: a fixed setseed() repeats it.
INSERT INTO users (github_id, stripe_customer_id, created_at)
SELECT (1000 + (r.g - 1) * r.stride + floor(r.jitter * r.stride * 0.9)::bigint)::text,
       CASE WHEN r.billed < 0.85 THEN 'cus_' || r.customer END,
       r.anchor - make_interval(secs => r.age * 730 * 86400)
FROM (
    SELECT g::bigint AS g, p.anchor,
           greatest(1, (150000000 - 1000) / p.n)::bigint AS stride,
           random() AS jitter,
           random() AS billed,
           power(random(), 1.6) AS age,
           (SELECT string_agg(substr('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
                                     1 + floor(random() * 62)::int, 1), '')
            FROM generate_series(1, 14 + 0 * g)) AS customer
    FROM (SELECT current_setting('staffconsole.demo_users')::int AS n,
                 current_setting('staffconsole.demo_anchor')::timestamptz AS anchor) AS p,
         generate_series(1, p.n) AS g
    OFFSET 0
) AS r
ORDER BY r.g
