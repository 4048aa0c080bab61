#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "fakehttpserver.h"
#include "fixtures.h"
#include "githubroutes.h"
#include "github/appkeystore.h"
#include "github/githubclient.h"
#include "http/httpclient.h"
#include "secretstore.h"
#include "settingsdialog.h"
#include "testrsakey.h"
#include "timeformat.h"

using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
}

QLineEdit *field(QWidget *dialog, const QString &accessibleName)
{
    const auto edits = dialog->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void testConnectionShowsAppInstallationsAndRateLimit();
    void wrongAppIdIsShownInline();
    void invalidBaseUrlIsShownInline();
    void malformedKeyIsNotImported();
    void importedKeyIsUsedFromTheKeychain();
    void okSavesBaseUrlAndAppId();
    void testConnectionUsesTheRunningClientsTokens();
    void reviewSettingsFromTheConfigFile_data();
    void reviewSettingsFromTheConfigFile();
    void reviewPageSavesRunUrlAndSingleKeys();

private:
    Settings baseSettings() const;

    std::unique_ptr<TestRsaKey> m_key;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<QSettings> m_user;
    QNetworkAccessManager m_network;
    HttpClient m_http{&m_network};
    GitHubClient m_github{&m_http};   // the running console's one client
    SecretStore m_secrets;
    QString m_keyFile;
};

void TestSettingsDialog::initTestCase()
{
    m_key = std::make_unique<TestRsaKey>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_keyFile = m_dir->filePath(u"app.pem"_s);
    writeFile(m_keyFile, m_key->pkcs8Pem());
}

void TestSettingsDialog::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    serveConnectionCheck(*m_server);
    m_user = std::make_unique<QSettings>(m_dir->filePath(u"user.ini"_s), QSettings::IniFormat);
    m_user->clear();
    m_github.clearAppCredentials();
}

Settings TestSettingsDialog::baseSettings() const
{
    Settings settings;
    settings.github.baseUrl = m_server->baseUrl();
    settings.github.appId = u"12345"_s;
    settings.github.privateKeyFile = m_keyFile;  // as a config file would give it
    return settings;
}

void TestSettingsDialog::testConnectionShowsAppInstallationsAndRateLimit()
{
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    dialog.testConnection();
    QTRY_COMPARE(tested.size(), 1);
    QCOMPARE(tested.constFirst().constFirst().toBool(), true);
    const QString text = dialog.testResultText();
    QVERIFY2(text.contains(u"Octocat App"_s), qPrintable(text));
    QVERIFY2(text.contains(u"1 installation"_s), qPrintable(text));
    QVERIFY2(text.contains(u"4999 of 5000"_s), qPrintable(text));
    // The reset in the console's time format, with its zone: "resets 2023-08-09 16:29 UTC+02:00".
    const QDateTime reset = QDateTime::fromSecsSinceEpoch(1691591363, Qt::UTC);
    QVERIFY2(text.contains(u"resets "_s + TimeFormat::clockWithZone(reset) + u'.'), qPrintable(text));
    QVERIFY2(text.contains(u" UTC"_s), qPrintable(text));
    QVERIFY(dialog.errorText().isEmpty());
}

void TestSettingsDialog::wrongAppIdIsShownInline()
{
    m_server->addRoute("GET", u"/app"_s,
                       FakeResponse::json(401, R"({"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"})"));
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    dialog.testConnection();
    QTRY_COMPARE(tested.size(), 1);
    QCOMPARE(tested.constFirst().constFirst().toBool(), false);
    const QString text = dialog.testResultText();
    QVERIFY2(text.contains(u"App ID"_s), qPrintable(text));
    QVERIFY2(text.contains(u"A JSON web token could not be decoded"_s), qPrintable(text));
}

void TestSettingsDialog::invalidBaseUrlIsShownInline()
{
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    field(&dialog, u"GitHub API base URL"_s)->setText(u"ftp://github.example.com"_s);
    dialog.testConnection();
    QVERIFY2(dialog.errorText().contains(u"API base URL"_s), qPrintable(dialog.errorText()));
    field(&dialog, u"GitHub API base URL"_s)->setText(m_server->baseUrl().toString());
    field(&dialog, u"GitHub App ID or client ID"_s)->setText(u"  "_s);
    dialog.testConnection();
    QVERIFY2(dialog.errorText().contains(u"ID"_s), qPrintable(dialog.errorText()));
    QVERIFY(m_server->requests().isEmpty());
}

void TestSettingsDialog::malformedKeyIsNotImported()
{
    const QString bad = m_dir->filePath(u"bad.pem"_s);
    writeFile(bad, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    QSignalSpy imported(&dialog, &SettingsDialog::privateKeyImported);
    dialog.importPrivateKey(bad);
    QTRY_COMPARE(imported.size(), 1);
    QCOMPARE(imported.constFirst().constFirst().toBool(), false);
    QVERIFY2(dialog.keyStatusText().contains(u"bad.pem"_s), qPrintable(dialog.keyStatusText()));
}

void TestSettingsDialog::importedKeyIsUsedFromTheKeychain()
{
    // Needs the test session's unlocked keyring (scripts/test starts one).
    Settings settings = baseSettings();
    settings.github.privateKeyFile.clear();
    SettingsDialog dialog(settings, *m_user, m_secrets, m_github);
    QSignalSpy imported(&dialog, &SettingsDialog::privateKeyImported);
    dialog.importPrivateKey(m_keyFile);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 15000);
    QVERIFY2(imported.constFirst().constFirst().toBool(), qPrintable(dialog.keyStatusText()));

    std::optional<std::expected<QByteArray, GitHubError>> stored;
    AppKeyStore::load(&m_secrets, this, [&stored](std::expected<QByteArray, GitHubError> pem) { stored = pem; });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 15000);
    QVERIFY(stored->has_value());
    QCOMPARE(**stored, m_key->pkcs8Pem());

    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 15000);
    QVERIFY2(tested.constFirst().constFirst().toBool(), qPrintable(dialog.testResultText()));
    // Nothing of the key went to the settings.
    m_user->sync();
    const QStringList keys = m_user->allKeys();
    for (const QString &key : keys)
        QVERIFY(!m_user->value(key).toString().contains(u"PRIVATE KEY"_s));
}

void TestSettingsDialog::okSavesBaseUrlAndAppId()
{
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    field(&dialog, u"GitHub API base URL"_s)->setText(u"https://ghe.example.com/api/v3/"_s);
    field(&dialog, u"GitHub App ID or client ID"_s)->setText(u"Iv1.0123456789abcdef"_s);
    const auto buttons = dialog.findChildren<QPushButton *>();
    const auto ok = std::find_if(buttons.cbegin(), buttons.cend(),
                                 [](QPushButton *b) { return b->accessibleName() == u"Save settings"_s; });
    QVERIFY(ok != buttons.cend());
    (*ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(m_user->value(u"github/base_url"_s).toString(), u"https://ghe.example.com/api/v3"_s);
    QCOMPARE(m_user->value(u"github/app_id"_s).toString(), u"Iv1.0123456789abcdef"_s);
    QVERIFY(!m_user->contains(u"github/private_key_file"_s));
}

// The console has one GitHubClient: "Test connection" on the settings it runs with goes through it,
// so the installation token it fetched is not fetched again by the rest of the console (nor by a
// second test). Edited, unsaved values are tried with a throwaway client: a token of its own.
void TestSettingsDialog::testConnectionUsesTheRunningClientsTokens()
{
    const auto tokenRequests = [this] {
        return m_server->requests("POST", u"/app/installations/1/access_tokens"_s).size();
    };
    m_github.setBaseUrl(m_server->baseUrl());
    QVERIFY(m_github.setAppCredentials(u"12345"_s, m_key->pkcs8Pem()));
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    dialog.testConnection();
    QTRY_COMPARE(tested.size(), 1);
    QVERIFY2(tested.constLast().constFirst().toBool(), qPrintable(dialog.testResultText()));
    QCOMPARE(tokenRequests(), 1);

    // The rest of the console asks with the same installation: the token is cached.
    std::optional<std::expected<RateLimitOverview, GitHubError>> limit;
    m_github.getRateLimit(1, this, [&limit](std::expected<RateLimitOverview, GitHubError> result) { limit = result; });
    QTRY_VERIFY(limit.has_value());
    QVERIFY(limit->has_value());
    QCOMPARE(m_server->requests("GET", u"/rate_limit"_s).size(), 2);
    QCOMPARE(tokenRequests(), 1);

    dialog.testConnection();
    QTRY_COMPARE(tested.size(), 2);
    QVERIFY(tested.constLast().constFirst().toBool());
    QCOMPARE(tokenRequests(), 1);

    // An App ID typed but not saved is not what the console runs with.
    field(&dialog, u"GitHub App ID or client ID"_s)->setText(u"67890"_s);
    dialog.testConnection();
    QTRY_COMPARE(tested.size(), 3);
    QVERIFY(tested.constLast().constFirst().toBool());
    QCOMPARE(tokenRequests(), 2);
    QCOMPARE(m_github.appIssuer(), u"12345"_s);
}

// [workflow] run_url and [keyboard] single_key_shortcuts from a --config file: read, checked with
// a message naming the key, and managed there (the Review page shows them read-only).
void TestSettingsDialog::reviewSettingsFromTheConfigFile_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("runUrl");
    QTest::addColumn<bool>("singleKeys");
    QTest::addColumn<QString>("error");
    QTest::newRow("both") << u"[workflow]\nrun_url = https://ci.example.com/runs/{id}\n[keyboard]\nsingle_key_shortcuts = false\n"_s
                          << u"https://ci.example.com/runs/{id}"_s << false << QString();
    QTest::newRow("keys on") << u"[keyboard]\nsingle_key_shortcuts = yes\n"_s << QString() << true << QString();
    QTest::newRow("no {id}") << u"[workflow]\nrun_url = https://ci.example.com/runs/\n"_s << QString() << true
                             << u"workflow/run_url: the URL must contain {id}"_s;
    QTest::newRow("not http") << u"[workflow]\nrun_url = ftp://ci.example.com/{id}\n"_s << QString() << true
                              << u"workflow/run_url: expected an http(s) URL"_s;
    QTest::newRow("not a switch") << u"[keyboard]\nsingle_key_shortcuts = maybe\n"_s << QString() << true
                                  << u"keyboard/single_key_shortcuts: expected true or false"_s;
}

void TestSettingsDialog::reviewSettingsFromTheConfigFile()
{
    QFETCH(QString, lines);
    QFETCH(QString, runUrl);
    QFETCH(bool, singleKeys);
    QFETCH(QString, error);
    const QString path = m_dir->filePath(u"review.ini"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(lines.toUtf8());
    file.close();
    const auto loaded = Settings::load(*m_user, path);
    if (!error.isEmpty()) {
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(error), qPrintable(loaded.error()));
        return;
    }
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));
    QCOMPARE(loaded->workflowRunUrl, runUrl);
    QCOMPARE(loaded->singleKeyShortcuts, singleKeys);
    QCOMPARE(loaded->managed.workflowRunUrl, !runUrl.isEmpty());
    QVERIFY(loaded->managed.singleKeyShortcuts);
    QCOMPARE(Settings::runUrl(loaded->workflowRunUrl, u"wr/7"_s),
             runUrl.isEmpty() ? QString() : u"https://ci.example.com/runs/wr%2F7"_s);

    SettingsDialog dialog(*loaded, *m_user, m_secrets, m_github);
    QCOMPARE(dialog.runUrlField()->isReadOnly(), !runUrl.isEmpty());
    QVERIFY(!dialog.singleKeyShortcutsBox()->isEnabled());
    QCOMPARE(dialog.singleKeyShortcutsBox()->isChecked(), singleKeys);
}

// Settings › Review: what is typed is checked, then saved to the user's settings and read back.
void TestSettingsDialog::reviewPageSavesRunUrlAndSingleKeys()
{
    SettingsDialog dialog(baseSettings(), *m_user, m_secrets, m_github);
    QVERIFY(dialog.singleKeyShortcutsBox()->isChecked());   // on unless turned off
    const auto buttons = dialog.findChildren<QPushButton *>();
    const auto ok = std::find_if(buttons.cbegin(), buttons.cend(),
                                 [](QPushButton *b) { return b->accessibleName() == u"Save settings"_s; });
    QVERIFY(ok != buttons.cend());
    dialog.runUrlField()->setText(u"https://ci.example.com/runs/"_s);
    (*ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));   // refused: no {id}
    QVERIFY2(dialog.errorText().contains(u"{id}"_s), qPrintable(dialog.errorText()));
    QVERIFY(!m_user->contains(u"workflow/run_url"_s));

    dialog.runUrlField()->setText(u"https://ci.example.com/runs/{id}"_s);
    dialog.singleKeyShortcutsBox()->setChecked(false);
    (*ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto loaded = Settings::load(*m_user, QString());
    QVERIFY(loaded);
    QCOMPARE(loaded->workflowRunUrl, u"https://ci.example.com/runs/{id}"_s);
    QVERIFY(!loaded->singleKeyShortcuts);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
