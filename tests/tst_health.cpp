#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "expectedcheck.h"
#include "fakehttpserver.h"
#include "fixtures.h"
#include "githubroutes.h"
#include "healthcheck.h"
#include "healthcommand.h"
#include "http/httpclient.h"
#include "migrator.h"
#include "pgfixture.h"
#include "secretstore.h"
#include "settings.h"
#include "testrsakey.h"

using namespace Qt::StringLiterals;

namespace {

// In the child process (no D-Bus, so no keychain): run the health command with the given arguments.
constexpr auto kChildEnv = "SC_HEALTH_CHILD";

nlohmann::json parseJson(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.cbegin(), bytes.cend());
}

std::string utf8(const QString &text) { return text.toStdString(); }

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

class TestHealth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void configFileOverridesUserSettings();
    void keyPathsComeOnlyFromConfigFiles();
    void invalidValuesNameTheKey_data();
    void invalidValuesNameTheKey();
    void unreadableConfigFile();
    void baseUrls_data();
    void baseUrls();
    void reportsAppInstallationsAndRateLimit();
    void withoutInstallationsTheRateLimitComesFromHeaders();
    void reportsWrongAppId();
    void reportsMalformedKey();
    void reportsMissingKeyFile();
    void unconfiguredGitHubDoesNotFail();
    void commandExitCodes();
    void neverFollowsLinksToAnotherOrigin();
    void unreadableKeyFileIsAConfigError_data();
    void unreadableKeyFileIsAConfigError();
    void unavailableKeychainIsReported();
    void databaseUriIsAProfile();
    void databaseSchemaStates_data();
    void databaseSchemaStates();
    void unreachableDatabaseFails_data();
    void unreachableDatabaseFails();
    void passwordInDatabaseUriIsAConfigError();
    void wrongDatabasePasswordIsAuthentication();

private:
    std::pair<QByteArray, bool> runCheck(const Settings &settings, SecretStore *secrets = nullptr);
    std::pair<int, QByteArray> runChild(const QStringList &arguments);
    QString databaseConfig(const ConnectionProfile &profile);
    QString writeConfig(const QString &body);

    std::unique_ptr<TestRsaKey> m_key;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    QString m_keyFile;
};

void TestHealth::initTestCase()
{
    m_key = std::make_unique<TestRsaKey>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_keyFile = m_dir->filePath(u"app.pem"_s);
    writeFile(m_keyFile, m_key->pkcs1Pem());
}

void TestHealth::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    serveConnectionCheck(*m_server);
}

QString TestHealth::writeConfig(const QString &body)
{
    static int count = 0;
    const QString path = m_dir->filePath(u"config-%1.ini"_s.arg(++count));
    writeFile(path, body.toUtf8());
    return path;
}

std::pair<QByteArray, bool> TestHealth::runCheck(const Settings &settings, SecretStore *secrets)
{
    QNetworkAccessManager network;
    HealthCheck check(settings, &network, secrets);
    std::optional<std::pair<QByteArray, bool>> result;
    check.run([&result](const QByteArray &json, bool healthy) { result = {json, healthy}; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        return {"timeout", false};
    return *result;
}

// The health command in a child process (same environment), for its exit code and stdout.
std::pair<int, QByteArray> TestHealth::runChild(const QStringList &arguments)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildEnv), u"1"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForStarted() || !child.waitForFinished(30000))
        return {-1, "the child did not finish"};
    return {child.exitCode(), child.readAllStandardOutput() + child.readAllStandardError()};
}

QString TestHealth::databaseConfig(const ConnectionProfile &profile)
{
    return writeConfig(u"[database]\nuri = \"%1\"\n"_s.arg(profile.toUri()));
}

void TestHealth::configFileOverridesUserSettings()
{
    QSettings user(m_dir->filePath(u"user.ini"_s), QSettings::IniFormat);
    Settings defaults;
    defaults.github.baseUrl = QUrl(u"https://ghe.example.com/api/v3"_s);
    defaults.github.appId = u"111"_s;
    defaults.saveGitHub(user);
    user.setValue(u"http/retries"_s, 1);

    const auto fromUser = Settings::load(user);
    SC_VERIFY_OK(fromUser);
    QCOMPARE(fromUser->github.baseUrl, QUrl(u"https://ghe.example.com/api/v3"_s));
    QCOMPARE(fromUser->github.appId, u"111"_s);
    QCOMPARE(fromUser->retries, 1);
    QVERIFY(fromUser->configFile.isEmpty());

    const QString config = writeConfig(u"[github]\napp_id = Iv1.abc123\nprivate_key_file = keys/app.pem\n"
                                       "[stripe]\nbase_url = http://127.0.0.1:12111\napi_key_file = /run/secrets/stripe\n"
                                       "[database]\nuri = postgresql://console@db/staff\n"
                                       "[http]\ntimeout_seconds = 12\n"_s);
    const auto merged = Settings::load(user, config);
    SC_VERIFY_OK(merged);
    QCOMPARE(merged->github.baseUrl, QUrl(u"https://ghe.example.com/api/v3"_s));  // not in the file: the user's
    QCOMPARE(merged->github.appId, u"Iv1.abc123"_s);
    QCOMPARE(merged->github.privateKeyFile, m_dir->filePath(u"keys/app.pem"_s));  // relative to the file
    QCOMPARE(merged->stripe.baseUrl, QUrl(u"http://127.0.0.1:12111"_s));
    QCOMPARE(merged->stripe.apiKeyFile, u"/run/secrets/stripe"_s);
    QCOMPARE(merged->databaseUri, u"postgresql://console@db/staff"_s);
    QCOMPARE(merged->timeout, std::chrono::seconds(12));
    QCOMPARE(merged->retries, 1);
    QCOMPARE(merged->httpConfig().timeout, std::chrono::milliseconds(12000));
    QCOMPARE(merged->httpConfig().maxRetries, 1);
    QCOMPARE(merged->configFile, QFileInfo(config).absoluteFilePath());

    // Saving (the settings dialog's OK) keeps the file's App ID out of the user's settings.
    QVERIFY(merged->managed.githubAppId);
    QVERIFY(!merged->managed.githubBaseUrl);
    Settings edited = *merged;
    edited.github.baseUrl = QUrl(u"https://ghe2.example.com/api/v3"_s);
    edited.saveGitHub(user);
    user.sync();
    QCOMPARE(user.value(u"github/app_id"_s).toString(), u"111"_s);
    QCOMPARE(user.value(u"github/base_url"_s).toString(), u"https://ghe2.example.com/api/v3"_s);
}

void TestHealth::keyPathsComeOnlyFromConfigFiles()
{
    QSettings user(m_dir->filePath(u"user-keys.ini"_s), QSettings::IniFormat);
    user.setValue(u"github/private_key_file"_s, m_keyFile);
    user.setValue(u"stripe/api_key_file"_s, m_keyFile);
    const auto settings = Settings::load(user);
    SC_VERIFY_OK(settings);
    QVERIFY(settings->github.privateKeyFile.isEmpty());
    QVERIFY(settings->stripe.apiKeyFile.isEmpty());
}

void TestHealth::invalidValuesNameTheKey_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("key");
    QTest::newRow("ftp base URL") << u"[github]\nbase_url = ftp://example.com\n"_s << u"github/base_url"_s;
    QTest::newRow("no host") << u"[github]\nbase_url = https://\n"_s << u"github/base_url"_s;
    QTest::newRow("query") << u"[stripe]\nbase_url = \"https://x.test/?token=1\"\n"_s << u"stripe/base_url"_s;
    QTest::newRow("timeout text") << u"[http]\ntimeout_seconds = soon\n"_s << u"http/timeout_seconds"_s;
    QTest::newRow("retries too many") << u"[http]\nretries = 99\n"_s << u"http/retries"_s;
    QTest::newRow("database scheme") << u"[database]\nuri = mysql://console@db/staff\n"_s << u"database/uri"_s;
    QTest::newRow("database parameter") << u"[database]\nuri = \"postgresql://console@db/staff?password=x\"\n"_s
                                        << u"database/uri"_s;
    QTest::newRow("database port") << u"[database]\nuri = \"postgresql://console@/staff?host=/run&port=five\"\n"_s
                                   << u"database/uri"_s;
}

void TestHealth::invalidValuesNameTheKey()
{
    QFETCH(QString, body);
    QFETCH(QString, key);
    const auto settings = Settings::fromFile(writeConfig(body));
    QVERIFY(!settings.has_value());
    QVERIFY2(settings.error().contains(key), qPrintable(settings.error()));
}

void TestHealth::unreadableConfigFile()
{
    const auto settings = Settings::fromFile(m_dir->filePath(u"missing.ini"_s));
    QVERIFY(!settings.has_value());
    QVERIFY(settings.error().contains(u"missing.ini"_s));
}

void TestHealth::baseUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("github.com") << u"https://api.github.com"_s << u"https://api.github.com"_s;
    QTest::newRow("trailing slash") << u" https://api.github.com/ "_s << u"https://api.github.com"_s;
    QTest::newRow("GHES") << u"https://ghe.example.com/api/v3/"_s << u"https://ghe.example.com/api/v3"_s;
    QTest::newRow("local sandbox") << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8080"_s;
}

void TestHealth::baseUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto url = Settings::parseBaseUrl(text);
    SC_VERIFY_OK(url);
    QCOMPARE(url->toString(), expected);
}

void TestHealth::reportsAppInstallationsAndRateLimit()
{
    const QString config = writeConfig(u"[github]\nbase_url = %1\napp_id = 12345\nprivate_key_file = app.pem\n"_s
                                           .arg(m_server->baseUrl().toString()));
    const auto settings = Settings::fromFile(config);
    SC_VERIFY_OK(settings);
    const auto [json, healthy] = runCheck(*settings);
    QVERIFY2(healthy, json.constData());
    const nlohmann::json expected = {
        {"github",
         {{"ok", true},
          {"app", "Octocat App"},
          {"installations", 1},
          {"rate_limit", {{"limit", 5000}, {"remaining", 4999}, {"reset", "2023-08-09T14:29:23Z"}}},
          {"base_url", utf8(m_server->baseUrl().toString())}}},
        {"database", {{"configured", false}}}};
    QVERIFY2(parseJson(json) == expected, json.constData());
    QCOMPARE(json.count('\n'), 0);  // one line: easy for pipelines
    // The rate limit came from the first installation's token.
    QCOMPARE(m_server->requests("GET", u"/rate_limit"_s).constFirst().header("Authorization"), "Bearer ghs_x");
}

void TestHealth::withoutInstallationsTheRateLimitComesFromHeaders()
{
    m_server->addRoute("GET", u"/app/installations"_s,
                       FakeResponse::json(200, "[]")
                           .withHeader("X-RateLimit-Limit", "5000")
                           .withHeader("X-RateLimit-Remaining", "4990")
                           .withHeader("X-RateLimit-Used", "10")
                           .withHeader("X-RateLimit-Reset", "1658208999")
                           .withHeader("X-RateLimit-Resource", "core"));
    Settings settings;
    settings.github.baseUrl = m_server->baseUrl();
    settings.github.appId = u"12345"_s;
    settings.github.privateKeyFile = m_keyFile;
    const auto [json, healthy] = runCheck(settings);
    QVERIFY2(healthy, json.constData());
    const nlohmann::json github = parseJson(json).at("github");
    QCOMPARE(github.at("installations").get<int>(), 0);
    const nlohmann::json expected = {{"limit", 5000}, {"remaining", 4990}, {"reset", "2022-07-19T05:36:39Z"}};
    QVERIFY2(github.at("rate_limit") == expected, json.constData());
    QVERIFY(m_server->requests("GET", u"/rate_limit"_s).isEmpty());
}

void TestHealth::reportsWrongAppId()
{
    m_server->addRoute("GET", u"/app"_s,
                       FakeResponse::json(401, R"({"message":"Integration not found","documentation_url":"https://docs.github.com/rest"})"));
    Settings settings;
    settings.github.baseUrl = m_server->baseUrl();
    settings.github.appId = u"999"_s;
    settings.github.privateKeyFile = m_keyFile;
    const auto [json, healthy] = runCheck(settings);
    QVERIFY(!healthy);
    const nlohmann::json github = parseJson(json).at("github");
    QCOMPARE(github.at("ok").get<bool>(), false);
    QCOMPARE(QString::fromStdString(github.at("error").at("kind").get<std::string>()), u"bad_credentials"_s);
    QCOMPARE(github.at("error").at("status").get<int>(), 401);
    const QString message = QString::fromStdString(github.at("error").at("message").get<std::string>());
    QVERIFY2(message.contains(u"Integration not found"_s), qPrintable(message));
    QVERIFY(message.contains(u"App ID"_s));
}

void TestHealth::reportsMalformedKey()
{
    const QString badKey = m_dir->filePath(u"bad.pem"_s);
    writeFile(badKey, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                      "-----END RSA PRIVATE KEY-----\n");
    Settings settings;
    settings.github.baseUrl = m_server->baseUrl();
    settings.github.appId = u"12345"_s;
    settings.github.privateKeyFile = badKey;
    const auto [json, healthy] = runCheck(settings);
    QVERIFY(!healthy);
    const nlohmann::json error = parseJson(json).at("github").at("error");
    QCOMPARE(QString::fromStdString(error.at("kind").get<std::string>()), u"malformed_key"_s);
    QVERIFY(error.at("status").is_null());
    QVERIFY(!json.contains("MIIBOgIBAAJBAKj34"));  // no key material in the report
    QVERIFY(m_server->requests().isEmpty());
}

void TestHealth::reportsMissingKeyFile()
{
    Settings settings;
    settings.github.baseUrl = m_server->baseUrl();
    settings.github.appId = u"12345"_s;
    settings.github.privateKeyFile = m_dir->filePath(u"nope.pem"_s);
    const auto [json, healthy] = runCheck(settings);
    QVERIFY(!healthy);
    const nlohmann::json error = parseJson(json).at("github").at("error");
    QCOMPARE(QString::fromStdString(error.at("kind").get<std::string>()), u"not_configured"_s);
    QVERIFY(QString::fromStdString(error.at("message").get<std::string>()).contains(u"nope.pem"_s));
}

void TestHealth::unconfiguredGitHubDoesNotFail()
{
    const auto [json, healthy] = runCheck(Settings{});
    QVERIFY(healthy);
    const nlohmann::json expected = {{"github", {{"configured", false}}}, {"database", {{"configured", false}}}};
    QVERIFY2(parseJson(json) == expected, json.constData());
}

void TestHealth::commandExitCodes()
{
    const QString good = writeConfig(u"[github]\nbase_url = %1\napp_id = 12345\nprivate_key_file = %2\n"_s
                                         .arg(m_server->baseUrl().toString(), m_keyFile));
    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--config"_s, good}), 0);

    m_server->addRoute("GET", u"/app"_s, FakeResponse::json(401, R"({"message":"Bad credentials"})"));
    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--config"_s, good}), 1);

    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--config"_s, m_dir->filePath(u"absent.ini"_s)}), 2);
    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--bogus"_s}), 2);
}

void TestHealth::neverFollowsLinksToAnotherOrigin()
{
    // A mock of GitHub's OpenAPI description answers with its example Link, which names another host.
    FakeHttpServer other;
    QVERIFY(other.listen());
    const QByteArray foreign = other.baseUrl().toEncoded() + "/app/installations?page=2";
    m_server->addRoute("GET", u"/app/installations"_s,
                       FakeResponse::json(200, Fixtures::github(u"GET_app_installations.json"_s))
                           .withHeader("Link", "<" + foreign + ">; rel=\"next\", <" + foreign + ">; rel=\"last\""));
    const QString config = writeConfig(u"[github]\nbase_url = %1\napp_id = 12345\nprivate_key_file = %2\n"_s
                                           .arg(m_server->baseUrl().toString(), m_keyFile));
    const auto settings = Settings::fromFile(config);
    SC_VERIFY_OK(settings);
    const auto [json, healthy] = runCheck(*settings);
    QVERIFY(!healthy);
    const nlohmann::json github = parseJson(json).at("github");
    QCOMPARE(github.at("ok").get<bool>(), false);
    QVERIFY2(github.at("error").at("kind") == "foreign_origin", json.constData());
    const QString message = QString::fromStdString(github.at("error").at("message").get<std::string>());
    QVERIFY2(message.contains(u"http://127.0.0.1:%1"_s.arg(other.port())), qPrintable(message));
    QVERIFY2(!json.contains("Bearer") && !json.contains("eyJ"), json.constData());
    QCOMPARE(m_server->requests("GET", u"/app/installations"_s).size(), 1);

    // The command in a child process; this process keeps its event loop running for the fake servers.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildEnv), u"1"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {u"health"_s, u"--config"_s, config});
    QVERIFY(child.waitForStarted());
    QSignalSpy finished(&child, &QProcess::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(child.exitCode(), 1);
    const QByteArray output = child.readAllStandardOutput();
    QVERIFY2(parseJson(output.trimmed()).at("github").at("error").at("kind") == "foreign_origin", output.constData());
    QVERIFY2(!output.contains("Bearer") && !output.contains("eyJ"), output.constData());

    // Neither the check nor the command sent anything (the App's JWT least of all) elsewhere.
    QVERIFY(other.requests().isEmpty());
    QCOMPARE(other.connectionCount(), 0);
}

void TestHealth::unreadableKeyFileIsAConfigError_data()
{
    QTest::addColumn<QString>("section");   // the INI lines naming the file; %1 is its path
    QTest::addColumn<QString>("file");      // what the file is: dir, missing, malformed
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("problem");
    const QString github = u"[github]\nbase_url = %2\napp_id = 12345\nprivate_key_file = %1\n"_s;
    const QString stripe = u"[stripe]\nbase_url = %2\napi_key_file = %1\n"_s;
    QTest::newRow("GitHub key is a directory") << github << u"dir"_s << u"github/private_key_file"_s
                                               << u"is a directory"_s;
    QTest::newRow("GitHub key is missing") << github << u"missing"_s << u"github/private_key_file"_s
                                           << u"does not exist"_s;
    QTest::newRow("GitHub key is no key") << github << u"malformed"_s << u"github/private_key_file"_s
                                          << u"bad-key.pem"_s;
    QTest::newRow("Stripe key is a directory") << stripe << u"dir"_s << u"stripe/api_key_file"_s
                                               << u"is a directory"_s;
    QTest::newRow("Stripe key is missing") << stripe << u"missing"_s << u"stripe/api_key_file"_s
                                           << u"does not exist"_s;
}

void TestHealth::unreadableKeyFileIsAConfigError()
{
    QFETCH(QString, section);
    QFETCH(QString, file);
    QFETCH(QString, key);
    QFETCH(QString, problem);
    QString path;
    if (file == u"dir"_s) {
        path = m_dir->filePath(u"keys.d"_s);
        QVERIFY(QDir().mkpath(path));
    } else if (file == u"missing"_s) {
        path = m_dir->filePath(u"absent-key.pem"_s);
    } else {
        path = m_dir->filePath(u"bad-key.pem"_s);
        writeFile(path, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                        "-----END RSA PRIVATE KEY-----\n");
    }
    const QString config = writeConfig(section.arg(path, m_server->baseUrl().toString()));

    const auto [exitCode, output] = runChild({u"health"_s, u"--config"_s, config});
    QCOMPARE(exitCode, 2);
    const nlohmann::json json = parseJson(output.trimmed());
    const QString message = QString::fromStdString(json.at("error").get<std::string>());
    QVERIFY2(message.contains(config), qPrintable(message));
    QVERIFY2(message.contains(key), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message));
    QVERIFY2(file == u"malformed"_s || message.contains(path), qPrintable(message));
    QVERIFY(!output.contains("MIIBOgIBAAJBAKj34"));  // never the file's content
    QVERIFY(m_server->requests().isEmpty());

    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--config"_s, config}), 2);
}

void TestHealth::unavailableKeychainIsReported()
{
    // No private_key_file: the key must come from the keychain, which a process without D-Bus lacks.
    const QString config = writeConfig(u"[github]\nbase_url = %1\napp_id = 12345\n"_s.arg(m_server->baseUrl().toString()));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/sc-no-bus"_s);
    env.remove(u"DISPLAY"_s);
    env.insert(QString::fromLatin1(kChildEnv), u"1"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {u"health"_s, u"--config"_s, config});
    QVERIFY(child.waitForStarted());
    QSignalSpy finished(&child, &QProcess::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(child.exitCode(), 1);
    const QByteArray out = child.readAllStandardOutput().trimmed();
    const nlohmann::json error = parseJson(out).at("github").at("error");
    QCOMPARE(QString::fromStdString(error.at("kind").get<std::string>()), u"keychain_unavailable"_s);
    QVERIFY(m_server->requests().isEmpty());
}

void TestHealth::databaseUriIsAProfile()
{
    const auto settings = Settings::fromFile(writeConfig(
        u"[database]\nuri = \"postgresql://console@db.example.com:6432/staff?sslmode=require&connect_timeout=4\"\n"_s));
    SC_VERIFY_OK(settings);
    QVERIFY(settings->database.has_value());
    QCOMPARE(settings->database->name, Settings::managedProfileName());
    QCOMPARE(settings->database->host, u"db.example.com"_s);
    QCOMPARE(settings->database->port, 6432);
    QCOMPARE(settings->database->database, u"staff"_s);
    QCOMPARE(settings->database->user, u"console"_s);
    QCOMPARE(settings->database->sslMode, u"require"_s);
    QCOMPARE(settings->database->connectTimeoutSeconds, 4);

    const auto none = Settings::fromFile(writeConfig(u"[http]\nretries = 2\n"_s));
    SC_VERIFY_OK(none);
    QVERIFY(!none->database.has_value());
}

void TestHealth::databaseSchemaStates_data()
{
    QTest::addColumn<int>("migrateTo");
    QTest::addColumn<QString>("state");
    QTest::newRow("empty") << 0 << u"none"_s;
    QTest::newRow("first step only") << 1 << u"behind"_s;
    QTest::newRow("migrated") << Migrator::latestVersion() << u"up to date"_s;
}

void TestHealth::databaseSchemaStates()
{
    QFETCH(int, migrateTo);
    QFETCH(QString, state);
    const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"health_schema"_s);
    if (migrateTo > 0) {
        auto admin = PgFixture::instance().connect(profile);
        Migrator migrator(admin->db());
        const auto migrated = migrator.migrateTo(migrateTo);
        QVERIFY2(migrated.has_value(), migrated ? "" : qPrintable(migrated.error().text()));
    }
    const QString config = databaseConfig(profile);
    const auto settings = Settings::fromFile(config);
    SC_VERIFY_OK(settings);
    const auto [json, healthy] = runCheck(*settings);
    QVERIFY2(healthy, json.constData());
    const nlohmann::json report = parseJson(json);
    QVERIFY2(report.at("github") == nlohmann::json({{"configured", false}}), json.constData());
    const nlohmann::json database = report.at("database");
    QCOMPARE(database.at("ok").get<bool>(), true);
    QVERIFY2(database.at("server").get<std::string>().starts_with("PostgreSQL 1"), json.constData());
    QCOMPARE(database.at("database").get<std::string>(), utf8(profile.database));
    QCOMPARE(database.at("login").get<std::string>(), utf8(profile.user));
    QVERIFY(database.at("roles").is_array());
    QVERIFY2(database.at("password") == "none", json.constData());   // no keychain: libpq's own sources
    const nlohmann::json schema = {
        {"version", migrateTo}, {"known", Migrator::latestVersion()}, {"state", utf8(state)}};
    QVERIFY2(database.at("schema") == schema, json.constData());

    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--config"_s, config}), 0);
}

void TestHealth::unreachableDatabaseFails_data()
{
    QTest::addColumn<bool>("unknownHost");
    QTest::newRow("no server on the port") << false;
    QTest::newRow("unknown host name") << true;
}

void TestHealth::unreachableDatabaseFails()
{
    QFETCH(bool, unknownHost);
    ConnectionProfile profile = PgFixture::instance().freshDatabase(u"health_unreachable"_s);
    if (unknownHost)
        profile.host = u"sc-health-check.invalid"_s; // the .invalid domain never resolves
    else
        profile.port += 1; // no server (and no socket) there
    profile.connectTimeoutSeconds = 3;
    const QString config = databaseConfig(profile);
    const auto settings = Settings::fromFile(config);
    SC_VERIFY_OK(settings);
    const auto [json, healthy] = runCheck(*settings);
    QVERIFY(!healthy);
    const nlohmann::json database = parseJson(json).at("database");
    QCOMPARE(database.at("ok").get<bool>(), false);
    QVERIFY2(database.at("error").at("kind") == "unreachable", json.constData());
    QVERIFY(!database.at("error").at("message").get<std::string>().empty());

    QCOMPARE(runHealthCommand({u"staff-console"_s, u"health"_s, u"--config"_s, config}), 1);
}

void TestHealth::passwordInDatabaseUriIsAConfigError()
{
    const QString config = writeConfig(u"[database]\nuri = postgresql://console:Sw0rdfish-42@db.example.com/staff\n"_s);
    const auto settings = Settings::fromFile(config);
    QVERIFY(!settings.has_value());
    QVERIFY2(settings.error().contains(u"database/uri"_s), qPrintable(settings.error()));
    QVERIFY(!settings.error().contains(u"Sw0rdfish"_s));

    const auto [exitCode, output] = runChild({u"health"_s, u"--config"_s, config});
    QCOMPARE(exitCode, 2);
    QVERIFY2(output.contains("database/uri"), output.constData());
    QVERIFY2(!output.contains("Sw0rdfish"), output.constData());
}

void TestHealth::wrongDatabasePasswordIsAuthentication()
{
    // A login that must give its password on the socket (the cluster trusts everyone else).
    ConnectionProfile profile = PgFixture::instance().freshDatabase(u"health_password"_s);
    auto admin = PgFixture::instance().connect(profile);
    QSqlQuery create(admin->db());
    QVERIFY2(create.exec(u"DROP ROLE IF EXISTS health_pw"_s), qPrintable(create.lastError().text()));
    QVERIFY2(create.exec(u"CREATE ROLE health_pw LOGIN PASSWORD 'Right-Horse-7'"_s),
             qPrintable(create.lastError().text()));
    const QString hba = PgFixture::instance().cluster().dataDirectory() + u"/pg_hba.conf"_s;
    QFile file(hba);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();
    const auto writeHba = [&file](const QByteArray &content) {
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            file.write(content);
            file.close();
        }
    };
    const auto reload = [&admin] {
        QSqlQuery q(admin->db());
        return q.exec(u"SELECT pg_reload_conf()"_s);
    };
    writeHba("local all health_pw scram-sha-256\n" + original);
    QVERIFY(reload());
    profile.user = u"health_pw"_s;

    // The password comes from the keychain entry the connection dialog remembers for the profile.
    SecretStore secrets;
    const QString key = SecretStore::databaseKey(profile);
    std::optional<SecretStore::WriteResult> written;
    secrets.write(key, "Wrong-Battery-9", this, [&written](SecretStore::WriteResult r) { written = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 10000);
    QVERIFY2(written->has_value(), *written ? "" : qPrintable(written->error().message));

    const auto settings = Settings::fromFile(databaseConfig(profile));
    const auto [wrongJson, wrongHealthy] = runCheck(*settings, &secrets);

    std::optional<SecretStore::WriteResult> rewritten;
    secrets.write(key, "Right-Horse-7", this, [&rewritten](SecretStore::WriteResult r) { rewritten = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(rewritten.has_value(), 10000);
    const auto [rightJson, rightHealthy] = runCheck(*settings, &secrets);

    std::optional<SecretStore::WriteResult> removed;
    secrets.remove(key, this, [&removed](SecretStore::WriteResult r) { removed = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
    writeHba(original);
    reload();

    QVERIFY(!wrongHealthy);
    const nlohmann::json database = parseJson(wrongJson).at("database");
    QCOMPARE(database.at("ok").get<bool>(), false);
    QVERIFY2(database.at("error").at("kind") == "authentication", wrongJson.constData());
    QVERIFY2(database.at("password") == "keychain", wrongJson.constData());
    QVERIFY2(!wrongJson.contains("Wrong-Battery"), wrongJson.constData());
    QVERIFY2(rightHealthy, rightJson.constData());
    QVERIFY2(parseJson(rightJson).at("database").at("login") == "health_pw", rightJson.constData());
    QVERIFY2(parseJson(rightJson).at("database").at("password") == "keychain", rightJson.constData());
    QVERIFY(!rightJson.contains("Right-Horse"));
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildEnv)) {
        QCoreApplication app(argc, argv);
        return runHealthCommand(QCoreApplication::arguments());
    }
    QCoreApplication app(argc, argv);
    TestHealth test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_health.moc"
