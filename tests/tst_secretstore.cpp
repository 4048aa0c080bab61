#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <optional>

#include "secretstore.h"

using namespace Qt::StringLiterals;

namespace {

// In the child process (no secret service): read one key, print the error kind, exit.
constexpr auto kChildEnv = "SC_SECRETSTORE_CHILD";

int runChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    SecretStore store;
    int code = 99;
    store.read(u"database/child@nowhere:1/none"_s, &app, [&code](SecretStore::ReadResult result) {
        if (result)
            code = 10;
        else
            code = static_cast<int>(result.error().kind);
        QTextStream(stdout) << (result ? u"ok"_s : result.error().message) << Qt::endl;
        QCoreApplication::exit(0);
    });
    app.exec();
    return code;
}

template<typename Result>
struct Outcome
{
    std::optional<Result> result;
    std::function<void(Result)> sink() { return [this](Result r) { result = std::move(r); }; }
};

} // namespace

class TstSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_profile.host = u"/tmp/sc-pg-example"_s;
        m_profile.port = 54321;
        m_profile.database = u"staff_%1"_s.arg(QCoreApplication::applicationPid());
        m_profile.user = u"reviewer"_s;
    }

    void databaseKeyNamesTheConnection()
    {
        QCOMPARE(SecretStore::databaseKey(m_profile),
                 u"database/reviewer@/tmp/sc-pg-example:54321/"_s + m_profile.database);
    }

    void passwordRoundTrips_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("ascii") << QByteArray("correct horse battery staple");
        QTest::newRow("utf8") << u"pässwörd–ünïcode €"_s.toUtf8();
        QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe\n\r\"'", 8);
    }

    void passwordRoundTrips()
    {
        QFETCH(QByteArray, secret);
        SecretStore store;
        const QString key = SecretStore::databaseKey(m_profile);

        Outcome<SecretStore::WriteResult> written;
        store.write(key, secret, this, written.sink());
        QTRY_VERIFY_WITH_TIMEOUT(written.result.has_value(), 10000);
        QVERIFY2(written.result->has_value(), qPrintable(written.result->error().message));

        Outcome<SecretStore::ReadResult> read;
        store.read(key, this, read.sink());
        QTRY_VERIFY_WITH_TIMEOUT(read.result.has_value(), 10000);
        QVERIFY2(read.result->has_value(), qPrintable(read.result->error().message));
        QCOMPARE(read.result->value(), secret);

        // A second store (another process would do the same) reads the same secret.
        SecretStore other;
        Outcome<SecretStore::ReadResult> again;
        other.read(key, this, again.sink());
        QTRY_VERIFY_WITH_TIMEOUT(again.result.has_value(), 10000);
        QVERIFY(again.result->has_value());
        QCOMPARE(again.result->value(), secret);
    }

    void missingKeyIsNotFound()
    {
        SecretStore store;
        Outcome<SecretStore::ReadResult> read;
        store.read(u"database/nobody@nowhere:1/never-%1"_s.arg(QCoreApplication::applicationPid()),
                   this, read.sink());
        QTRY_VERIFY_WITH_TIMEOUT(read.result.has_value(), 10000);
        QVERIFY(!read.result->has_value());
        QCOMPARE(read.result->error().kind, SecretError::Kind::NotFound);
    }

    void removeDeletesTheSecret()
    {
        SecretStore store;
        const QString key = u"stripe/api-key-test-%1"_s.arg(QCoreApplication::applicationPid());
        const QByteArray secret("sk_test_do_not_print_me");

        Outcome<SecretStore::WriteResult> written;
        store.write(key, secret, this, written.sink());
        QTRY_VERIFY_WITH_TIMEOUT(written.result.has_value(), 10000);
        QVERIFY(written.result->has_value());

        Outcome<SecretStore::WriteResult> removed;
        store.remove(key, this, removed.sink());
        QTRY_VERIFY_WITH_TIMEOUT(removed.result.has_value(), 10000);
        QVERIFY2(removed.result->has_value(), qPrintable(removed.result->error().message));

        Outcome<SecretStore::ReadResult> read;
        store.read(key, this, read.sink());
        QTRY_VERIFY_WITH_TIMEOUT(read.result.has_value(), 10000);
        QVERIFY(!read.result->has_value());
        QCOMPARE(read.result->error().kind, SecretError::Kind::NotFound);
        QVERIFY(!read.result->error().message.contains(QString::fromUtf8(secret)));
    }

    void callbackSkippedWhenContextIsGone()
    {
        SecretStore store;
        bool called = false;
        auto *context = new QObject;
        store.read(SecretStore::databaseKey(m_profile), context,
                   [&called](SecretStore::ReadResult) { called = true; });
        delete context;

        // A later job on the same store finishing proves the first one had its turn.
        Outcome<SecretStore::ReadResult> later;
        store.read(SecretStore::databaseKey(m_profile), this, later.sink());
        QTRY_VERIFY_WITH_TIMEOUT(later.result.has_value(), 10000);
        QTest::qWait(50);
        QVERIFY(!called);
    }

    // QtKeychain's libsecret backend calls back into a pending job: a store destroyed while its
    // job runs must not take the job with it.
    void storeDestroyedWhileJobPending()
    {
        bool called = false;
        {
            SecretStore doomed;
            doomed.read(SecretStore::databaseKey(m_profile), this,
                        [&called](SecretStore::ReadResult) { called = true; });
        }
        SecretStore store;
        Outcome<SecretStore::ReadResult> later;
        store.read(SecretStore::databaseKey(m_profile), this, later.sink());
        QTRY_VERIFY_WITH_TIMEOUT(later.result.has_value(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(called, 10000);
    }

    void noSecretServiceIsUnavailableQuickly()
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildEnv), u"1"_s);
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/sc-no-bus"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        child.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(20000));
        const auto elapsed = timer.elapsed();
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QVERIFY2(child.exitCode() == static_cast<int>(SecretError::Kind::Unavailable),
                 qPrintable(u"exit %1: %2"_s.arg(child.exitCode()).arg(out)));
        QVERIFY2(elapsed < 5000, qPrintable(u"took %1 ms"_s.arg(elapsed)));
    }

private:
    ConnectionProfile m_profile;
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildEnv))
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TstSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
