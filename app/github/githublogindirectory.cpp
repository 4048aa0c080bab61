#include "githublogindirectory.h"

#include <QTimer>

#include "github/githubclient.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMaxQueued = 500;      // older requests are dropped: a repaint asks again
constexpr qsizetype kMaxCached = 20000;

} // namespace

GitHubLoginDirectory::GitHubLoginDirectory(GitHubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

GitHubLoginDirectory::~GitHubLoginDirectory() = default;

void GitHubLoginDirectory::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void GitHubLoginDirectory::setTtl(std::chrono::seconds login, std::chrono::seconds failure)
{
    m_loginTtl = login;
    m_failureTtl = failure;
}

void GitHubLoginDirectory::setMaxConcurrent(int count)
{
    m_maxConcurrent = std::max(1, count);
}

QDateTime GitHubLoginDirectory::now() const
{
    return m_clock();
}

bool GitHubLoginDirectory::isAvailable() const
{
    return m_client && m_client->hasAppCredentials();
}

std::optional<QString> GitHubLoginDirectory::login(const QString &githubId, std::optional<qint64> viaInstallation)
{
    bool ok = false;
    const qint64 id = githubId.trimmed().toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return login(id, viaInstallation);
}

std::optional<QString> GitHubLoginDirectory::login(qint64 githubId, std::optional<qint64> viaInstallation)
{
    if (githubId <= 0 || !isAvailable())
        return std::nullopt;
    if (const auto it = m_logins.constFind(githubId); it != m_logins.constEnd()) {
        if (it->expires > now())
            return it->login.isEmpty() ? std::nullopt : std::optional<QString>(it->login);
        m_logins.erase(it);
    }
    if (m_inFlight.contains(githubId))
        return std::nullopt;
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).id == githubId) {
            Queued queued = m_queue.takeAt(i);
            if (viaInstallation)
                queued.installation = viaInstallation;
            m_queue.append(queued);
            return std::nullopt;
        }
    }
    m_queue.append({githubId, viaInstallation});
    if (m_queue.size() > kMaxQueued)
        m_queue.removeFirst();
    schedulePump();
    return std::nullopt;
}

GitHubLoginDirectory::UserLookup GitHubLoginDirectory::userId(const QString &login)
{
    const QString key = login.trimmed().toLower();
    if (!isAvailable())
        return {UserLookup::State::Failed, 0, u"GitHub is not configured (File › Settings › GitHub)."_s};
    if (const auto it = m_ids.constFind(key); it != m_ids.constEnd()) {
        if (it->second > now())
            return it->first;
        m_ids.erase(it);
    }
    if (!m_loginsInFlight.contains(key) && !m_loginQueue.contains(key)) {
        m_loginQueue.append(key);
        schedulePump();
    }
    return {};
}

void GitHubLoginDirectory::clear()
{
    ++m_generation;
    m_logins.clear();
    m_ids.clear();
    m_queue.clear();
    m_loginQueue.clear();
    m_inFlight.clear();
    m_loginsInFlight.clear();
    m_defaultState = DefaultInstallation::Unknown;
    m_defaultInstallation = 0;
    emit cleared();
}

void GitHubLoginDirectory::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;   // what one repaint asks for goes out as one batch
    QTimer::singleShot(0, this, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

void GitHubLoginDirectory::pump()
{
    if (!isAvailable() || (m_queue.isEmpty() && m_loginQueue.isEmpty()))
        return;
    const bool retry = m_defaultState == DefaultInstallation::Failed && now() >= m_defaultRetryAt;
    if (m_defaultState == DefaultInstallation::Unknown || retry) {
        // Which installation's token reads users: the App's first installation, asked once.
        m_defaultState = DefaultInstallation::Loading;
        ++m_running;
        ++m_started;
        m_client->listAppInstallations(this, [this, generation = m_generation](
                                                 std::expected<QList<Installation>, GitHubError> result) {
            --m_running;
            if (generation != m_generation)
                return pump();
            if (!result) {
                m_defaultState = DefaultInstallation::Failed;
                m_defaultRetryAt = now().addSecs(m_failureTtl.count());
            } else if (result->isEmpty()) {
                m_defaultState = DefaultInstallation::None;
            } else {
                m_defaultState = DefaultInstallation::Known;
                m_defaultInstallation = result->first().id;
            }
            pump();
        });
        return;
    }
    if (m_defaultState == DefaultInstallation::Loading)
        return;
    while (m_running < m_maxConcurrent) {
        if (!m_loginQueue.isEmpty()) {
            lookUpLogin(m_loginQueue.takeLast());
        } else if (!m_queue.isEmpty()) {
            lookUpId(m_queue.takeLast());
        } else {
            break;
        }
    }
}

void GitHubLoginDirectory::lookUpId(const Queued &queued)
{
    std::optional<qint64> installation = queued.installation;
    if (!installation) {
        if (m_defaultState == DefaultInstallation::Failed) {
            remember(queued.id, {}, false);
            return;
        }
        if (m_defaultState == DefaultInstallation::Known)
            installation = m_defaultInstallation;
    }
    m_inFlight.insert(queued.id);
    ++m_running;
    ++m_started;
    m_client->getUserById(installation, queued.id, this,
                          [this, id = queued.id, generation = m_generation](std::expected<User, GitHubError> user) {
                              --m_running;
                              if (generation == m_generation) {
                                  m_inFlight.remove(id);
                                  remember(id, user ? user->login : QString(), user.has_value());
                                  if (user && !user->login.isEmpty()) {
                                      m_ids.insert(user->login.toLower(),
                                                   {UserLookup{UserLookup::State::Found, id, {}},
                                                    now().addSecs(m_loginTtl.count())});
                                      emit resolved(id, user->login);
                                  }
                              }
                              pump();
                          });
}

void GitHubLoginDirectory::lookUpLogin(const QString &key)
{
    std::optional<qint64> installation;
    if (m_defaultState == DefaultInstallation::Known)
        installation = m_defaultInstallation;
    m_loginsInFlight.insert(key);
    ++m_running;
    ++m_started;
    m_client->getUserByLogin(installation, key, this,
                             [this, key, generation = m_generation](std::expected<User, GitHubError> user) {
                                 --m_running;
                                 if (generation == m_generation) {
                                     m_loginsInFlight.remove(key);
                                     UserLookup answer;
                                     std::chrono::seconds ttl = m_failureTtl;
                                     if (user) {
                                         answer = {UserLookup::State::Found, user->id, {}};
                                         ttl = m_loginTtl;
                                         remember(user->id, user->login, true);
                                     } else if (user.error().httpStatus() == 404) {
                                         answer = {UserLookup::State::Missing, 0, {}};
                                     } else {
                                         answer = {UserLookup::State::Failed, 0, user.error().text()};
                                     }
                                     m_ids.insert(key, {answer, now().addSecs(ttl.count())});
                                     emit userLookedUp(key);
                                 }
                                 pump();
                             });
}

void GitHubLoginDirectory::remember(qint64 id, const QString &login, bool ok)
{
    const bool found = ok && !login.isEmpty();
    m_logins.insert(id, {found ? login : QString(), now().addSecs((found ? m_loginTtl : m_failureTtl).count())});
    trim();
}

void GitHubLoginDirectory::trim()
{
    if (m_logins.size() <= kMaxCached)
        return;
    const QDateTime at = now();
    m_logins.removeIf([&at](const auto &it) { return it.value().expires <= at; });
    while (m_logins.size() > kMaxCached)
        m_logins.erase(m_logins.begin());
}
