#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "connectiondialog.h"
#include "expectedcheck.h"
#include "pgfixture.h"
#include "profilestore.h"
#include "secretstore.h"
#include "session.h"
#include "settings.h"

using namespace Qt::StringLiterals;

namespace {

template<typename T>
T *field(const QWidget &dialog, const QString &accessibleName)
{
    const auto children = dialog.findChildren<T *>();
    for (T *child : children) {
        if (child->accessibleName() == accessibleName)
            return child;
    }
    return nullptr;
}

struct Fields
{
    QString name, host, port, database, user, password, sslMode, caFile;
};

} // namespace

Q_DECLARE_METATYPE(Fields)

namespace {

void fill(ConnectionDialog &dialog, const Fields &f)
{
    field<QComboBox>(dialog, u"Profile name"_s)->setCurrentText(f.name);
    field<QLineEdit>(dialog, u"Host"_s)->setText(f.host);
    field<QLineEdit>(dialog, u"Port"_s)->setText(f.port);
    field<QLineEdit>(dialog, u"Database"_s)->setText(f.database);
    field<QLineEdit>(dialog, u"Login (PostgreSQL user)"_s)->setText(f.user);
    field<QLineEdit>(dialog, u"Password"_s)->setText(f.password);
    field<QComboBox>(dialog, u"SSL mode"_s)->setCurrentText(f.sslMode.isEmpty() ? u"prefer"_s : f.sslMode);
    field<QLineEdit>(dialog, u"CA certificate file"_s)->setText(f.caFile);
}

void clickConnect(ConnectionDialog &dialog)
{
    QPushButton *connect = field<QPushButton>(dialog, u"Connect"_s);
    QVERIFY(connect);
    QVERIFY(connect->isEnabled());
    QTest::mouseClick(connect, Qt::LeftButton);
}

Fields fixtureFields(const ConnectionProfile &p, const QString &name)
{
    return {name, p.host, QString::number(p.port), p.database, p.user, {}, u"prefer"_s, {}};
}

} // namespace

class TstConnectionDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_settingsFile = m_dir.filePath(u"profiles.ini"_s);
        m_profiles = std::make_unique<ProfileStore>(m_settingsFile);
        m_db = PgFixture::instance().freshDatabase(u"tst_connectiondialog"_s);
        QFile ca(m_dir.filePath(u"ca.pem"_s));
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        requirePasswordFor(u"sc_pw_user"_s, u"right-password"_s);
    }

    void fieldsAreValidatedInline_data()
    {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("invalidField");
        QTest::addColumn<QString>("message");
        const Fields ok{u"prod"_s, u"db.example.com"_s, u"5432"_s, u"app"_s, u"alice"_s, u"pw"_s, u"prefer"_s, {}};
        auto with = [ok](auto change) { Fields f = ok; change(f); return f; };
        QTest::newRow("empty profile name") << with([](Fields &f) { f.name.clear(); })
                                            << u"Profile name"_s << u"name for the profile"_s;
        QTest::newRow("slash in name") << with([](Fields &f) { f.name = u"a/b"_s; })
                                       << u"Profile name"_s << u"cannot contain"_s;
        QTest::newRow("empty host") << with([](Fields &f) { f.host = u"  "_s; })
                                    << u"Host"_s << u"host name"_s;
        QTest::newRow("port not a number") << with([](Fields &f) { f.port = u"54x2"_s; })
                                           << u"Port"_s << u"between 1 and 65535"_s;
        QTest::newRow("port too big") << with([](Fields &f) { f.port = u"70000"_s; })
                                      << u"Port"_s << u"between 1 and 65535"_s;
        QTest::newRow("port zero") << with([](Fields &f) { f.port = u"0"_s; })
                                   << u"Port"_s << u"between 1 and 65535"_s;
        QTest::newRow("empty database") << with([](Fields &f) { f.database.clear(); })
                                        << u"Database"_s << u"database name"_s;
        QTest::newRow("empty login") << with([](Fields &f) { f.user.clear(); })
                                     << u"Login (PostgreSQL user)"_s << u"login"_s;
        QTest::newRow("verify-full without CA") << with([](Fields &f) { f.sslMode = u"verify-full"_s; })
                                                << u"CA certificate file"_s << u"choose the CA file"_s;
        QTest::newRow("verify-ca with unreadable CA")
            << with([](Fields &f) { f.sslMode = u"verify-ca"_s; f.caFile = u"/nonexistent/ca.pem"_s; })
            << u"CA certificate file"_s << u"cannot be read"_s;
    }

    void fieldsAreValidatedInline()
    {
        QFETCH(Fields, fields);
        QFETCH(QString, invalidField);
        QFETCH(QString, message);
        SecretStore secrets;
        ConnectionDialog dialog(*m_profiles, secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy attempts(&dialog, &ConnectionDialog::connectionAttemptStarted);
        fill(dialog, fields);
        clickConnect(dialog);
        QVERIFY2(dialog.errorText().contains(message, Qt::CaseInsensitive), qPrintable(dialog.errorText()));
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isConnecting());
        QCOMPARE(attempts.count(), 0);
        QVERIFY(dialog.focusWidget());
        QWidget *focused = dialog.focusWidget();
        // An editable combo box focuses its line edit.
        if (qobject_cast<QComboBox *>(focused->parentWidget()))
            focused = focused->parentWidget();
        QCOMPARE(focused->accessibleName(), invalidField);
    }

    void caFileOnlyForVerifyModes()
    {
        SecretStore secrets;
        ConnectionDialog dialog(*m_profiles, secrets);
        auto *mode = field<QComboBox>(dialog, u"SSL mode"_s);
        auto *ca = field<QLineEdit>(dialog, u"CA certificate file"_s);
        auto *browse = field<QPushButton>(dialog, u"Choose the CA certificate file"_s);
        QVERIFY(mode && ca && browse);
        QCOMPARE(mode->findText(u"verify-full"_s) >= 0, true);
        for (const QString &m : ConnectionProfile::sslModes()) {
            mode->setCurrentText(m);
            const bool verify = m.startsWith(u"verify-"_s);
            QCOMPARE(ca->isEnabled(), verify);
            QCOMPARE(browse->isEnabled(), verify);
        }
    }

    void validVerifyFullPassesValidation()
    {
        SecretStore secrets;
        ConnectionDialog dialog(*m_profiles, secrets);
        QSignalSpy attempts(&dialog, &ConnectionDialog::connectionAttemptStarted);
        fill(dialog, {u"tls"_s, u"/tmp/sc-no-such-dir"_s, u"5999"_s, u"app"_s, u"alice"_s, {},
                      u"verify-full"_s, m_dir.filePath(u"ca.pem"_s)});
        clickConnect(dialog);
        QCOMPARE(attempts.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), 15000);
    }

    void connectsAndSavesProfileWithoutPassword()
    {
        const QString password = u"pw-must-not-reach-settings-%1"_s.arg(QCoreApplication::applicationPid());
        SecretStore secrets;
        {
            ConnectionDialog dialog(*m_profiles, secrets);
            dialog.show();
            Fields f = fixtureFields(m_db, u"local test"_s);
            f.password = password;
            fill(dialog, f);
            field<QCheckBox>(dialog, u"Remember password in the keychain"_s)->setChecked(true);
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            clickConnect(dialog);
            QVERIFY(dialog.isConnecting());
            QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
            QVERIFY2(dialog.keychainNote().isEmpty(), qPrintable(dialog.keychainNote()));
            std::unique_ptr<Session> session(dialog.takeSession());
            QVERIFY(session);
            QVERIFY(session->isLoaded());
            QCOMPARE(session->login(), m_db.user);
            QCOMPARE(session->database(), m_db.database);
            QVERIFY(!session->serverVersion().isEmpty());
            QVERIFY(session->schema().has_value());
            QCOMPARE(session->schema()->state, SchemaStatus::State::Empty);
            QCOMPARE(session->password(), password);
        }

        m_profiles->sync();
        QFile ini(m_settingsFile);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray content = ini.readAll();
        QVERIFY(content.contains(m_db.database.toUtf8()));
        QVERIFY(content.contains("rememberPassword=true"));
        QVERIFY2(!content.contains(password.toUtf8()), content.constData());
        for (const QByteArray &line : content.split('\n'))
            QVERIFY2(!line.trimmed().toLower().startsWith("password"), line.constData());
        QCOMPARE(m_profiles->lastUsed(), u"local test"_s);
        const auto saved = m_profiles->load(u"local test"_s);
        QVERIFY(saved);
        QCOMPARE(saved->host, m_db.host);
        QCOMPARE(saved->port, m_db.port);

        // A new dialog opens on the last profile and takes the password from the keychain.
        ConnectionDialog again(*m_profiles, secrets);
        QCOMPARE(field<QComboBox>(again, u"Profile name"_s)->currentText(), u"local test"_s);
        QCOMPARE(field<QLineEdit>(again, u"Database"_s)->text(), m_db.database);
        QTRY_COMPARE_WITH_TIMEOUT(field<QLineEdit>(again, u"Password"_s)->text(), password, 10000);

        Outcome removed;
        secrets.remove(SecretStore::databaseKey(*saved), this, [&removed](SecretStore::WriteResult r) {
            removed.done = true;
            removed.ok = r.has_value();
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed.done, 10000);
        QVERIFY(removed.ok);
    }

    void clearFailureMessages_data()
    {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("message");
        const Fields good = fixtureFields(m_db, u"bad"_s);
        Fields noDb = good;
        noDb.database = u"no_such_database_here"_s;
        QTest::newRow("wrong database") << noDb << u"“no_such_database_here” does not exist"_s;
        Fields noServer = good;
        noServer.host = u"/tmp/sc-no-such-socket-dir"_s;
        noServer.port = u"5999"_s;
        QTest::newRow("unreachable socket") << noServer << u"cannot be reached"_s;
        Fields wrongPassword = good;
        wrongPassword.user = u"sc_pw_user"_s;
        wrongPassword.password = u"wrong-password"_s;
        QTest::newRow("wrong password") << wrongPassword << u"rejected the login “sc_pw_user”"_s;
        Fields noPassword = wrongPassword;
        noPassword.password.clear();
        QTest::newRow("missing password") << noPassword << u"rejected the login “sc_pw_user”"_s;
    }

    void clearFailureMessages()
    {
        QFETCH(Fields, fields);
        QFETCH(QString, message);
        SecretStore secrets;
        ConnectionDialog dialog(*m_profiles, secrets);
        dialog.show();
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        fill(dialog, fields);
        clickConnect(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), 20000);
        QVERIFY2(dialog.errorText().contains(message), qPrintable(dialog.errorText()));
        QCOMPARE(accepted.count(), 0);
        QVERIFY(!dialog.takeSession());
        QVERIFY(field<QLineEdit>(dialog, u"Host"_s)->isEnabled());
        QVERIFY(!m_profiles->names().contains(u"bad"_s));
    }

    // Without a secret service the dialog says so and still connects with the typed password.
    // The check runs in a child process whose D-Bus address points nowhere.
    void keychainUnavailableStillConnects()
    {
        if (!qEnvironmentVariableIsSet("SC_DIALOG_NO_KEYCHAIN")) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"SC_DIALOG_NO_KEYCHAIN"_s, u"1"_s);
            env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/sc-no-bus"_s);
            env.remove(u"DISPLAY"_s);
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start(QCoreApplication::applicationFilePath(), {u"keychainUnavailableStillConnects"_s});
            QVERIFY(child.waitForFinished(60000));
            const QByteArray out = child.readAll();
            QVERIFY2(child.exitCode() == 0, out.constData());
            QVERIFY2(out.contains("PASS   : TstConnectionDialog::keychainUnavailableStillConnects()"), out.constData());
            return;
        }
        SecretStore secrets;
        const QString name = u"no keychain"_s;
        {
            ConnectionDialog dialog(*m_profiles, secrets);
            Fields f = fixtureFields(m_db, name);
            f.user = u"sc_pw_user"_s;
            f.password = u"right-password"_s;
            fill(dialog, f);
            field<QCheckBox>(dialog, u"Remember password in the keychain"_s)->setChecked(true);
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            clickConnect(dialog);
            QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
            QVERIFY2(dialog.keychainNote().contains(u"not available"_s), qPrintable(dialog.keychainNote()));
            std::unique_ptr<Session> session(dialog.takeSession());
            QVERIFY(session && session->isLoaded());
        }
        // Opening the profile again: the keychain cannot be read, the dialog says so, typing works.
        ConnectionDialog again(*m_profiles, secrets);
        again.loadProfile(name);
        QTRY_VERIFY_WITH_TIMEOUT(!again.keychainNote().isEmpty(), 10000);
        QVERIFY2(again.keychainNote().contains(u"Type the password"_s), qPrintable(again.keychainNote()));
        QVERIFY(field<QLineEdit>(again, u"Password"_s)->text().isEmpty());
        field<QLineEdit>(again, u"Password"_s)->setText(u"right-password"_s);
        QSignalSpy accepted(&again, &QDialog::accepted);
        clickConnect(again);
        QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
    }

    void rightPasswordConnects()
    {
        SecretStore secrets;
        ConnectionDialog dialog(*m_profiles, secrets);
        Fields f = fixtureFields(m_db, u"password login"_s);
        f.user = u"sc_pw_user"_s;
        f.password = u"right-password"_s;
        fill(dialog, f);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        clickConnect(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
        std::unique_ptr<Session> session(dialog.takeSession());
        QVERIFY(session);
        QCOMPARE(session->login(), u"sc_pw_user"_s);
    }

    // `--config` with [database] uri: the fields come from the URI; without a password in the
    // keychain the dialog waits for one, with it the dialog connects by itself.
    void managedProfileIsPrefilledFromTheUri()
    {
        ConnectionProfile target = m_db;
        target.user = u"sc_pw_user"_s;
        target.connectTimeoutSeconds = 7;
        const QString ini = m_dir.filePath(u"managed.ini"_s);
        {
            QFile file(ini);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(u"[database]\nuri = \"%1&connect_timeout=7\"\n"_s.arg(target.toUri()).toUtf8());
        }
        const auto settings = Settings::fromFile(ini);
        SC_VERIFY_OK(settings);
        QVERIFY(settings->database.has_value());
        // A stale saved copy of the managed profile does not win over the file.
        ConnectionProfile stale = *settings->database;
        stale.database = u"stale_database"_s;
        QVERIFY(m_profiles->save(stale, false).has_value());

        SecretStore secrets;
        const QString key = SecretStore::databaseKey(*settings->database);
        Outcome cleared;
        secrets.remove(key, this, [&cleared](SecretStore::WriteResult) { cleared.done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(cleared.done, 10000);
        {
            ConnectionDialog dialog(*m_profiles, secrets);
            dialog.show();
            QSignalSpy attempts(&dialog, &ConnectionDialog::connectionAttemptStarted);
            dialog.loadManagedProfile(*settings->database);
            QCOMPARE(field<QComboBox>(dialog, u"Profile name"_s)->currentText(), Settings::managedProfileName());
            QCOMPARE(field<QLineEdit>(dialog, u"Host"_s)->text(), target.host);
            QCOMPARE(field<QLineEdit>(dialog, u"Port"_s)->text(), QString::number(target.port));
            QCOMPARE(field<QLineEdit>(dialog, u"Database"_s)->text(), target.database);
            QCOMPARE(field<QLineEdit>(dialog, u"Login (PostgreSQL user)"_s)->text(), u"sc_pw_user"_s);
            QCOMPARE(field<QSpinBox>(dialog, u"Connect timeout in seconds"_s)->value(), 7);
            QLineEdit *password = field<QLineEdit>(dialog, u"Password"_s);
            QTRY_COMPARE_WITH_TIMEOUT(password->placeholderText(), u"not in the keychain: type it"_s, 10000);
            QVERIFY(password->text().isEmpty());
            QCOMPARE(attempts.count(), 0);
            QVERIFY(!dialog.isConnecting());

            password->setText(u"right-password"_s);
            field<QCheckBox>(dialog, u"Remember password in the keychain"_s)->setChecked(true);
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            clickConnect(dialog);
            QTRY_VERIFY2_WITH_TIMEOUT(accepted.count() == 1, qPrintable(dialog.errorText()), 20000);
            std::unique_ptr<Session> session(dialog.takeSession());
            QVERIFY(session);
            QCOMPARE(session->login(), u"sc_pw_user"_s);
            QCOMPARE(session->database(), target.database);
        }
        {
            ConnectionDialog dialog(*m_profiles, secrets);
            dialog.show();
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            dialog.loadManagedProfile(*settings->database);
            QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
            std::unique_ptr<Session> session(dialog.takeSession());
            QVERIFY(session);
            QCOMPARE(session->login(), u"sc_pw_user"_s);
        }
        Outcome removed;
        secrets.remove(key, this, [&removed](SecretStore::WriteResult r) {
            removed.done = true;
            removed.ok = r.has_value();
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed.done, 10000);
        QVERIFY(removed.ok);
        m_profiles->remove(Settings::managedProfileName());
    }

private:
    // The fixture's cluster trusts local logins; make this one role prove its password.
    void requirePasswordFor(const QString &role, const QString &password)
    {
        auto admin = PgFixture::instance().connect(PgFixture::instance().cluster().profile());
        QSqlQuery q(admin->db());
        QVERIFY(q.exec(u"DROP ROLE IF EXISTS %1"_s.arg(role)));
        QVERIFY(q.prepare(u"SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', ?::text, ?::text)"_s));
        q.addBindValue(role);
        q.addBindValue(password);
        QVERIFY(q.exec() && q.next());
        const QString create = q.value(0).toString();
        QVERIFY2(q.exec(create), qPrintable(q.lastError().text()));
        QFile hba(PgFixture::instance().cluster().dataDirectory() + u"/pg_hba.conf"_s);
        QVERIFY(hba.open(QIODevice::ReadOnly));
        QByteArray rules = hba.readAll();
        hba.close();
        const QByteArray rule = "local all " + role.toUtf8() + " scram-sha-256\n";
        if (!rules.startsWith(rule))
            rules.prepend(rule);
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(rules);
        hba.close();
        QVERIFY(q.exec(u"SELECT pg_reload_conf()"_s));
    }

    struct Outcome
    {
        bool done = false;
        bool ok = false;
    };

    QTemporaryDir m_dir;
    QString m_settingsFile;
    std::unique_ptr<ProfileStore> m_profiles;
    ConnectionProfile m_db;
};


QTEST_MAIN(TstConnectionDialog)
#include "tst_connectiondialog.moc"
