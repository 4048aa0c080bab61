#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

#include "migrator.h"
#include "pgfixture.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kSeedWithBogusRows = R"(
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    github_id VARCHAR(255) UNIQUE NOT NULL,
    stripe_customer_id VARCHAR(255) UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE draft_content (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    workflow_run_id VARCHAR(255) NOT NULL,
    content_type VARCHAR(50) NOT NULL,
    github_issue_id INTEGER NOT NULL,
    github_repo VARCHAR(255) NOT NULL,
    content TEXT NOT NULL,
    metadata JSONB,
    status VARCHAR(50) DEFAULT 'draft',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
INSERT INTO users (id, github_id) VALUES (1, '583231');
INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content, status)
VALUES (1, 1, 'wr-1', 'comment', 1, 'o/r', 'fine', 'draft'),
       (2, 1, 'wr-2', 'comment', 2, 'o/r', 'broken', 'bogus');
)";

constexpr auto kCountPublicRelations = R"(SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)";
constexpr auto kVersionTableExists = R"(SELECT to_regclass('staff_console_schema_version') IS NOT NULL)";

constexpr auto kSecretPassword = "s3cret-Pa55word-never-printed";

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QVariant scalar(const ConnectionProfile &profile, const char *sql)
{
    auto conn = PgFixture::instance().connect(profile);
    QSqlQuery q(conn->db());
    if (!q.exec(QString::fromUtf8(sql)) || !q.next())
        return {};
    return q.value(0);
}

} // namespace

class tst_MigrateCommand : public QObject
{
    Q_OBJECT

private:
    static QString uriOf(const ConnectionProfile &profile)
    {
        return u"postgresql://%1@/%2?host=%3&port=%4"_s.arg(profile.user, profile.database, profile.host)
            .arg(profile.port);
    }

    static Run staffConsole(const QStringList &args, bool withPassword = true)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"PGPASSWORD"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        if (withPassword)
            env.insert(u"PGPASSWORD"_s, QString::fromLatin1(kSecretPassword));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(STAFF_CONSOLE_BINARY), args);
        if (!process.waitForFinished(180'000))
            qWarning("staff-console did not finish");
        Run run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
        if (run.out.contains(QLatin1String(kSecretPassword)) || run.err.contains(QLatin1String(kSecretPassword)))
            qFatal("staff-console printed the password");
        return run;
    }

    static QStringList labels()
    {
        QStringList out;
        for (const MigrationStep &step : Migrator::knownSteps())
            out << step.label();
        return out;
    }

private Q_SLOTS:
    void dryRunThenMigrateThenNothingLeft()
    {
        const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"cmd_ok"_s);

        Run run = staffConsole({u"migrate"_s, u"--db"_s, uriOf(profile), u"--dry-run"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QString &label : labels())
            QVERIFY2(run.out.contains(u"would apply "_s + label + u'\n'), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Dry run: nothing was changed."_s), qPrintable(run.out));
        QCOMPARE(scalar(profile, kCountPublicRelations).toInt(), 0);

        run = staffConsole({u"migrate"_s, u"--db"_s, uriOf(profile)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QString &label : labels()) {
            const QRegularExpression applied(u"^applied %1 \\(\\d+ ms\\)$"_s.arg(label), QRegularExpression::MultilineOption);
            QVERIFY2(applied.match(run.out).hasMatch(), qPrintable(run.out));
        }
        const int latest = Migrator::latestVersion();
        QVERIFY2(run.out.contains(u"Database is at version %1. Schema version %1 of %1: up to date."_s.arg(latest)),
                 qPrintable(run.out));

        run = staffConsole({u"migrate"_s, u"--db"_s, uriOf(profile)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Nothing to apply."_s), qPrintable(run.out));
        QVERIFY(!run.out.contains(u"applied "_s));
    }

    void passwordFromTheKeychainWhenNoPgPassword()
    {
        // No entry in the keychain (or no keychain at all): the command goes on without a password,
        // which the tests' trust authentication accepts.
        const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"cmd_keychain"_s);
        const Run run = staffConsole({u"migrate"_s, u"--db"_s, uriOf(profile), u"--dry-run"_s}, false);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(u"would apply 001_seed_schema"_s));
    }

    void violatingRowFailsWithStepStatementAndMessage()
    {
        const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"cmd_bogus"_s);
        {
            auto conn = PgFixture::instance().connect(profile);
            QSqlQuery q(conn->db());
            QVERIFY(q.exec(QString::fromLatin1(kSeedWithBogusRows)));
        }
        const Run run = staffConsole({u"migrate"_s, u"--db"_s, uriOf(profile)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Migration 002_check_constraints failed at line "_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"(DO $check$)"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"draft_content: constraint draft_content_status_check"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"row(s) with id 2"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"rolled back: the database is still at version 0"_s), qPrintable(run.err));
        QCOMPARE(scalar(profile, kVersionTableExists).toBool(), false);
    }

    void resumesBehindAndRefusesAhead()
    {
        const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"cmd_versions"_s);
        {
            auto conn = PgFixture::instance().connect(profile);
            QVERIFY(Migrator(conn->db()).migrateTo(2).has_value());
        }
        Run run = staffConsole({u"migrate"_s, u"--db"_s, uriOf(profile)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u": Schema version 2 of %1: missing 003_updated_at_trigger"_s.arg(Migrator::latestVersion())),
                 qPrintable(run.out));
        QVERIFY(!run.out.contains(u"applied 001_seed_schema"_s));
        QVERIFY(!run.out.contains(u"applied 002_check_constraints"_s));
        QVERIFY2(run.out.contains(u"applied 003_updated_at_trigger ("_s), qPrintable(run.out));

        {
            auto conn = PgFixture::instance().connect(profile);
            QSqlQuery q(conn->db());
            QVERIFY(q.exec(u"INSERT INTO staff_console_schema_version (version, name) VALUES (999, 'future')"_s));
        }
        for (const QString &dryRun : {QString(), u"--dry-run"_s}) {
            QStringList args{u"migrate"_s, u"--db"_s, uriOf(profile)};
            if (!dryRun.isEmpty())
                args << dryRun;
            run = staffConsole(args);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(u"The database is at version 999, newer than this console knows (%1): the console will not write."_s
                                          .arg(Migrator::latestVersion())),
                     qPrintable(run.err));
        }
    }

    void failures_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const PrivateCluster &cluster = PgFixture::instance().cluster();
        QTest::newRow("unreachable") << QStringList{u"migrate"_s, u"--db"_s, u"postgresql://postgres@/x?host=/nonexistent/sc-socket&port=5999"_s}
                                     << 3 << u"cannot be reached"_s;
        QTest::newRow("no such database")
            << QStringList{u"migrate"_s, u"--db"_s,
                           u"postgresql://postgres@/no_such_db?host=%1&port=%2"_s.arg(cluster.socketDirectory()).arg(cluster.port())}
            << 3 << u"no_such_db"_s;
        QTest::newRow("no --db") << QStringList{u"migrate"_s, u"--dry-run"_s} << 2 << u"--db URI is required"_s;
        QTest::newRow("password in URI")
            << QStringList{u"migrate"_s, u"--db"_s, u"postgresql://postgres:%1@localhost/db"_s.arg(QLatin1String(kSecretPassword))}
            << 2 << u"not in the URI"_s;
        QTest::newRow("not a URI") << QStringList{u"migrate"_s, u"--db"_s, u"mysql://x@y/z"_s} << 2 << u"Not a PostgreSQL URI"_s;
        QTest::newRow("unknown option") << QStringList{u"migrate"_s, u"--frobnicate"_s} << 2 << u"frobnicate"_s;
    }

    void failures()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = staffConsole(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(tst_MigrateCommand)
#include "tst_migratecommand.moc"
