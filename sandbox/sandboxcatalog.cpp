#include "sandboxcatalog.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// The word lists of resources/sql/demo: the sandbox answers for the demo database's accounts.
constexpr std::array kRepos{"api", "web", "mobile-app", "infra", "billing-service", "docs", "cli",
                            "sdk-python", "sdk-js", "data-pipeline", "auth-gateway", "design-system",
                            "ml-platform", "search", "notifications", "scheduler", "terraform-modules",
                            "helm-charts", "dashboard", "etl-jobs", "firmware", "website", "analytics", "core"};
constexpr std::array kFirsts{"maria", "devon", "aisha", "kenji", "lucas", "priya", "tomasz", "nadia", "oliver",
                             "mei", "samuel", "ines", "rafael", "yuki", "farah", "jonas", "elena", "kwame", "sofia"};
constexpr std::array kLasts{"chen", "okafor", "schmidt", "patel", "nakamura", "silva", "novak", "haddad",
                            "larsen", "garcia", "kowalski", "mensah", "dubois"};
constexpr std::array kLanguages{"Python", "TypeScript", "Go", "Rust", "C++", "Java", "Ruby", "Shell"};

constexpr std::array kTitles{
    "Pagination stops after the first page of installations",
    "Webhook deliveries fail with 401 after token rotation",
    "Retry loop hides upstream timeouts",
    "Timestamps shown in local time instead of UTC",
    "Crash when the config file has no [retry] section",
    "Memory grows steadily under constant load",
    "Flaky test: test_refresh_token_concurrently",
    "Slow query on the events list for large installations",
    "Error message leaks the request body",
    "Rate limit exceeded during nightly sync",
    "Cache key ignores the installation id",
    "Client timeout longer than the load balancer's",
    "Dependabot upgrade breaks the HTTP client",
    "Empty repository list for newly added installations",
    "Support GitHub Enterprise Server base URLs",
    "Document the retry configuration",
};
constexpr std::array kContexts{
    "Since the last deploy, `%1` shows the problem for a subset of installations. It started after "
    "the upgrade to the new HTTP client.",
    "We see this in production about a dozen times a day. The logs of `%1` show no error, the request "
    "simply returns less data than expected.",
    "Reported by two customers this week. Both have more than 100 repositories in their installation.",
    "This happens only on the larger CI runners, which suggests a timing issue rather than a logic error.",
};
constexpr std::array kSteps{
    "1. Install the app on an organization with more than 100 repositories\n2. Trigger a full sync\n"
    "3. Compare the repository count with the one on github.com",
    "1. Start the worker with the default configuration\n2. Rotate the installation token\n"
    "3. Send a test webhook delivery",
    "1. Run `make test` a few times in a row\n2. Watch `test_refresh_token_concurrently`",
    "1. Open the events page of a large installation\n2. Filter by the last 30 days",
};
constexpr std::array kComments{
    "I can reproduce this on `main`. It looks related to the change in the retry logic.",
    "Same here, we see it on about 5% of the syncs.",
    "Could you attach the full log with `LOG_LEVEL=debug`?",
    "Attached the log. The interesting part starts at 14:02:11.",
    "Thanks for the report! Adding this to the next milestone.",
    "Workaround until this is fixed:\n\n```sh\nexport SYNC_PAGE_SIZE=100\n```\n\nThat keeps every page below the limit.",
    "> The request simply returns less data than expected.\n\nConfirmed. Checklist for the fix:\n\n"
    "- [x] reproduce locally\n- [ ] regression test\n- [ ] release note",
    "| run | result |\n|---|---|\n| nightly | ~~passed~~ failed |\n| manual | passed |\n\nOnly the nightly run fails.",
};
constexpr std::array kLabelSets{"bug", "bug,performance", "enhancement", "bug,security", "documentation",
                                "bug,tests", "performance"};

QString pick(quint64 h, const auto &list)
{
    return QString::fromUtf8(list[h % list.size()]);
}

} // namespace

SandboxCatalog::SandboxCatalog(QDateTime anchor)
    : m_anchor(anchor.isValid() ? anchor.toUTC() : QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC))
{
}

quint64 SandboxCatalog::stableHash(const QString &text)
{
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1);
    return qFromBigEndian<quint64>(digest.constData());
}

QString SandboxCatalog::loginForAccountId(qint64 id) const
{
    const quint64 h = stableHash(u"user:"_s + QString::number(id));
    QString login = pick(h, kFirsts) + (h % 3 == 0 ? u"-"_s : QString()) + pick(h / 31, kLasts);
    if ((h / 7) % 4 != 0)
        login += QString::number(10 + (h / 101) % 90);
    return login;
}

qint64 SandboxCatalog::accountIdForLogin(const QString &login) const
{
    return qint64(1000 + stableHash(u"login:"_s + login.toLower()) % 150000000);
}

QString SandboxCatalog::displayName(const QString &login) const
{
    const quint64 h = stableHash(u"name:"_s + login);
    QString first = pick(h, kFirsts);
    QString last = pick(h / 19, kLasts);
    first[0] = first[0].toUpper();
    last[0] = last[0].toUpper();
    return first + u' ' + last;
}

QStringList SandboxCatalog::repositoriesOf(const QString &account) const
{
    const int salt = static_cast<unsigned char>(
        QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Md5).at(0));
    QStringList repos;
    for (int k = 0; k < 4; ++k)
        repos << account + u'/' + QString::fromUtf8(kRepos[(salt + k) % kRepos.size()]);
    return repos;
}

qint64 SandboxCatalog::repositoryId(const QString &fullName) const
{
    return qint64(100000000 + stableHash(u"repo:"_s + fullName.toLower()) % 700000000);
}

QString SandboxCatalog::repositoryDescription(const QString &fullName) const
{
    const QString name = fullName.section(u'/', 1);
    return u"The "_s + name + u" of "_s + fullName.section(u'/', 0, 0) + u"."_s;
}

QString SandboxCatalog::repositoryLanguage(const QString &fullName) const
{
    return pick(stableHash(u"lang:"_s + fullName), kLanguages);
}

QString SandboxCatalog::accountForInstallation(qint64 installationId) const
{
    const quint64 h = stableHash(u"installation:"_s + QString::number(installationId));
    return pick(h, kFirsts) + u'-' + pick(h / 19, kLasts);
}

SandboxCatalog::Issue SandboxCatalog::issue(const QString &fullName, int number) const
{
    const quint64 h = stableHash(fullName.toLower() + u'#' + QString::number(number));
    Issue issue;
    issue.title = pick(h, kTitles);
    const QString repoName = fullName.section(u'/', 1);
    issue.body = u"### What happens\n\n"_s + pick(h / 17, kContexts).arg(repoName)
        + u"\n\n### Steps to reproduce\n\n"_s + pick(h / 89, kSteps)
        + u"\n\n### Expected\n\nThe operation completes and reports every item.\n\n"
          u"### Environment\n\n- version: 2."_s
        + QString::number(h % 7) + u'.' + QString::number((h / 7) % 10) + u"\n- deployment: "_s
        + ((h / 3) % 2 ? u"Kubernetes"_s : u"Docker Compose"_s);
    issue.author = loginForAccountId(qint64(h % 90000000));
    issue.labels = pick(h / 131, kLabelSets).split(u',');
    const qint64 ageSeconds = qint64(3600 + (h / 1009) % (400 * 86400));
    issue.createdAt = m_anchor.addSecs(-ageSeconds);
    issue.updatedAt = issue.createdAt.addSecs(qint64((h / 7) % 86400));
    issue.open = (h / 13) % 6 != 0;
    issue.seededComments = 1 + int((h / 23) % 4);
    return issue;
}

SandboxCatalog::Comment SandboxCatalog::seededComment(const QString &fullName, int number, int index) const
{
    const quint64 h = stableHash(fullName.toLower() + u'#' + QString::number(number) + u'/'
                                 + QString::number(index));
    const Issue parent = issue(fullName, number);
    Comment comment;
    comment.id = qint64(1000000000 + h % 900000000);
    comment.author = index == 0 ? loginForAccountId(qint64(h % 90000000)) : parent.author;
    comment.body = pick(h / 5, kComments);
    comment.createdAt = parent.createdAt.addSecs(qint64(600 + index * 7200 + (h / 11) % 3600));
    return comment;
}
