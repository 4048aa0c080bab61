#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QScopeGuard>
#include <QThread>

#include <optional>

#include "expectedcheck.h"
#include "migrator.h"
#include "pgfixture.h"

using namespace Qt::StringLiterals;

inline QString errorText(const MigrationError &e) { return e.text(); } // for SC_VERIFY_OK

namespace {

// DESIGN.md's seed schema, verbatim: what production databases already hold.
constexpr auto kVerbatimSeed = R"(
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    github_id VARCHAR(255) UNIQUE NOT NULL,
    stripe_customer_id VARCHAR(255) UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE github_app_installations (
    id SERIAL PRIMARY KEY,
    github_installation_id VARCHAR(255) UNIQUE NOT NULL,
    account_name VARCHAR(255) NOT NULL,
    account_type VARCHAR(50) NOT NULL,          -- 'user' or 'organization'
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE user_installations (
    user_id INTEGER REFERENCES users(id),
    installation_id INTEGER REFERENCES github_app_installations(id),
    permission_level VARCHAR(50) NOT NULL,      -- 'admin', 'write', 'read'
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, installation_id));
CREATE TABLE user_preferences (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    auto_publish_comments BOOLEAN DEFAULT false,
    auto_publish_prs BOOLEAN DEFAULT false,
    testing_mode BOOLEAN DEFAULT false,
    notification_settings JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE draft_content (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    workflow_run_id VARCHAR(255) NOT NULL,      -- id of a WorkflowRun node in Neo4j
    content_type VARCHAR(50) NOT NULL,          -- 'comment' or 'pull_request'
    github_issue_id INTEGER NOT NULL,
    github_repo VARCHAR(255) NOT NULL,          -- 'owner/name'
    content TEXT NOT NULL,
    metadata JSONB,
    status VARCHAR(50) DEFAULT 'draft',         -- 'draft', 'published', 'discarded'
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
-- seed indexes
CREATE INDEX idx_users_github_id ON users(github_id);
CREATE INDEX idx_users_stripe_id ON users(stripe_customer_id);
CREATE INDEX idx_installations_github_id ON github_app_installations(github_installation_id);
CREATE INDEX idx_draft_content_workflow ON draft_content(workflow_run_id);
)";

// Rows in every seed table, as production would have them (JSON with big integers, unicode).
constexpr auto kSeedRows = R"(
INSERT INTO users (id, github_id, stripe_customer_id, created_at) VALUES
    (1, '583231', 'cus_NffrFeUfNV2Hib', '2024-01-02 03:04:05.123456+00'),
    (2, '9919', NULL, '2024-02-03 04:05:06+00'),
    (3, '1342004', 'cus_Q1w2e3r4t5', NULL);
SELECT setval('users_id_seq', 3);
INSERT INTO github_app_installations (id, github_installation_id, account_name, account_type) VALUES
    (1, '38201993', 'octocat', 'user'),
    (2, '40123887', 'acme-corp', 'organization');
SELECT setval('github_app_installations_id_seq', 2);
INSERT INTO user_installations (user_id, installation_id, permission_level) VALUES
    (1, 1, 'admin'), (2, 2, 'write'), (3, 2, 'read');
INSERT INTO user_preferences (id, user_id, auto_publish_comments, testing_mode, notification_settings, updated_at) VALUES
    (1, 1, true, false, '{"email": {"digest": "daily"}, "slack_channel_id": 12345678901234567890, "x-unknown": [1, 2.50, null]}', '2024-03-01 00:00+00'),
    (2, 1, false, true, NULL, '2024-03-02 00:00+00'),
    (3, 2, NULL, NULL, '{"muted_repos": ["acme-corp/api"]}', NULL);
SELECT setval('user_preferences_id_seq', 3);
INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content, metadata, status) VALUES
    (1, 1, 'wr-0001', 'comment', 12, 'octocat/hello-world', E'## Summary\n\nLooks good — ünïcödé ✓', NULL, 'draft'),
    (2, 2, 'wr-0002', 'pull_request', 7, 'acme-corp/api', 'Fixes the flaky test.', '{"title": "Fix flaky test", "head": "fix/flaky", "base": "main"}', 'published'),
    (3, 3, 'wr-0003', 'comment', 99, 'acme-corp/api', 'Not needed.', NULL, 'discarded'),
    (5, 1, 'wr-0005', 'comment', 100, 'octocat/hello-world', 'Status left NULL by an old backend.', NULL, NULL);
SELECT setval('draft_content_id_seq', 5);
)";

// Every row of the seed tables with its xmin: a row rewritten by the migration changes its xmin.
constexpr auto kRowDump = R"(
    SELECT 'users', t.xmin::text, to_jsonb(t)::text FROM users t
    UNION ALL SELECT 'github_app_installations', t.xmin::text, to_jsonb(t)::text FROM github_app_installations t
    UNION ALL SELECT 'user_installations', t.xmin::text, to_jsonb(t)::text FROM user_installations t
    UNION ALL SELECT 'user_preferences', t.xmin::text, to_jsonb(t)::text FROM user_preferences t
    UNION ALL SELECT 'draft_content', t.xmin::text, to_jsonb(t)::text FROM draft_content t
    ORDER BY 1, 3)";

constexpr auto kSeedTables = "('users', 'github_app_installations', 'user_installations', "
                             "'user_preferences', 'draft_content')";

constexpr auto kColumns = R"(
    SELECT table_name, column_name, ordinal_position, data_type, character_maximum_length,
           is_nullable, column_default
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name IN %1
    ORDER BY table_name, ordinal_position)";

constexpr auto kConstraints = R"(
    SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
    FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text IN %1
    ORDER BY 1, 2)";

constexpr auto kIndexes = R"(
    SELECT tablename, indexname, indexdef FROM pg_indexes
    WHERE schemaname = 'public' AND tablename IN %1 ORDER BY 1, 2)";

constexpr auto kSequences = R"(
    SELECT sequencename, data_type, start_value, increment_by, max_value FROM pg_sequences
    WHERE schemaname = 'public' ORDER BY 1)";

constexpr auto kTriggers = R"(
    SELECT tgrelid::regclass::text, tgname FROM pg_trigger
    WHERE NOT tgisinternal AND tgrelid::regclass::text IN %1 ORDER BY 1, 2)";

constexpr auto kVersionRows = R"(
    SELECT version, name, applied_at::text, applied_by FROM staff_console_schema_version ORDER BY version)";

constexpr auto kVersionTableExists = R"(SELECT to_regclass('staff_console_schema_version') IS NOT NULL)";

constexpr auto kTrgmInstalled = R"(SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm')";

constexpr auto kTouchFunctionExists = R"(SELECT to_regproc('staff_console_touch_updated_at') IS NOT NULL)";

constexpr auto kPublicRelations = R"(SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)";

QString withTables(const char *sql)
{
    return QString::fromLatin1(sql).arg(QString::fromLatin1(kSeedTables));
}

QStringList rows(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning("%s", qPrintable(q.lastError().text()));
        return {u"<query failed>"_s};
    }
    QStringList out;
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i)
            fields << (q.isNull(i) ? u"NULL"_s : q.value(i).toString());
        out << fields.join(u" | "_s);
    }
    return out;
}

QVariant scalar(const QSqlDatabase &db, const char *sql)
{
    QSqlQuery q(db);
    if (!q.exec(QString::fromLatin1(sql)) || !q.next())
        qWarning("%s", qPrintable(q.lastError().text()));
    return q.value(0);
}

bool run(const QSqlDatabase &db, const char *sql)
{
    QSqlQuery q(db);
    if (q.exec(QString::fromUtf8(sql)))
        return true;
    qWarning("%s", qPrintable(q.lastError().text()));
    return false;
}

// The catalog view of the seed tables: columns, constraints, indexes, sequences, triggers.
struct Schema
{
    QStringList columns, constraints, indexes, sequences, triggers;

    static Schema of(const QSqlDatabase &db)
    {
        return {rows(db, withTables(kColumns)), rows(db, withTables(kConstraints)), rows(db, withTables(kIndexes)),
                rows(db, QString::fromLatin1(kSequences)), rows(db, withTables(kTriggers))};
    }
};

// The entries of `bigger` not in `smaller`, reduced to their first `fields` fields.
QStringList extras(const QStringList &bigger, const QStringList &smaller, int fields)
{
    QStringList out;
    for (const QString &row : bigger) {
        if (!smaller.contains(row))
            out << row.split(u" | "_s).mid(0, fields).join(u" | "_s);
    }
    return out;
}

QStringList missingFrom(const QStringList &bigger, const QStringList &smaller)
{
    QStringList out;
    for (const QString &row : smaller) {
        if (!bigger.contains(row))
            out << row;
    }
    return out;
}

QStringList labels(const QList<MigrationStep> &steps)
{
    QStringList out;
    for (const MigrationStep &step : steps)
        out << step.label();
    return out;
}

QStringList knownLabels(int fromVersion = 1)
{
    QList<MigrationStep> steps;
    for (const MigrationStep &step : Migrator::knownSteps()) {
        if (step.version >= fromVersion)
            steps << step;
    }
    return labels(steps);
}

} // namespace

class tst_Migrator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PgConnection> m_shared; // migrated once, for behaviour tests that roll back

    std::unique_ptr<PgConnection> freshConnection(const QString &name)
    {
        return PgFixture::instance().connect(PgFixture::instance().freshDatabase(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_shared = freshConnection(u"mig_shared"_s);
        Migrator migrator(m_shared->db());
        SC_VERIFY_OK(migrator.migrate());
    }

    void knownStepsAreOrderedAndComplete()
    {
        const QList<MigrationStep> steps = Migrator::knownSteps();
        QVERIFY(steps.size() >= 4);
        QCOMPARE(labels(steps.mid(0, 4)),
                 (QStringList{u"001_seed_schema"_s, u"002_check_constraints"_s, u"003_updated_at_trigger"_s,
                              u"004_list_indexes"_s}));
        for (qsizetype i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i - 1].version < steps[i].version);
        QCOMPARE(Migrator::latestVersion(), steps.last().version);
        for (const MigrationStep &step : steps)
            QVERIFY2(!step.sql.trimmed().isEmpty(), qPrintable(step.label()));
    }

    void emptyDatabaseGetsExactlyTheSeedSchema()
    {
        auto verbatim = freshConnection(u"mig_verbatim"_s);
        QVERIFY(run(verbatim->db(), kVerbatimSeed));
        const Schema seed = Schema::of(verbatim->db());
        QCOMPARE(seed.columns.size(), 32);
        QCOMPARE(seed.indexes.size(), 12);

        auto conn = freshConnection(u"mig_empty"_s);
        Migrator migrator(conn->db());
        const auto applied = migrator.migrateTo(4);
        SC_VERIFY_OK(applied);
        QCOMPARE(labels(*applied), knownLabels().mid(0, 4));
        const Schema migrated = Schema::of(conn->db());

        QCOMPARE(migrated.columns, seed.columns);
        QCOMPARE(migrated.sequences, seed.sequences);
        QCOMPARE(missingFrom(migrated.constraints, seed.constraints), QStringList());
        QCOMPARE(missingFrom(migrated.indexes, seed.indexes), QStringList());
        QCOMPARE(extras(migrated.constraints, seed.constraints, 3),
                 (QStringList{u"draft_content | draft_content_content_type_check | c"_s,
                              u"draft_content | draft_content_status_check | c"_s,
                              u"github_app_installations | github_app_installations_account_type_check | c"_s,
                              u"user_installations | user_installations_permission_level_check | c"_s}));
        QCOMPARE(extras(migrated.indexes, seed.indexes, 3),
                 (QStringList{
                     u"draft_content | idx_draft_content_content_trgm | CREATE INDEX idx_draft_content_content_trgm ON public.draft_content USING gin (content gin_trgm_ops)"_s,
                     u"draft_content | idx_draft_content_repo | CREATE INDEX idx_draft_content_repo ON public.draft_content USING btree (github_repo)"_s,
                     u"draft_content | idx_draft_content_status_created | CREATE INDEX idx_draft_content_status_created ON public.draft_content USING btree (status, created_at, id)"_s,
                     u"draft_content | idx_draft_content_user | CREATE INDEX idx_draft_content_user ON public.draft_content USING btree (user_id)"_s,
                     u"user_installations | idx_user_installations_installation | CREATE INDEX idx_user_installations_installation ON public.user_installations USING btree (installation_id)"_s}));
        QCOMPARE(migrated.triggers,
                 (QStringList{u"draft_content | draft_content_touch_updated_at"_s,
                              u"user_preferences | user_preferences_touch_updated_at"_s}));

        // The later steps (other issues) keep the seed's objects as they are.
        SC_VERIFY_OK(migrator.migrate());
        const Schema latest = Schema::of(conn->db());
        QCOMPARE(latest.columns, seed.columns);
        QCOMPARE(missingFrom(latest.constraints, seed.constraints), QStringList());
        QCOMPARE(missingFrom(latest.indexes, seed.indexes), QStringList());
    }

    void adoptsExistingSeedTablesWithoutTouchingRows()
    {
        auto conn = freshConnection(u"mig_adopt"_s);
        const QSqlDatabase db = conn->db();
        QVERIFY(run(db, kVerbatimSeed));
        QVERIFY(run(db, kSeedRows));
        const QStringList before = rows(db, QString::fromLatin1(kRowDump));
        QCOMPARE(before.size(), 3 + 2 + 3 + 3 + 4);

        Migrator migrator(db);
        const auto status = migrator.status();
        SC_VERIFY_OK(status);
        QCOMPARE(status->state, SchemaStatus::State::Behind);
        QVERIFY(status->seedTablesPresent);
        QCOMPARE(status->seedTables, 5);
        QCOMPARE(status->current, 0);
        QVERIFY2(status->describe().endsWith(u"The existing seed tables will be adopted as they are."_s),
                 qPrintable(status->describe()));

        QList<MigrationStep> reported;
        const auto applied = migrator.migrate(false, [&](const MigrationStep &step) { reported << step; });
        SC_VERIFY_OK(applied);
        QCOMPARE(labels(*applied), knownLabels());
        QCOMPARE(labels(reported), knownLabels());
        QCOMPARE(rows(db, QString::fromLatin1(kRowDump)), before);

        const QStringList versions = rows(db, QString::fromLatin1(kVersionRows));
        QCOMPARE(versions.size(), Migrator::knownSteps().size());
        for (qsizetype i = 0; i < versions.size(); ++i) {
            const QStringList fields = versions[i].split(u" | "_s);
            const MigrationStep &step = Migrator::knownSteps()[i];
            QCOMPARE(fields[0], QString::number(step.version));
            QCOMPARE(fields[1], step.name);
            QCOMPARE(fields[3], u"postgres"_s);
        }

        const auto again = migrator.migrate();
        SC_VERIFY_OK(again);
        QVERIFY(again->isEmpty());
        QCOMPARE(rows(db, QString::fromLatin1(kVersionRows)), versions);
        QCOMPARE(rows(db, QString::fromLatin1(kRowDump)), before);
        QCOMPARE(migrator.status()->state, SchemaStatus::State::UpToDate);
    }

    void violatingRowFailsAndChangesNothing_data()
    {
        QTest::addColumn<QString>("violation");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("constraintName");
        QTest::addColumn<QString>("offenders");
        QTest::newRow("status") << u"UPDATE draft_content SET status = 'bogus' WHERE id IN (2, 5)"_s
                                << u"draft_content"_s << u"draft_content_status_check"_s << u"id 2, 5"_s;
        QTest::newRow("content_type") << u"UPDATE draft_content SET content_type = 'issue' WHERE id = 3"_s
                                      << u"draft_content"_s << u"draft_content_content_type_check"_s << u"id 3"_s;
        QTest::newRow("permission_level")
            << u"UPDATE user_installations SET permission_level = 'owner' WHERE user_id = 3"_s << u"user_installations"_s
            << u"user_installations_permission_level_check"_s << u"(user_id, installation_id) (3, 2)"_s;
        QTest::newRow("account_type") << u"UPDATE github_app_installations SET account_type = 'enterprise' WHERE id = 2"_s
                                      << u"github_app_installations"_s
                                      << u"github_app_installations_account_type_check"_s << u"id 2"_s;
    }

    void violatingRowFailsAndChangesNothing()
    {
        QFETCH(QString, violation);
        QFETCH(QString, table);
        QFETCH(QString, constraintName);
        QFETCH(QString, offenders);

        auto conn = freshConnection(u"mig_violation"_s);
        const QSqlDatabase db = conn->db();
        QVERIFY(run(db, kVerbatimSeed));
        QVERIFY(run(db, kSeedRows));
        QVERIFY(run(db, violation.toUtf8().constData()));
        const QStringList rowsBefore = rows(db, QString::fromLatin1(kRowDump));
        const Schema before = Schema::of(db);

        Migrator migrator(db);
        QList<MigrationStep> reported;
        const auto result = migrator.migrate(false, [&](const MigrationStep &step) { reported << step; });
        QVERIFY(!result);
        const MigrationError &error = result.error();
        QCOMPARE(error.kind, MigrationError::Kind::StepFailed);
        QCOMPARE(error.step.label(), u"002_check_constraints"_s);
        QCOMPARE(error.sqlState, u"23514"_s);
        QVERIFY2(error.message.contains(u"%1: constraint %2"_s.arg(table, constraintName)), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"row(s) with "_s + offenders), qPrintable(error.message));
        QVERIFY2(error.text().startsWith(u"Migration 002_check_constraints failed at line "_s), qPrintable(error.text()));
        QVERIFY2(error.statementHead().startsWith(u"DO $check$"_s), qPrintable(error.statementHead()));
        QCOMPARE(labels(reported), QStringList{u"001_seed_schema"_s}); // ran, then rolled back with the rest

        QCOMPARE(scalar(db, kVersionTableExists).toBool(), false);
        QCOMPARE(scalar(db, kTrgmInstalled).toInt(), 0);
        QCOMPARE(scalar(db, kTouchFunctionExists).toBool(), false);
        const Schema after = Schema::of(db);
        QCOMPARE(after.columns, before.columns);
        QCOMPARE(after.constraints, before.constraints);
        QCOMPARE(after.indexes, before.indexes);
        QCOMPARE(after.triggers, QStringList());
        QCOMPARE(rows(db, QString::fromLatin1(kRowDump)), rowsBefore);
        QCOMPARE(migrator.status()->current, 0);
    }

    void differentTableOfTheSameNameIsRefused_data()
    {
        QTest::addColumn<QString>("users");
        QTest::addColumn<QString>("difference");
        QTest::newRow("type") << u"CREATE TABLE users (id SERIAL PRIMARY KEY, github_id INTEGER UNIQUE NOT NULL, "
                                 "stripe_customer_id VARCHAR(255) UNIQUE, created_at TIMESTAMPTZ DEFAULT now())"_s
                              << u"users: column github_id is integer, the seed has character varying(255)"_s;
        QTest::newRow("missing") << u"CREATE TABLE users (id SERIAL PRIMARY KEY, github_id VARCHAR(255) UNIQUE NOT NULL)"_s
                                 << u"users: column stripe_customer_id is missing"_s;
        QTest::newRow("nullability") << u"CREATE TABLE users (id SERIAL PRIMARY KEY, github_id VARCHAR(255), "
                                        "stripe_customer_id VARCHAR(255), created_at TIMESTAMPTZ)"_s
                                     << u"users: column github_id is nullable, the seed has it NOT NULL"_s;
        QTest::newRow("unique key") << u"CREATE TABLE users (id SERIAL PRIMARY KEY, github_id VARCHAR(255) NOT NULL, "
                                       "stripe_customer_id VARCHAR(255) UNIQUE, created_at TIMESTAMPTZ DEFAULT now())"_s
                                    << u"users: UNIQUE (github_id) is missing"_s;
        QTest::newRow("default") << u"CREATE TABLE users (id INTEGER PRIMARY KEY, github_id VARCHAR(255) UNIQUE NOT NULL, "
                                    "stripe_customer_id VARCHAR(255) UNIQUE, created_at TIMESTAMPTZ DEFAULT now())"_s
                                 << u"users: column id has default none, the seed has nextval(...) of a SERIAL"_s;
    }

    void differentTableOfTheSameNameIsRefused()
    {
        QFETCH(QString, users);
        QFETCH(QString, difference);
        auto conn = freshConnection(u"mig_foreign"_s);
        QVERIFY(run(conn->db(), users.toUtf8().constData()));
        Migrator migrator(conn->db());
        const auto status = migrator.status();
        SC_VERIFY_OK(status);
        QCOMPARE(status->state, SchemaStatus::State::Behind); // one seed table: to adopt, not empty
        QCOMPARE(status->seedTables, 1);
        QVERIFY(!status->seedTablesPresent);
        const auto result = migrator.migrate();
        QVERIFY(!result);
        QCOMPARE(result.error().kind, MigrationError::Kind::SeedMismatch);
        QCOMPARE(result.error().step.version, 1);
        QVERIFY2(result.error().message.contains(difference), qPrintable(result.error().message));
        QCOMPARE(scalar(conn->db(), kVersionTableExists).toBool(), false);
        QCOMPARE(scalar(conn->db(), "SELECT to_regclass('draft_content') IS NULL").toBool(), true);
    }

    void updatedAtTrigger_data()
    {
        QTest::addColumn<QString>("insert");
        QTest::addColumn<QString>("update");
        QTest::addColumn<QString>("check");
        QTest::newRow("user_preferences")
            << u"INSERT INTO user_preferences (id, user_id, created_at, updated_at) VALUES (900, 900, '2001-02-03+00', '2001-02-03+00')"_s
            << u"UPDATE user_preferences SET testing_mode = true, updated_at = '2001-02-03+00' WHERE id = 900"_s
            << u"SELECT updated_at = now(), created_at = '2001-02-03+00' FROM user_preferences WHERE id = 900"_s;
        QTest::newRow("draft_content")
            << u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, "
               "content, created_at, updated_at) VALUES (900, 900, 'wr', 'comment', 1, 'o/r', 'x', '2001-02-03+00', "
               "'2001-02-03+00')"_s
            << u"UPDATE draft_content SET status = 'published' WHERE id = 900"_s
            << u"SELECT updated_at = now(), created_at = '2001-02-03+00' FROM draft_content WHERE id = 900"_s;
    }

    void updatedAtTrigger()
    {
        QFETCH(QString, insert);
        QFETCH(QString, update);
        QFETCH(QString, check);
        QSqlDatabase db = m_shared->db();
        QVERIFY(db.transaction());
        const auto rollback = qScopeGuard([&] { db.rollback(); });
        QVERIFY(run(db, "INSERT INTO users (id, github_id) VALUES (900, 'trigger-test')"));
        QVERIFY(run(db, insert.toUtf8().constData()));
        QVERIFY(run(db, check.toUtf8().constData()));
        QCOMPARE(rows(db, check), QStringList{u"false | true"_s}); // the INSERT keeps what it was given
        QVERIFY(run(db, update.toUtf8().constData()));
        QCOMPARE(rows(db, check), QStringList{u"true | true"_s});
    }

    void checkConstraints_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("violated"); // empty: accepted
        const QString draft = u"INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, "
                              "github_repo, content, status) VALUES (901, 'wr', %1, 1, 'o/r', 'x', %2)"_s;
        const QString membership = u"INSERT INTO user_installations (user_id, installation_id, permission_level) "
                                   "VALUES (901, 901, :value)"_s;
        const QString installation = u"INSERT INTO github_app_installations (github_installation_id, account_name, "
                                     "account_type) VALUES ('902', 'x', :value)"_s;
        for (const QString &v : {u"comment"_s, u"pull_request"_s})
            QTest::addRow("content_type %s", qPrintable(v)) << draft.arg(u":value"_s, u"'draft'"_s) << v << QString();
        QTest::newRow("content_type issue") << draft.arg(u":value"_s, u"'draft'"_s) << u"issue"_s
                                            << u"draft_content_content_type_check"_s;
        for (const QString &v : {u"draft"_s, u"published"_s, u"discarded"_s})
            QTest::addRow("status %s", qPrintable(v)) << draft.arg(u"'comment'"_s, u":value"_s) << v << QString();
        QTest::newRow("status NULL") << draft.arg(u"'comment'"_s, u"NULL"_s) << QString() << QString();
        QTest::newRow("status bogus") << draft.arg(u"'comment'"_s, u":value"_s) << u"bogus"_s
                                      << u"draft_content_status_check"_s;
        QTest::newRow("status Draft") << draft.arg(u"'comment'"_s, u":value"_s) << u"Draft"_s
                                      << u"draft_content_status_check"_s;
        for (const QString &v : {u"admin"_s, u"write"_s, u"read"_s})
            QTest::addRow("permission_level %s", qPrintable(v)) << membership << v << QString();
        QTest::newRow("permission_level owner") << membership << u"owner"_s
                                                << u"user_installations_permission_level_check"_s;
        for (const QString &v : {u"user"_s, u"organization"_s})
            QTest::addRow("account_type %s", qPrintable(v)) << installation << v << QString();
        QTest::newRow("account_type enterprise") << installation << u"enterprise"_s
                                                 << u"github_app_installations_account_type_check"_s;
    }

    void checkConstraints()
    {
        QFETCH(QString, statement);
        QFETCH(QString, value);
        QFETCH(QString, violated);
        QSqlDatabase db = m_shared->db();
        QSqlQuery q(db); // outlives the rollback: it frees its prepared statement after it
        QVERIFY(db.transaction());
        const auto rollback = qScopeGuard([&] { db.rollback(); });
        QVERIFY(run(db, "INSERT INTO users (id, github_id) VALUES (901, 'check-test')"));
        QVERIFY(run(db, "INSERT INTO github_app_installations (id, github_installation_id, account_name, account_type) "
                        "VALUES (901, '901', 'x', 'user')"));
        QVERIFY(q.prepare(statement));
        if (statement.contains(u":value"_s))
            q.bindValue(u":value"_s, value);
        const bool ok = q.exec();
        if (violated.isEmpty()) {
            QVERIFY2(ok, qPrintable(q.lastError().text()));
        } else {
            QVERIFY(!ok);
            QCOMPARE(q.lastError().nativeErrorCode(), u"23514"_s);
            QVERIFY2(q.lastError().databaseText().contains(violated), qPrintable(q.lastError().databaseText()));
        }
    }

    void textSearchUsesTheTrigramIndex()
    {
        QSqlDatabase db = m_shared->db();
        QVERIFY(db.transaction());
        const auto rollback = qScopeGuard([&] { db.rollback(); });
        QVERIFY(run(db, "INSERT INTO users (id, github_id) VALUES (903, 'search-test')"));
        QVERIFY(run(db, "INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, github_repo, content) "
                        "SELECT 903, 'wr-' || g, 'comment', g, 'o/r', md5(g::text) || ' body ' || g "
                        "FROM generate_series(1, 5000) g"));
        QVERIFY(run(db, "ANALYZE draft_content"));
        QVERIFY(run(db, "SET LOCAL enable_seqscan = off"));
        const QStringList plan =
            rows(db, u"EXPLAIN SELECT id FROM draft_content WHERE content ILIKE '%needle in the haystack%'"_s);
        QVERIFY2(plan.join(u'\n').contains(u"idx_draft_content_content_trgm"_s), qPrintable(plan.join(u'\n')));
    }

    void statusStates()
    {
        auto conn = freshConnection(u"mig_status"_s);
        Migrator migrator(conn->db());
        const int latest = Migrator::latestVersion();

        auto s = migrator.status();
        SC_VERIFY_OK(s);
        QCOMPARE(s->state, SchemaStatus::State::Empty);
        QCOMPARE(s->current, 0);
        QCOMPARE(s->latest, latest);
        QVERIFY(!s->seedTablesPresent);
        QVERIFY(s->canMigrate);
        QCOMPARE(s->describe(), u"The database has no Staff Console schema (version 0 of %1): missing %2."_s
                                    .arg(latest).arg(knownLabels().join(u", "_s)));

        const auto dry = migrator.migrate(true);
        SC_VERIFY_OK(dry);
        QCOMPARE(labels(*dry), knownLabels());
        QCOMPARE(scalar(conn->db(), kPublicRelations).toInt(), 0);

        SC_VERIFY_OK(migrator.migrateTo(2));
        s = migrator.status();
        QCOMPARE(s->state, SchemaStatus::State::Behind);
        QCOMPARE(s->current, 2);
        QVERIFY(s->seedTablesPresent);
        QCOMPARE(labels(s->pending), knownLabels(3));
        QCOMPARE(s->describe(), u"Schema version 2 of %1: missing %2."_s.arg(latest).arg(knownLabels(3).join(u", "_s)));
        QVERIFY(s->describe().startsWith(u"Schema version 2 of %1: missing 003_updated_at_trigger, 004_list_indexes"_s.arg(latest)));

        const auto dryBehind = migrator.migrate(true);
        SC_VERIFY_OK(dryBehind);
        QCOMPARE(labels(*dryBehind), knownLabels(3));
        QCOMPARE(migrator.status()->current, 2);

        SC_VERIFY_OK(migrator.migrate());
        s = migrator.status();
        QCOMPARE(s->state, SchemaStatus::State::UpToDate);
        QCOMPARE(s->current, latest);
        QCOMPARE(s->describe(), u"Schema version %1 of %1: up to date."_s.arg(latest));

        QVERIFY(run(conn->db(), "INSERT INTO staff_console_schema_version (version, name) VALUES (999, 'from_the_future')"));
        s = migrator.status();
        QCOMPARE(s->state, SchemaStatus::State::Ahead);
        QCOMPARE(s->current, 999);
        QCOMPARE(s->unknownVersions, QList<int>{999});
        QCOMPARE(s->describe(), u"The database is at version 999, newer than this console knows (%1): the console will not write."_s
                                    .arg(latest));
        for (bool dryRun : {false, true}) {
            const auto refused = migrator.migrate(dryRun);
            QVERIFY(!refused);
            QCOMPARE(refused.error().kind, MigrationError::Kind::Ahead);
            QVERIFY(refused.error().text().contains(u"newer than this console knows"_s));
        }
    }

    void canMigrateDependsOnTheLogin()
    {
        const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"mig_logins"_s);
        auto admin = PgFixture::instance().connect(profile);
        QVERIFY(run(admin->db(), "DO $$ BEGIN "
                                 "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mig_reader') THEN CREATE ROLE mig_reader LOGIN; END IF; "
                                 "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mig_owner') THEN CREATE ROLE mig_owner LOGIN CREATEROLE; END IF; "
                                 "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mig_plain_owner') THEN CREATE ROLE mig_plain_owner LOGIN; END IF; "
                                 "END $$"));
        QVERIFY(run(admin->db(), "ALTER DATABASE mig_logins OWNER TO mig_owner"));

        auto owner = PgFixture::instance().connect(PgFixture::instance().cluster().profile(u"mig_logins"_s, u"mig_owner"_s));
        auto ownerStatus = Migrator(owner->db()).status();
        SC_VERIFY_OK(ownerStatus);
        QVERIFY(ownerStatus->canMigrate);

        // An owner without CREATEROLE can migrate only where the staff roles (005) exist already.
        QSqlQuery roles(admin->db());
        QVERIFY(roles.exec(u"SELECT count(*) = 4 FROM pg_roles WHERE rolname IN "
                           "('staff_reviewer', 'staff_admin', 'staff_support', 'app_backend')"_s) && roles.next());
        const bool staffRolesExist = roles.value(0).toBool();
        QVERIFY(run(admin->db(), "ALTER DATABASE mig_logins OWNER TO mig_plain_owner"));
        auto plain = PgFixture::instance().connect(PgFixture::instance().cluster().profile(u"mig_logins"_s, u"mig_plain_owner"_s));
        auto plainStatus = Migrator(plain->db()).status();
        SC_VERIFY_OK(plainStatus);
        QCOMPARE(plainStatus->canMigrate, staffRolesExist);
        QVERIFY(run(admin->db(), "ALTER DATABASE mig_logins OWNER TO mig_owner"));

        auto reader = PgFixture::instance().connect(PgFixture::instance().cluster().profile(u"mig_logins"_s, u"mig_reader"_s));
        auto readerStatus = Migrator(reader->db()).status();
        SC_VERIFY_OK(readerStatus);
        QVERIFY(!readerStatus->canMigrate);
        QVERIFY2(readerStatus->describe().contains(u"This login may not apply migrations"_s),
                 qPrintable(readerStatus->describe()));

        // After migrating, any login can still read where the schema stands.
        SC_VERIFY_OK(Migrator(admin->db()).migrate());
        readerStatus = Migrator(reader->db()).status();
        SC_VERIFY_OK(readerStatus);
        QCOMPARE(readerStatus->state, SchemaStatus::State::UpToDate);
        QVERIFY(!readerStatus->canMigrate);
    }

    void concurrentRunsTakeTurns()
    {
        const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"mig_concurrent"_s);
        auto holder = PgFixture::instance().connect(profile);
        QVERIFY(holder->db().transaction());
        QSqlQuery lock(holder->db());
        QVERIFY(lock.prepare(u"SELECT pg_advisory_xact_lock(:key)"_s));
        lock.bindValue(u":key"_s, Migrator::advisoryLockKey());
        QVERIFY2(lock.exec(), qPrintable(lock.lastError().text()));

        using Result = std::expected<QList<MigrationStep>, MigrationError>;
        std::optional<Result> results[2];
        QThread *threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i] = QThread::create([&results, i, profile] {
                auto conn = PgFixture::instance().connect(profile, u"worker%1"_s.arg(i));
                results[i] = Migrator(conn->db()).migrate();
            });
            threads[i]->start();
        }
        QTRY_COMPARE(scalar(holder->db(), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").toInt(), 2);
        QVERIFY(holder->db().commit());
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(120'000));
            delete thread;
        }
        QVERIFY(results[0] && results[1]);
        SC_VERIFY_OK(*results[0]);
        SC_VERIFY_OK(*results[1]);
        const qsizetype first = results[0]->value().size();
        const qsizetype second = results[1]->value().size();
        QCOMPARE(first + second, Migrator::knownSteps().size());
        QVERIFY(first == 0 || second == 0);
        QCOMPARE(rows(holder->db(), u"SELECT count(*) FROM staff_console_schema_version"_s),
                 QStringList{QString::number(Migrator::knownSteps().size())});
    }
};

QTEST_GUILESS_MAIN(tst_Migrator)
#include "tst_migrator.moc"
