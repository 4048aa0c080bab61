#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QLabel>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QStatusBar>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "comparisonpane.h"
#include "demogithub.h"
#include "demoseeder.h"
#include "expectedcheck.h"
#include "github/githubclient.h"
#include "github/githubconnectioncheck.h"
#include "http/httpclient.h"
#include "issuecontextpane.h"
#include "mainwindow.h"
#include "migrator.h"
#include "overviewworkspace.h"
#include "pgfixture.h"
#include "profilestore.h"
#include "sandboxgithub.h"
#include "secretstore.h"
#include "settings.h"
#include "settingsaction.h"
#include "settingsdialog.h"

using namespace Qt::StringLiterals;

inline QString errorText(const MigrationError &e) { return e.text(); } // for SC_VERIFY_OK

// The demo's wiring (app/main.cpp) on a small seeded database: the sandbox GitHub answers for the
// database's installations, and this run's settings point at it without reaching the user's settings.
class TestDemoGitHub : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void runOverridePointsTheClientAtTheSandbox();
    void connectionCheckReportsTheDatabasesInstallations();
    void settingsDialogTestsTheSandboxAndSavesNothingOfIt();
    void withoutOverrideTheUsersSettingsApply();
    void windowNamesTheSandboxGitHub();
    void contextPanesShowEveryDemoDraftsIssueAndComparison();
    void sandboxReportsTheDemosSuspendedInstallation();
    void sandboxEndsWhenItsStandardInputCloses();

private:
    QByteArray userSettingsFile() const;

    QTemporaryDir m_dir;
    ConnectionProfile m_profile;
    qint64 m_installations = 0;
    std::unique_ptr<DemoGitHub> m_github;
    QNetworkAccessManager m_network;
    HttpClient m_sharedHttp{&m_network};
    GitHubClient m_sharedGitHub{&m_sharedHttp};   // the running console's one client
    SecretStore m_secrets;
};

void TestDemoGitHub::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"staff-console-tests"_s);
    QCoreApplication::setApplicationName(u"tst_demogithub"_s);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"config"_s));

    m_profile = PgFixture::instance().freshDatabase(u"demo_github"_s);
    auto conn = PgFixture::instance().connect(m_profile);
    SC_VERIFY_OK(Migrator(conn->db()).migrate());
    DemoSizes sizes;
    sizes.users = 30;
    sizes.installations = 7;
    sizes.drafts = 20;
    SC_VERIFY_OK(DemoSeeder(conn->db()).seed(sizes));
    QSqlQuery q(conn->db());
    QVERIFY2(q.exec(u"SELECT count(*) FROM github_app_installations"_s) && q.next(), qPrintable(q.lastError().text()));
    m_installations = q.value(0).toLongLong();
    QVERIFY(m_installations > 0);

    auto github = DemoGitHub::start(m_profile);
    SC_VERIFY_OK(github);
    m_github = std::move(*github);
    QCOMPARE(m_github->installationCount(), int(m_installations));
}

void TestDemoGitHub::init()
{
    QSettings user;
    user.clear();
    user.setValue(u"github/base_url"_s, u"https://ghe.example.com/api/v3"_s);
    user.setValue(u"github/app_id"_s, u"4242"_s);
    user.sync();
}

QByteArray TestDemoGitHub::userSettingsFile() const
{
    QSettings user;
    user.sync();
    QFile file(user.fileName());
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(user.fileName()));
    return file.readAll();
}

void TestDemoGitHub::runOverridePointsTheClientAtTheSandbox()
{
    const RunOverride &run = m_github->runOverride();
    QCOMPARE(run.label, u"sandbox"_s);
    QVERIFY(m_github->baseUrl().host() == u"127.0.0.1"_s);

    const auto settings = Settings::load(QSettings(), QString(), run);
    SC_VERIFY_OK(settings);
    QCOMPARE(settings->github.baseUrl, m_github->baseUrl());
    QCOMPARE(settings->github.appId, QString::number(m_github->appId()));
    QVERIFY(settings->github.privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(settings->github.privateKeyFile.isEmpty());

    GitHubClient client(new HttpClient(&m_network, settings->httpConfig()));
    client.setBaseUrl(settings->github.baseUrl);
    QCOMPARE(client.baseUrl(), m_github->baseUrl());
}

void TestDemoGitHub::connectionCheckReportsTheDatabasesInstallations()
{
    const auto settings = Settings::load(QSettings(), QString(), m_github->runOverride());
    SC_VERIFY_OK(settings);
    QObject context;
    auto *http = new HttpClient(&m_network, settings->httpConfig(), &context);
    auto *client = new GitHubClient(http, &context);
    client->setBaseUrl(settings->github.baseUrl);
    SC_VERIFY_OK(client->setAppCredentials(settings->github.appId, settings->github.privateKeyPem));

    std::optional<GitHubConnectionCheck::Result> result;
    GitHubConnectionCheck::run(client, &context, [&result](GitHubConnectionCheck::Result r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000);
    QVERIFY2(result->has_value(), *result ? "" : qPrintable(result->error().text()));
    QCOMPARE((*result)->app.name, m_github->appName());
    QCOMPARE(qint64((*result)->installationCount), m_installations);
    QVERIFY((*result)->rateLimit.has_value());
    QVERIFY((*result)->rateLimit->limit > 0);
}

void TestDemoGitHub::settingsDialogTestsTheSandboxAndSavesNothingOfIt()
{
    ProfileStore profiles(m_dir.filePath(u"profiles.ini"_s));
    MainWindow window(profiles, m_secrets);
    auto *action = new SettingsAction(window, m_secrets, m_sharedGitHub);
    action->setRunOverride(m_github->runOverride());
    action->action()->trigger();
    auto *dialog = window.findChild<SettingsDialog *>();
    QVERIFY(dialog);

    QSignalSpy tested(dialog, &SettingsDialog::connectionTested);
    dialog->testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 15000);
    const QString text = dialog->testResultText();
    QVERIFY2(tested.constFirst().constFirst().toBool(), qPrintable(text));
    QVERIFY2(text.contains(m_github->appName()), qPrintable(text));
    QVERIFY2(text.contains(u"%1 installation"_s.arg(m_installations)), qPrintable(text));
    QVERIFY2(text.contains(u"of 5000 requests"_s), qPrintable(text));

    const auto buttons = dialog->findChildren<QPushButton *>();
    const auto ok = std::find_if(buttons.cbegin(), buttons.cend(),
                                 [](QPushButton *b) { return b->accessibleName() == u"Save settings"_s; });
    QVERIFY(ok != buttons.cend());
    (*ok)->click();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    const QByteArray saved = userSettingsFile();
    QVERIFY2(!saved.contains(m_github->baseUrl().toString().toUtf8()), saved.constData());
    QVERIFY2(!saved.contains("127.0.0.1"), saved.constData());
    QVERIFY2(!saved.contains("PRIVATE KEY"), saved.constData());
    QSettings user;
    QCOMPARE(user.value(u"github/base_url"_s).toString(), u"https://ghe.example.com/api/v3"_s);
    QCOMPARE(user.value(u"github/app_id"_s).toString(), u"4242"_s);
}

void TestDemoGitHub::withoutOverrideTheUsersSettingsApply()
{
    const auto settings = Settings::load(QSettings());
    SC_VERIFY_OK(settings);
    QCOMPARE(settings->github.baseUrl, QUrl(u"https://ghe.example.com/api/v3"_s));
    QCOMPARE(settings->github.appId, u"4242"_s);
    QVERIFY(settings->github.privateKeyPem.isEmpty());
    QVERIFY(settings->runOverride.isEmpty());
}

void TestDemoGitHub::windowNamesTheSandboxGitHub()
{
    ProfileStore profiles(m_dir.filePath(u"profiles.ini"_s));
    MainWindow window(profiles, m_secrets);
    QVERIFY(!window.statusText().contains(u"GitHub"_s));
    window.showGitHubTarget(SandboxGitHub::label(), m_github->baseUrl());
    QVERIFY2(window.statusText().contains(u"GitHub: sandbox"_s), qPrintable(window.statusText()));
    const auto labels = window.statusBar()->findChildren<QLabel *>();
    const auto github = std::find_if(labels.cbegin(), labels.cend(),
                                     [](QLabel *l) { return l->objectName() == u"GitHub"_s; });
    QVERIFY(github != labels.cend());
    QVERIFY((*github)->toolTip().contains(m_github->baseUrl().toString()));
    auto *overview = window.findChild<OverviewWorkspace *>();
    QVERIFY(overview);

    QSignalSpy changed(&window, &MainWindow::sessionChanged);
    window.openSession(new Session(m_profile, QString(), true));
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
    QVERIFY2(window.windowTitle().endsWith(u"GitHub: sandbox"_s), qPrintable(window.windowTitle()));
    QVERIFY2(overview->summaryText().contains(u"GitHub: sandbox at %1"_s.arg(m_github->baseUrl().toString())),
             qPrintable(overview->summaryText()));
}

// The review editor's context panes are full in the demo: every seeded draft's issue (with
// comments) and every pull-request draft's comparison of its metadata's base...head.
void TestDemoGitHub::contextPanesShowEveryDemoDraftsIssueAndComparison()
{
    static const QString kDrafts = uR"(
        SELECT github_repo, github_issue_id, content_type, metadata->>'base', metadata->>'head'
        FROM draft_content ORDER BY id)"_s;
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY2(q.prepare(kDrafts), qPrintable(q.lastError().text()));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    const auto settings = Settings::load(QSettings(), QString(), m_github->runOverride());
    SC_VERIFY_OK(settings);
    QObject context;
    auto *http = new HttpClient(&m_network, settings->httpConfig(), &context);
    auto *client = new GitHubClient(http, &context);
    client->setBaseUrl(settings->github.baseUrl);
    SC_VERIFY_OK(client->setAppCredentials(settings->github.appId, settings->github.privateKeyPem));
    IssueContextPane issuePane;
    issuePane.setGitHubClient(client);
    ComparisonPane comparisonPane;
    comparisonPane.setGitHubClient(client);

    int drafts = 0;
    int pullRequests = 0;
    while (q.next()) {
        ++drafts;
        const QString repo = q.value(0).toString();
        const int number = q.value(1).toInt();
        issuePane.showIssue(repo, number);
        QTRY_VERIFY_WITH_TIMEOUT(issuePane.state() != GitHubContextPane::State::Loading, 15000);
        QVERIFY2(issuePane.state() == GitHubContextPane::State::Loaded, qPrintable(issuePane.statusText()));
        const SandboxCatalog::Issue issue = SandboxCatalog().issue(repo, number);
        const QString text = issuePane.renderedText();
        QVERIFY2(text.contains(issue.title), qPrintable(text));
        QVERIFY(text.contains(u"opened this issue"_s));
        QVERIFY(issue.seededComments >= 1);
        QVERIFY2(text.contains(u"commented on"_s), qPrintable(text));
        QVERIFY(!text.contains(u"No comments yet."_s));

        if (q.value(2).toString() != u"pull_request"_s)
            continue;
        ++pullRequests;
        const QString base = q.value(3).toString();
        const QString head = q.value(4).toString();
        QVERIFY(!base.isEmpty());
        comparisonPane.showComparison(repo, base, head);
        QTRY_VERIFY_WITH_TIMEOUT(comparisonPane.state() != GitHubContextPane::State::Loading, 15000);
        if (head.startsWith(u"feature/removed-"_s)) {   // a branch the sandbox does not have
            QCOMPARE(comparisonPane.state(), GitHubContextPane::State::Failed);
            continue;
        }
        QVERIFY(head.startsWith(u"ai/"_s));
        QVERIFY2(comparisonPane.state() == GitHubContextPane::State::Loaded, qPrintable(comparisonPane.statusText()));
        QVERIFY(comparisonPane.fileList()->topLevelItemCount() >= 2);
        const QString diff = comparisonPane.diffView()->toPlainText();
        QVERIFY(diff.startsWith(u"diff --git "_s));
        QCOMPARE(diff.trimmed(), SandboxCatalog().comparison(repo, base, head).diff.trimmed());
    }
    QCOMPARE(drafts, 20);
    QVERIFY2(pullRequests > 0, "the seeded drafts include pull requests");
}

// One installation of the demo is suspended on the sandbox's side, so its drafts show that refusal.
void TestDemoGitHub::sandboxReportsTheDemosSuspendedInstallation()
{
    const QString suspended = m_github->suspendedInstallation();
    QVERIFY(!suspended.isEmpty());
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY(q.prepare(u"SELECT account_name, (SELECT min(account_name) FROM github_app_installations "
                      "WHERE github_installation_id <> :id) FROM github_app_installations WHERE github_installation_id = :id"_s));
    q.bindValue(u":id"_s, suspended);
    QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
    const QString account = q.value(0).toString();
    const QString other = q.value(1).toString();

    const auto settings = Settings::load(QSettings(), QString(), m_github->runOverride());
    SC_VERIFY_OK(settings);
    QObject context;
    auto *client = new GitHubClient(new HttpClient(&m_network, settings->httpConfig(), &context), &context);
    client->setBaseUrl(settings->github.baseUrl);
    SC_VERIFY_OK(client->setAppCredentials(settings->github.appId, settings->github.privateKeyPem));
    auto installationOf = [&](const QString &owner) {
        std::optional<std::expected<Installation, GitHubError>> answer;
        client->getRepoInstallation({owner, u"any-repo"_s}, &context,
                                    [&answer](std::expected<Installation, GitHubError> r) { answer = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 15000); }();
        return answer.value_or(std::unexpected(GitHubError()));
    };
    const auto found = installationOf(account);
    QVERIFY(found.has_value());
    QCOMPARE(QString::number(found->id), suspended);
    QVERIFY(found->suspendedAt.has_value());
    QVERIFY(found->suspendedBy.has_value());
    const auto active = installationOf(other);
    QVERIFY(active.has_value());
    QVERIFY(!active->suspendedAt.has_value());
}

// The demo's sandbox is a process of its own; with --exit-with-stdin it ends when the console's
// end of the pipe closes (as it does when the console exits or is killed).
void TestDemoGitHub::sandboxEndsWhenItsStandardInputCloses()
{
    QProcess sandbox;
    sandbox.start(DemoGitHub::sandboxProgram(), {u"--exit-with-stdin"_s});
    QVERIFY2(sandbox.waitForStarted(), qPrintable(sandbox.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(sandbox.canReadLine(), 15000);
    const QJsonObject ready = QJsonDocument::fromJson(sandbox.readLine()).object();
    QVERIFY(QUrl(ready.value("base_url"_L1).toString()).port() > 0);
    QVERIFY(ready.value("app_id"_L1).toInteger() > 0);
    sandbox.closeWriteChannel();
    QVERIFY(sandbox.waitForFinished(5000));
    QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.exitCode(), 0);
}

QTEST_MAIN(TestDemoGitHub)
#include "tst_demogithub.moc"
