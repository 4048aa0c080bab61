-- Demo memberships. Each organization has 2..15 members: the first (its creator) is an admin,
-- the others admin (~15%), write (~45%) or read (~40%). Each personal account has its owner as
-- admin; a few also have a collaborator with write access. Members are picked by a hash of
-- (installation, user), so the choice is reproducible without depending on scan order.
-- "Member since" (created_at) is never before the user or the installation existed: the first
-- member joined within a day of the later of the two, the others at a random moment between then
-- and the anchor (the seeding time), so the dates spread over the months both have existed.
-- Parameter: staffconsole.demo_anchor.
WITH
orgs AS (
    SELECT i.id, i.created_at, 2 + get_byte(decode(md5('members/' || i.id), 'hex'), 0) % 14 AS size
    FROM github_app_installations i
    WHERE i.account_type = 'organization'
),
org_members AS (
    SELECT o.id AS installation_id, u.id AS user_id, greatest(o.created_at, u.created_at) AS since,
           row_number() OVER (PARTITION BY o.id ORDER BY md5(o.id || '/' || u.id)) AS rank, o.size
    FROM orgs o CROSS JOIN users u
),
personal AS (
    SELECT i.id, i.created_at, row_number() OVER (ORDER BY i.id) AS n
    FROM github_app_installations i
    WHERE i.account_type = 'user'
),
ranked_users AS (
    SELECT u.id, u.created_at, row_number() OVER (ORDER BY md5('owner/' || u.id)) AS n,
           count(*) OVER () AS total
    FROM users u
),
personal_members AS (
    SELECT p.id AS installation_id, u.id AS user_id, greatest(p.created_at, u.created_at) AS since,
           1 AS rank
    FROM personal p JOIN ranked_users u ON u.n = 1 + (p.n - 1) % u.total
    UNION ALL
    SELECT p.id, u.id, greatest(p.created_at, u.created_at), 2
    FROM personal p JOIN ranked_users u ON u.n = 1 + (p.n * 7 + 3) % u.total
    WHERE p.n % 5 = 0 AND u.n <> 1 + (p.n - 1) % u.total
),
members AS (
    SELECT installation_id, user_id, since, rank, 'org' AS kind FROM org_members WHERE rank <= size
    UNION ALL
    SELECT installation_id, user_id, since, rank, 'user' FROM personal_members
)
INSERT INTO user_installations (user_id, installation_id, permission_level, created_at)
SELECT r.user_id, r.installation_id,
       CASE WHEN r.rank = 1 THEN 'admin'
            WHEN r.kind = 'user' THEN 'write'
            WHEN r.level < 0.15 THEN 'admin'
            WHEN r.level < 0.60 THEN 'write'
            ELSE 'read' END,
       r.since + r.delay * CASE WHEN r.rank = 1 THEN least(interval '1 day', r.anchor - r.since)
                                ELSE r.anchor - r.since END
FROM (
    SELECT m.*, p.anchor, random() AS level, random() AS delay
    FROM (SELECT * FROM members ORDER BY installation_id, rank) AS m,
         (SELECT current_setting('staffconsole.demo_anchor')::timestamptz AS anchor) AS p
    OFFSET 0
) AS r
