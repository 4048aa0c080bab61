-- Demo GitHub App installations: ~70% organizations ("acme-robotics", "nimbus-labs"), the rest
-- personal accounts with plausible logins. Installation ids spread over 1e7..6e7 without collisions;
-- names are unique (the two word lists have coprime lengths).
-- Parameters: staffconsole.demo_installations, staffconsole.demo_anchor.
INSERT INTO github_app_installations (github_installation_id, account_name, account_type, created_at)
SELECT (10000000 + (r.g - 1) * r.stride + floor(r.jitter * r.stride * 0.9)::bigint)::text,
       CASE WHEN r.org
            THEN w.heads[1 + (r.g - 1) % cardinality(w.heads)] || '-'
                 || w.tails[1 + (r.g - 1) % cardinality(w.tails)]
                 || CASE WHEN r.g > cardinality(w.heads) * cardinality(w.tails) THEN '-' || r.g ELSE '' END
            ELSE w.firsts[1 + (r.g - 1) % cardinality(w.firsts)]
                 || (ARRAY['-', '', '-', '_'])[1 + floor(r.style * 4)::int]
                 || w.lasts[1 + (r.g - 1) % cardinality(w.lasts)]
                 || CASE WHEN r.g > cardinality(w.firsts) * cardinality(w.lasts) THEN r.g::text
                         WHEN r.style > 0.9 THEN '-dev' ELSE '' END
       END,
       CASE WHEN r.org THEN 'organization' ELSE 'user' END,
       r.anchor - make_interval(secs => r.age * 700 * 86400)
FROM (
    SELECT g::bigint AS g, p.anchor,
           greatest(1, 50000000 / p.n)::bigint AS stride,
           random() AS jitter,
           random() < 0.7 OR g = 1 AS org,
           random() AS style,
           power(random(), 1.3) AS age
    FROM (SELECT current_setting('staffconsole.demo_installations')::int AS n,
                 current_setting('staffconsole.demo_anchor')::timestamptz AS anchor) AS p,
         generate_series(1, p.n) AS g
    OFFSET 0
) AS r,
(SELECT ARRAY['acme', 'nimbus', 'orbital', 'bluefin', 'quanta', 'redwood', 'helix', 'northwind',
              'sparrow', 'lumen', 'cobalt', 'vertex', 'tidal', 'ember', 'polaris', 'juniper',
              'granite', 'aurora', 'kestrel', 'fathom', 'saffron', 'meridian', 'basalt', 'zephyr'] AS heads,
        ARRAY['robotics', 'labs', 'systems', 'cloud', 'health', 'analytics', 'io', 'works',
              'software', 'data', 'security', 'mobility', 'energy', 'finance', 'studio', 'dev',
              'platform'] AS tails,
        ARRAY['maria', 'devon', 'aisha', 'kenji', 'lucas', 'priya', 'tomasz', 'nadia', 'oliver',
              'mei', 'samuel', 'ines', 'rafael', 'yuki', 'farah', 'jonas', 'elena', 'kwame', 'sofia'] AS firsts,
        ARRAY['chen', 'okafor', 'schmidt', 'patel', 'nakamura', 'silva', 'novak', 'haddad',
              'larsen', 'garcia', 'kowalski', 'mensah', 'dubois'] AS lasts) AS w
ORDER BY r.g
