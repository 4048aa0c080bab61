#include "demogithub.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QTextStream>

#include "demoappkey.h"
#include "installationlist.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kStartTimeoutMs = 15000;

// The demo's suspended installation: the last organization (by account name) that has drafts
// waiting, so some drafts in the list are refused for it.
constexpr auto kSuspendedSql = R"(
    SELECT i.github_installation_id FROM github_app_installations i
    WHERE i.account_type = 'organization'
      AND EXISTS (SELECT 1 FROM draft_content d
                  WHERE d.status = 'draft' AND split_part(d.github_repo, '/', 1) = i.account_name)
    ORDER BY i.account_name DESC LIMIT 1)";

} // namespace

DemoGitHub::DemoGitHub() = default;

DemoGitHub::~DemoGitHub()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->closeWriteChannel();   // --exit-with-stdin: the sandbox quits
    if (!m_process->waitForFinished(3000)) {
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString DemoGitHub::sandboxProgram()
{
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(u"staff-console-sandbox"_s);
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QString::fromUtf8(STAFFCONSOLE_SANDBOX_BINARY);
}

std::expected<std::unique_ptr<DemoGitHub>, QString> DemoGitHub::start(const ConnectionProfile &demo)
{
    const QString failed = u"The sandbox GitHub could not start: "_s;
    auto connection = PgConnection::open(demo, QString(), u"sandbox GitHub"_s);
    if (!connection)
        return std::unexpected(u"The sandbox GitHub could not read the installations: "_s + connection.error().text());
    const auto accounts = InstallationList::accounts((*connection)->db());
    if (!accounts)
        return std::unexpected(u"The sandbox GitHub could not read the installations: "_s + accounts.error().text());
    std::unique_ptr<DemoGitHub> github(new DemoGitHub);
    QSqlQuery suspended((*connection)->db());
    if (suspended.exec(QString::fromLatin1(kSuspendedSql)) && suspended.next())
        github->m_suspended = suspended.value(0).toString();
    auto pem = DemoAppKey::generatePem();
    if (!pem)
        return std::unexpected(u"The sandbox GitHub has no key: "_s + pem.error());

    QJsonArray installations;
    for (const InstallationList::Account &account : *accounts)
        installations.append(QJsonObject{{u"id"_s, account.githubInstallationId},
                                         {u"account"_s, account.accountName},
                                         {u"type"_s, account.accountType},
                                         {u"suspended"_s, account.githubInstallationId == github->m_suspended}});
    github->m_installationCount = int(installations.size());
    // Read by the sandbox as it starts; removed once it listens.
    QTemporaryFile file(QDir::temp().filePath(u"staff-console-sandbox-XXXXXX.json"_s));
    if (!file.open() || file.write(QJsonDocument(installations).toJson(QJsonDocument::Compact)) < 0 || !file.flush())
        return std::unexpected(failed + file.errorString());

    github->m_process = std::make_unique<QProcess>();
    QProcess &process = *github->m_process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setReadChannel(QProcess::StandardOutput);
    process.start(sandboxProgram(), {u"--installations"_s, file.fileName(), u"--exit-with-stdin"_s});
    if (!process.waitForStarted(kStartTimeoutMs))
        return std::unexpected(failed + sandboxProgram() + u": "_s + process.errorString());
    while (!process.canReadLine() && process.state() == QProcess::Running)
        process.waitForReadyRead(kStartTimeoutMs);
    if (!process.canReadLine()) {
        const QString said = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return std::unexpected(failed + (said.isEmpty() ? u"it ended without saying where it listens"_s : said));
    }
    const QJsonObject ready = QJsonDocument::fromJson(process.readLine()).object();
    github->m_baseUrl = QUrl(ready.value("base_url"_L1).toString());
    github->m_webUrl = ready.value("web_url"_L1).toString();
    github->m_appId = ready.value("app_id"_L1).toInteger();
    github->m_appName = ready.value("app_name"_L1).toString();
    if (!github->m_baseUrl.isValid() || github->m_appId <= 0)
        return std::unexpected(failed + u"it did not say where it listens"_s);
    // What the sandbox says later (each comment and pull request posted) goes to the console's log.
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &process, [&process] {
        while (process.canReadLine())
            QTextStream(stderr) << "sandbox GitHub: " << process.readLine();
    });

    github->m_runOverride.label = u"sandbox"_s;
    github->m_runOverride.githubBaseUrl = github->m_baseUrl;
    github->m_runOverride.githubAppId = QString::number(github->m_appId);
    github->m_runOverride.githubPrivateKeyPem = *pem;
    return github;
}
