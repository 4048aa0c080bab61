#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <nlohmann/json.hpp>

#include "demoseeder.h"
#include "expectedcheck.h"
#include "migrator.h"
#include "pgfixture.h"

using namespace Qt::StringLiterals;

namespace {

const QDateTime kAnchor = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

// One md5 over every row of the five tables, in key order.
constexpr auto kContentHash = R"(
    SELECT md5(concat_ws('#',
        (SELECT string_agg(t::text, '|' ORDER BY t.id) FROM users t),
        (SELECT string_agg(t::text, '|' ORDER BY t.id) FROM github_app_installations t),
        (SELECT string_agg(t::text, '|' ORDER BY t.user_id, t.installation_id) FROM user_installations t),
        (SELECT string_agg(t::text, '|' ORDER BY t.id) FROM user_preferences t),
        (SELECT string_agg(t::text, '|' ORDER BY t.id) FROM draft_content t))))";
constexpr auto kDraftsHash = R"(SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM draft_content t)";

DemoSizes sizes(int drafts = 3000, double seed = 0.42)
{
    DemoSizes s;
    s.drafts = drafts;
    s.seed = seed;
    s.anchor = kAnchor;
    return s;
}

} // namespace

class TestDemoSeeder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void countsAsPromised();
    void membershipsAtAllLevels();
    void membershipDatesAreSpread();
    void preferencesForMostUsers();
    void idsLookReal();
    void draftsAreConsistent();
    void pullRequestsCarryWhatGitHubNeeds();
    void markdownFeatures();
    void everyJsonCellParses();
    void bigIntegersSurviveExactly();
    void triggersDidNotFire();
    void reproducible();
    void reseedDraftsRepeatsTheDrafts();
    void refusesNonEmptyTables();
    void bulkSeedKeepsIndexes();
    void deferredTextIndexIsBuiltLater();
    void isSeededAndCreateDatabase();

private:
    std::unique_ptr<PgConnection> migratedDatabase(const QString &name);
    qint64 scalar(const QString &sql);
    QString hash(PgConnection &conn, const char *sql);

    std::unique_ptr<PgConnection> m_conn;
    DemoCounts m_counts;
};

std::unique_ptr<PgConnection> TestDemoSeeder::migratedDatabase(const QString &name)
{
    auto conn = PgFixture::instance().connect(PgFixture::instance().freshDatabase(name));
    Migrator migrator(conn->db());
    const auto migrated = migrator.migrate();
    if (!migrated)
        qFatal("Cannot migrate %s: %s", qPrintable(name), qPrintable(migrated.error().text()));
    return conn;
}

qint64 TestDemoSeeder::scalar(const QString &sql)
{
    QSqlQuery q(m_conn->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

QString TestDemoSeeder::hash(PgConnection &conn, const char *sql)
{
    QSqlQuery q(conn.db());
    if (!q.exec(QString::fromLatin1(sql)) || !q.next())
        qFatal("hash: %s", qPrintable(q.lastError().text()));
    return q.value(0).toString();
}

void TestDemoSeeder::initTestCase()
{
    m_conn = migratedDatabase(u"demo_seed"_s);
    DemoSeeder seeder(m_conn->db());
    QVERIFY(!seeder.isSeeded());
    const auto seeded = seeder.seed(sizes());
    SC_VERIFY_OK(seeded);
    m_counts = *seeded;
    QVERIFY(seeder.isSeeded());
}

void TestDemoSeeder::countsAsPromised()
{
    QVERIFY2(m_counts.users >= 300, qPrintable(QString::number(m_counts.users)));
    QVERIFY2(m_counts.installations >= 60, qPrintable(QString::number(m_counts.installations)));
    QCOMPARE(m_counts.drafts, qint64(3000));
    QVERIFY(m_counts.memberships >= m_counts.installations * 2);
    QVERIFY(m_counts.preferences >= m_counts.users * 8 / 10);
    QCOMPARE(scalar(u"SELECT count(*) FROM users"_s), m_counts.users);
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content"_s), m_counts.drafts);
    QCOMPARE(scalar(u"SELECT count(*) FROM user_preferences"_s), m_counts.preferences);
    const auto estimated = DemoSeeder(m_conn->db()).estimatedCounts(); // analyzed: exact at this size
    SC_VERIFY_OK(estimated);
    QCOMPARE(estimated->drafts, m_counts.drafts);
    QCOMPARE(estimated->users, m_counts.users);
    // Both account types, both draft types, all three statuses in plausible shares.
    QCOMPARE(scalar(u"SELECT count(DISTINCT account_type) FROM github_app_installations"_s), qint64(2));
    QVERIFY(scalar(u"SELECT count(*) FROM github_app_installations WHERE account_type = 'organization'"_s) > m_counts.installations / 2);
    QCOMPARE(scalar(u"SELECT count(DISTINCT content_type) FROM draft_content"_s), qint64(2));
    const qint64 drafts = scalar(u"SELECT count(*) FROM draft_content WHERE status = 'draft'"_s);
    const qint64 published = scalar(u"SELECT count(*) FROM draft_content WHERE status = 'published'"_s);
    const qint64 discarded = scalar(u"SELECT count(*) FROM draft_content WHERE status = 'discarded'"_s);
    QCOMPARE(drafts + published + discarded, m_counts.drafts);
    QVERIFY2(drafts > 3000 * 0.68 && drafts < 3000 * 0.82, qPrintable(QString::number(drafts)));
    QVERIFY2(published > 3000 * 0.13 && published < 3000 * 0.23, qPrintable(QString::number(published)));
    QVERIFY2(discarded > 3000 * 0.03 && discarded < 3000 * 0.11, qPrintable(QString::number(discarded)));
}

void TestDemoSeeder::membershipsAtAllLevels()
{
    for (const auto &level : {u"admin"_s, u"write"_s, u"read"_s})
        QVERIFY2(scalar(u"SELECT count(*) FROM user_installations WHERE permission_level = '%1'"_s.arg(level)) > 10,
                 qPrintable(level));
    // Organizations: 2..15 members, at least one admin.
    QCOMPARE(scalar(uR"(SELECT count(*) FROM github_app_installations i
                        WHERE i.account_type = 'organization'
                          AND (SELECT count(*) FROM user_installations m WHERE m.installation_id = i.id) NOT BETWEEN 2 AND 15)"_s), qint64(0));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM github_app_installations i
                        WHERE NOT EXISTS (SELECT 1 FROM user_installations m
                                          WHERE m.installation_id = i.id AND m.permission_level = 'admin'))"_s), qint64(0));
    // Personal accounts: exactly one admin (the owner), and no owner holds two personal accounts.
    QCOMPARE(scalar(uR"(SELECT count(*) FROM github_app_installations i
                        WHERE i.account_type = 'user'
                          AND (SELECT count(*) FROM user_installations m
                               WHERE m.installation_id = i.id AND m.permission_level = 'admin') <> 1)"_s), qint64(0));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM (
                            SELECT m.user_id FROM user_installations m
                            JOIN github_app_installations i ON i.id = m.installation_id
                            WHERE i.account_type = 'user' AND m.permission_level = 'admin'
                            GROUP BY m.user_id HAVING count(*) > 1) x)"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM user_installations WHERE created_at IS NULL OR created_at > '%1'"_s
                        .arg(kAnchor.toString(Qt::ISODate))), qint64(0));
}

void TestDemoSeeder::membershipDatesAreSpread()
{
    // Never before the user or the installation existed.
    QCOMPARE(scalar(uR"(SELECT count(*) FROM user_installations m
                        JOIN users u ON u.id = m.user_id
                        JOIN github_app_installations i ON i.id = m.installation_id
                        WHERE m.created_at < u.created_at OR m.created_at < i.created_at)"_s), qint64(0));
    // Not the seeding time for a crowd of rows: at most a few share any one timestamp, and hardly
    // any carry the anchor itself.
    QVERIFY2(scalar(u"SELECT max(n) FROM (SELECT count(*) AS n FROM user_installations GROUP BY created_at) x"_s) <= 3,
             "several memberships share one created_at");
    QVERIFY(scalar(u"SELECT count(*) FROM user_installations WHERE created_at = '%1'"_s
                       .arg(kAnchor.toString(Qt::ISODate))) <= 1);
    // Spread over the months: memberships joined at least a month after both existed are common,
    // and the dates cover more than a year.
    const qint64 all = scalar(u"SELECT count(*) FROM user_installations"_s);
    const qint64 later = scalar(uR"(SELECT count(*) FROM user_installations m
                                     JOIN users u ON u.id = m.user_id
                                     JOIN github_app_installations i ON i.id = m.installation_id
                                     WHERE m.created_at > greatest(u.created_at, i.created_at) + interval '30 days')"_s);
    QVERIFY2(later > all / 4, qPrintable(u"%1 of %2"_s.arg(later).arg(all)));
    QVERIFY(scalar(u"SELECT extract(epoch FROM max(created_at) - min(created_at)) / 86400 FROM user_installations"_s) > 365);
}

void TestDemoSeeder::preferencesForMostUsers()
{
    const qint64 none = scalar(u"SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_preferences p WHERE p.user_id = u.id)"_s);
    const qint64 two = scalar(u"SELECT count(*) FROM (SELECT user_id FROM user_preferences GROUP BY user_id HAVING count(*) = 2) x"_s);
    const qint64 some = scalar(u"SELECT count(DISTINCT user_id) FROM user_preferences"_s);
    QVERIFY2(none >= 3 && none < m_counts.users / 8, qPrintable(QString::number(none)));
    QVERIFY2(two >= 3 && two < m_counts.users / 8, qPrintable(QString::number(two)));
    QVERIFY(some > m_counts.users * 8 / 10);
    QCOMPARE(scalar(u"SELECT count(*) FROM (SELECT user_id FROM user_preferences GROUP BY user_id HAVING count(*) > 2) x"_s), qint64(0));
    // Varied shapes: empty, email only, Slack, quiet hours, digests, switches on and off.
    QVERIFY(scalar(u"SELECT count(DISTINCT notification_settings) FROM user_preferences"_s) > m_counts.users / 2);
    QVERIFY(scalar(u"SELECT count(*) FROM user_preferences WHERE notification_settings = '{}'"_s) > 0);
    QVERIFY(scalar(u"SELECT count(*) FROM user_preferences WHERE notification_settings ? 'slack'"_s) > 20);
    QVERIFY(scalar(u"SELECT count(*) FROM user_preferences WHERE notification_settings -> 'quiet_hours' ->> 'tz' = 'Europe/Berlin'"_s) > 0);
    QVERIFY(scalar(u"SELECT count(DISTINCT notification_settings ->> 'digest') FROM user_preferences"_s) == 3);
    for (const auto &column : {u"auto_publish_comments"_s, u"auto_publish_prs"_s, u"testing_mode"_s})
        QCOMPARE(scalar(u"SELECT count(DISTINCT %1) FROM user_preferences"_s.arg(column)), qint64(2));
    QCOMPARE(scalar(u"SELECT count(*) FROM user_preferences WHERE updated_at < created_at"_s), qint64(0));
}

void TestDemoSeeder::idsLookReal()
{
    QCOMPARE(scalar(u"SELECT count(*) FROM users WHERE github_id !~ '^[1-9][0-9]{3,8}$' OR github_id::bigint > 150000000"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM users WHERE stripe_customer_id !~ '^cus_[A-Za-z0-9]{14}$'"_s), qint64(0));
    const qint64 billed = scalar(u"SELECT count(stripe_customer_id) FROM users"_s);
    QVERIFY2(billed > m_counts.users * 0.75 && billed < m_counts.users * 0.95, qPrintable(QString::number(billed)));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM github_app_installations
                        WHERE github_installation_id !~ '^[0-9]+$'
                           OR github_installation_id::bigint NOT BETWEEN 10000000 AND 60000000)"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM github_app_installations WHERE account_name !~ '^[a-z][a-z0-9_-]*[a-z0-9]$'"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(DISTINCT account_name) FROM github_app_installations"_s), m_counts.installations);
    QVERIFY(scalar(u"SELECT count(*) FROM github_app_installations WHERE account_name = 'acme-robotics'"_s) == 1);
    // Sign-ups spread over about two years before the anchor.
    const qint64 spanDays = scalar(u"SELECT extract(day FROM max(created_at) - min(created_at))::bigint FROM users"_s);
    QVERIFY2(spanDays > 500 && spanDays <= 731, qPrintable(QString::number(spanDays)));
}

void TestDemoSeeder::draftsAreConsistent()
{
    // Author is a member of the installation that owns the repository: with write or admin, but
    // for one 'read' member (drafts.sql) so the demo shows that refusal.
    QCOMPARE(scalar(uR"(SELECT count(*) FROM draft_content d
                        WHERE NOT EXISTS (
                            SELECT 1 FROM user_installations m
                            JOIN github_app_installations i ON i.id = m.installation_id
                            WHERE m.user_id = d.user_id
                              AND i.account_name = split_part(d.github_repo, '/', 1)))"_s), qint64(0));
    QCOMPARE(scalar(uR"(SELECT count(DISTINCT (m.user_id, m.installation_id)) FROM draft_content d
                        JOIN github_app_installations i ON i.account_name = split_part(d.github_repo, '/', 1)
                        JOIN user_installations m ON m.user_id = d.user_id AND m.installation_id = i.id
                        WHERE m.permission_level = 'read')"_s), qint64(1));
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE github_repo !~ '^[a-z0-9_-]+/[a-z0-9_-]+$'"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE github_issue_id NOT BETWEEN 1 AND 5000"_s), qint64(0));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM draft_content
                        WHERE workflow_run_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(DISTINCT workflow_run_id) FROM draft_content"_s), m_counts.drafts);
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE updated_at < created_at OR updated_at > '%1'"_s
                        .arg(kAnchor.toString(Qt::ISODate))), qint64(0));
    const qint64 spanDays = scalar(u"SELECT extract(day FROM max(created_at) - min(created_at))::bigint FROM draft_content"_s);
    QVERIFY2(spanDays > 200 && spanDays <= 241, qPrintable(QString::number(spanDays)));
    QVERIFY(scalar(u"SELECT count(*) FROM draft_content WHERE updated_at > created_at"_s) > m_counts.drafts / 5);
    QVERIFY(scalar(u"SELECT count(DISTINCT github_repo) FROM draft_content"_s) > 50);
    // Every value satisfies the CHECK constraints' sets (the constraints themselves are in place).
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_constraint WHERE conname LIKE '%_check' AND conrelid IN ('draft_content'::regclass, 'user_installations'::regclass, 'github_app_installations'::regclass)"_s), qint64(4));
    // Triggers were off, so foreign keys were not checked during the load: check them here.
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content d LEFT JOIN users u ON u.id = d.user_id WHERE u.id IS NULL"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM user_preferences p LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NULL"_s), qint64(0));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM user_installations m
                        LEFT JOIN users u ON u.id = m.user_id
                        LEFT JOIN github_app_installations i ON i.id = m.installation_id
                        WHERE u.id IS NULL OR i.id IS NULL)"_s), qint64(0));
}

void TestDemoSeeder::pullRequestsCarryWhatGitHubNeeds()
{
    QVERIFY(scalar(u"SELECT count(*) FROM draft_content WHERE content_type = 'pull_request'"_s) > 600);
    QCOMPARE(scalar(uR"(SELECT count(*) FROM draft_content
                        WHERE content_type = 'pull_request'
                          AND NOT (jsonb_typeof(metadata -> 'title') = 'string' AND length(metadata ->> 'title') > 5
                                   AND metadata ->> 'head' ~ '^(ai/fix-[a-z0-9-]+|feature/removed-[0-9]+)$'
                                   AND metadata ->> 'base' IN ('main', 'develop')
                                   AND jsonb_typeof(metadata -> 'draft') = 'boolean'
                                   AND jsonb_typeof(metadata -> 'labels') = 'array'))"_s), qint64(0));
    // A few name a head branch the sandbox GitHub does not have: publishing them is refused.
    QVERIFY(scalar(u"SELECT count(*) FROM draft_content WHERE metadata ->> 'head' LIKE 'feature/removed-%'"_s) > 0);
    QVERIFY(scalar(u"SELECT count(*) FROM draft_content WHERE metadata ->> 'base' = 'main'"_s)
            > scalar(u"SELECT count(*) FROM draft_content WHERE metadata ->> 'base' = 'develop'"_s));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM draft_content
                        WHERE content_type = 'comment'
                          AND NOT (metadata ? 'model' AND jsonb_typeof(metadata -> 'tokens') = 'number'
                                   AND (metadata ->> 'confidence')::numeric BETWEEN 0 AND 1
                                   AND metadata -> 'workflow' ->> 'run_id' = workflow_run_id))"_s), qint64(0));
    QCOMPARE(scalar(uR"(SELECT count(*) FROM draft_content
                        WHERE (status = 'published') <> (metadata ->> 'html_url' LIKE 'https://github.com/' || github_repo || '/%'))"_s), qint64(0));
}

void TestDemoSeeder::markdownFeatures()
{
    const auto share = [&](const QString &pattern) -> qint64 {
        return scalar(u"SELECT count(*) FROM draft_content WHERE content ~ '%1'"_s.arg(pattern)) * 100 / m_counts.drafts;
    };
    QVERIFY(share(u"(^|\\n)## [A-Z]"_s) > 30);        // headings
    QVERIFY(share(u"(^|\\n)### [A-Z]"_s) > 10);
    QVERIFY(share(u"\\n- [A-Z`]"_s) > 50);            // bullet lists
    QVERIFY(share(u"\\n1\\. "_s) > 5);                // numbered lists
    QVERIFY(share(u"\\n- \\[[x ]\\] "_s) > 20);       // task lists
    QVERIFY(share(u"\\n```[a-z]+\\n"_s) > 50);         // fenced code
    QVERIFY(share(u"\\]\\(https://[^ )]+\\)"_s) > 5);  // links
    QVERIFY(share(u"`[^`\\n]+`"_s) > 50);              // inline code
    QVERIFY(share(u"\\*\\*[^*]+\\*\\*"_s) > 5);        // bold
    QVERIFY(scalar(uR"(SELECT count(DISTINCT (regexp_match(content, '```([a-z]+)\n'))[1]) FROM draft_content)"_s) >= 8);
    // Fences are balanced and no template placeholder leaked.
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE (length(content) - length(replace(content, '```', ''))) / 3 % 2 <> 0"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE content ~ '%[0-9]\\$s|%s'"_s), qint64(0));
    QVERIFY(scalar(u"SELECT avg(length(content))::bigint FROM draft_content"_s) > 300);
}

void TestDemoSeeder::everyJsonCellParses()
{
    qint64 cells = 0;
    for (const auto &sql : {u"SELECT notification_settings FROM user_preferences WHERE notification_settings IS NOT NULL"_s,
                            u"SELECT metadata FROM draft_content WHERE metadata IS NOT NULL"_s}) {
        QSqlQuery q(m_conn->db());
        q.setForwardOnly(true);
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        while (q.next()) {
            const QByteArray text = q.value(0).toString().toUtf8();
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), text.constData());
            const auto parsed = nlohmann::json::parse(text.constData(), nullptr, false);
            QVERIFY2(!parsed.is_discarded() && parsed.is_object(), text.constData());
            ++cells;
        }
    }
    QCOMPARE(cells, m_counts.preferences + m_counts.drafts);
    QCOMPARE(scalar(u"SELECT count(*) FROM user_preferences WHERE notification_settings IS NULL"_s), qint64(0));
}

void TestDemoSeeder::bigIntegersSurviveExactly()
{
    QSqlQuery q(m_conn->db());
    QVERIFY(q.exec(uR"(SELECT notification_settings FROM user_preferences
                       WHERE notification_settings ? 'webhook' ORDER BY user_id, id)"_s));
    int found = 0;
    bool sawFirst = false;
    while (q.next()) {
        const std::string text = q.value(0).toString().toStdString();
        const auto json = nlohmann::json::parse(text);
        const auto &id = json.at("webhook").at("id");
        QVERIFY(id.is_number_unsigned());
        const std::uint64_t value = id.get<std::uint64_t>();
        QVERIFY(value >= 9007199254740993ULL && value % 2 == 1);     // odd: not representable as a double
        QVERIFY(text.find(std::to_string(value)) != std::string::npos);
        QCOMPARE(static_cast<std::uint64_t>(static_cast<double>(value)) == value, false);
        sawFirst = sawFirst || value == 9007199254740993ULL;
        ++found;
    }
    QVERIFY(found >= 5);
    QVERIFY(sawFirst);
}

void TestDemoSeeder::triggersDidNotFire()
{
    // The audit trigger (migration 007) is in place but the bulk load ran as replica.
    QVERIFY(scalar(u"SELECT count(*) FROM pg_trigger WHERE tgrelid = 'draft_content'::regclass AND NOT tgisinternal"_s) > 0);
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT (current_setting('session_replication_role') = 'origin')::int"_s), qint64(1));
}

void TestDemoSeeder::reproducible()
{
    auto twin = migratedDatabase(u"demo_seed_twin"_s);
    SC_VERIFY_OK(DemoSeeder(twin->db()).seed(sizes()));
    const QString mine = hash(*m_conn, kContentHash);
    QVERIFY(!mine.isEmpty());
    QCOMPARE(hash(*twin, kContentHash), mine);

    auto other = migratedDatabase(u"demo_seed_other"_s);
    SC_VERIFY_OK(DemoSeeder(other->db()).seed(sizes(3000, -0.3)));
    QVERIFY(hash(*other, kContentHash) != mine);
}

void TestDemoSeeder::reseedDraftsRepeatsTheDrafts()
{
    auto conn = migratedDatabase(u"demo_reseed"_s);
    DemoSeeder seeder(conn->db());
    SC_VERIFY_OK(seeder.seed(sizes()));
    const QString before = hash(*conn, kDraftsHash);
    QCOMPARE(before, hash(*m_conn, kDraftsHash));

    auto fewer = seeder.reseedDrafts(sizes(1234));
    SC_VERIFY_OK(fewer);
    QCOMPARE(fewer->drafts, qint64(1234));
    QCOMPARE(fewer->users, m_counts.users);
    QCOMPARE(fewer->preferences, m_counts.preferences);

    auto again = seeder.reseedDrafts(sizes());
    SC_VERIFY_OK(again);
    QCOMPARE(again->drafts, qint64(3000));
    QCOMPARE(hash(*conn, kDraftsHash), before); // ids restart at 1, same rows
}

void TestDemoSeeder::refusesNonEmptyTables()
{
    DemoSeeder seeder(m_conn->db());
    const auto again = seeder.seed(sizes());
    QVERIFY(!again);
    QCOMPARE(again.error().kind, DbError::Kind::Conflict);
    QCOMPARE(scalar(u"SELECT count(*) FROM users"_s), m_counts.users); // rolled back, nothing added
}

void TestDemoSeeder::bulkSeedKeepsIndexes()
{
    auto conn = migratedDatabase(u"demo_bulk"_s);
    const auto indexes = [&]() -> QStringList {
        QSqlQuery q(conn->db());
        q.exec(uR"(SELECT indexname || ': ' || indexdef FROM pg_indexes
                   WHERE tablename = 'draft_content' ORDER BY indexname)"_s);
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    };
    const QStringList before = indexes();
    QVERIFY(before.size() >= 5);

    QElapsedTimer timer;
    timer.start();
    const auto seeded = DemoSeeder(conn->db()).seed(sizes(200000));
    SC_VERIFY_OK(seeded);
    qInfo("Seeded %lld users, %lld installations and %lld drafts in %lld ms",
          seeded->users, seeded->installations, seeded->drafts, timer.elapsed());
    QCOMPARE(seeded->drafts, qint64(200000));
    QCOMPARE(indexes(), before);
    QSqlQuery q(conn->db());
    QVERIFY(q.exec(uR"(SELECT count(*) FROM pg_index WHERE indrelid = 'draft_content'::regclass
                       AND NOT (indisvalid AND indisready))"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.exec(u"SELECT reltuples FROM pg_class WHERE oid = 'draft_content'::regclass"_s) && q.next());
    QVERIFY(q.value(0).toDouble() > 150000); // analyzed
}

void TestDemoSeeder::deferredTextIndexIsBuiltLater()
{
    auto conn = migratedDatabase(u"demo_deferred"_s);
    const auto index = [&](const QString &sql) -> QVariant {
        QSqlQuery q(conn->db());
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    };
    constexpr auto kTrigramIndex = R"(SELECT indisvalid FROM pg_index
                                      WHERE indexrelid = to_regclass('idx_draft_content_content_trgm'))";
    QCOMPARE(index(QString::fromLatin1(kTrigramIndex)).toBool(), true);

    DemoSeeder seeder(conn->db());
    DemoSizes deferring = sizes(60000);
    deferring.deferTextIndexes = true;
    SC_VERIFY_OK(seeder.seed(deferring));
    QVERIFY(!index(QString::fromLatin1(kTrigramIndex)).isValid());      // not there yet
    QVERIFY(index(u"SELECT to_regclass('idx_draft_content_user') IS NOT NULL"_s).toBool()); // B-trees are
    QCOMPARE(seeder.deferredIndexCount().value_or(-1), 2);   // content and pull request title (011)

    auto built = seeder.buildDeferredIndexes();
    SC_VERIFY_OK(built);
    QCOMPARE(*built, 2);
    QCOMPARE(index(QString::fromLatin1(kTrigramIndex)).toBool(), true);
    QCOMPARE(seeder.deferredIndexCount().value_or(-1), 0);
    QCOMPARE(seeder.buildDeferredIndexes().value_or(-1), 0);

    // An interrupted concurrent build leaves an invalid index: it is dropped and built again.
    QSqlQuery q(conn->db());
    QVERIFY(q.exec(uR"(INSERT INTO staff_console_demo_deferred_indexes
                       VALUES ('public.idx_draft_content_content_trgm',
                               pg_get_indexdef('idx_draft_content_content_trgm'::regclass)))"_s));
    QVERIFY(q.exec(u"UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_draft_content_content_trgm'::regclass"_s));
    QCOMPARE(seeder.buildDeferredIndexes().value_or(-1), 1);
    QCOMPARE(index(QString::fromLatin1(kTrigramIndex)).toBool(), true);
    QCOMPARE(seeder.deferredIndexCount().value_or(-1), 0);
}

void TestDemoSeeder::isSeededAndCreateDatabase()
{
    auto admin = PgFixture::instance().connect(PgFixture::instance().cluster().profile());
    const QString name = u"demo \"quoted\" db"_s;
    auto created = DemoSeeder::createDatabaseIfMissing(admin->db(), name);
    SC_VERIFY_OK(created);
    QVERIFY(*created);
    auto again = DemoSeeder::createDatabaseIfMissing(admin->db(), name);
    SC_VERIFY_OK(again);
    QVERIFY(!*again);
    {
        auto conn = PgFixture::instance().connect(PgFixture::instance().cluster().profile(name));
        QVERIFY(!DemoSeeder(conn->db()).isSeeded()); // no tables at all
    }
    QSqlQuery q(admin->db());
    QVERIFY(q.exec(u"DROP DATABASE \"demo \"\"quoted\"\" db\" WITH (FORCE)"_s));
}

QTEST_GUILESS_MAIN(TestDemoSeeder)
#include "tst_demoseeder.moc"
