#include "demogithub.h"

#include "installationlist.h"
#include "sandboxappkey.h"
#include "sandboxgithub.h"

using namespace Qt::StringLiterals;

DemoGitHub::DemoGitHub() : m_sandbox(std::make_unique<SandboxGitHub>()) {}

DemoGitHub::~DemoGitHub() = default;

std::expected<std::unique_ptr<DemoGitHub>, QString> DemoGitHub::start(const ConnectionProfile &demo)
{
    auto connection = PgConnection::open(demo, QString(), u"sandbox GitHub"_s);
    if (!connection)
        return std::unexpected(u"The sandbox GitHub could not read the installations: "_s + connection.error().text());
    const auto accounts = InstallationList::accounts((*connection)->db());
    if (!accounts)
        return std::unexpected(u"The sandbox GitHub could not read the installations: "_s + accounts.error().text());
    auto pem = SandboxAppKey::generatePem();
    if (!pem)
        return std::unexpected(u"The sandbox GitHub has no key: "_s + pem.error());

    std::unique_ptr<DemoGitHub> github(new DemoGitHub);
    QList<SandboxGitHub::Installation> installations;
    installations.reserve(accounts->size());
    for (const InstallationList::Account &account : *accounts)
        installations.append({account.githubInstallationId, account.accountName, account.accountType});
    github->m_sandbox->setInstallations(installations);
    github->m_installationCount = int(installations.size());
    const auto url = github->m_sandbox->start();
    if (!url)
        return std::unexpected(u"The sandbox GitHub could not start: "_s + url.error());

    github->m_runOverride.label = SandboxGitHub::label();
    github->m_runOverride.githubBaseUrl = *url;
    github->m_runOverride.githubAppId = QString::number(github->m_sandbox->appId());
    github->m_runOverride.githubPrivateKeyPem = *pem;
    return github;
}

QUrl DemoGitHub::baseUrl() const
{
    return m_sandbox->baseUrl();
}
