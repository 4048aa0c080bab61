#pragma once

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "migrator.h"
#include "pgfixture.h"

// Test data for the paged lists: the migrated schema with `drafts` drafts over 500 users and
// 50 installations. created_at repeats (every 40,000 drafts) so ties are broken by id.
namespace ListSeed {

inline constexpr auto kUsers = R"(INSERT INTO users (github_id, stripe_customer_id, created_at)
    SELECT (100000 + g)::text, 'cus_' || lpad(g::text, 6, '0'), now() - g * interval '1 minute'
    FROM generate_series(1, 500) g)";
inline constexpr auto kInstallations = R"(INSERT INTO github_app_installations
    (github_installation_id, account_name, account_type, created_at)
    SELECT (900000 + g)::text, CASE WHEN g % 2 = 0 THEN 'org-' ELSE 'user-' END || g,
           CASE WHEN g % 2 = 0 THEN 'organization' ELSE 'user' END, now() - g * interval '1 hour'
    FROM generate_series(1, 50) g)";
inline constexpr auto kMemberships = R"(INSERT INTO user_installations (user_id, installation_id, permission_level)
    SELECT u, 1 + u % 50, 'admin' FROM generate_series(1, 500) u)";
inline constexpr auto kDrafts = R"(INSERT INTO draft_content (user_id, workflow_run_id, content_type,
    github_issue_id, github_repo, content, metadata, status, created_at, updated_at)
    SELECT 1 + g % 500, 'run-' || g, CASE WHEN g % 4 = 0 THEN 'pull_request' ELSE 'comment' END,
           1 + g % 1000, 'acme/repo' || (g % 20),
           'Draft number ' || g || ' for *acme*' || E'\n\nSecond line with **bold** ' || md5(g::text),
           '{"title": "t"}', (ARRAY['draft', 'published', 'discarded'])[1 + g % 3],
           timestamptz '2026-01-01 00:00:00+00' + (g % 40000) * interval '1.5 second', now()
    FROM generate_series(1, :drafts) g)";

inline ConnectionProfile create(const QString &name, int drafts)
{
    const ConnectionProfile profile = PgFixture::instance().freshDatabase(name);
    auto conn = PgFixture::instance().connect(profile, QStringLiteral("seed"));
    auto migrated = Migrator(conn->db()).migrate();
    if (!migrated)
        qFatal("migrate: %s", qPrintable(migrated.error().text()));
    QSqlQuery q(conn->db());
    for (const char *sql : {kUsers, kInstallations, kMemberships}) {
        if (!q.exec(QString::fromLatin1(sql)))
            qFatal("seed: %s", qPrintable(q.lastError().text()));
    }
    const bool prepared = q.prepare(QString::fromLatin1(kDrafts));
    q.bindValue(QStringLiteral(":drafts"), drafts);
    if (!prepared || !q.exec() || !q.exec(QStringLiteral("ANALYZE")))
        qFatal("seed drafts: %s", qPrintable(q.lastError().text()));
    return profile;
}

inline QList<qint64> ids(const ConnectionProfile &profile, const QString &sql)
{
    auto conn = PgFixture::instance().connect(profile, QStringLiteral("check"));
    QSqlQuery q(conn->db());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    QList<qint64> result;
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

} // namespace ListSeed
