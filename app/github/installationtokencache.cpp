#include "installationtokencache.h"

#include <QTimer>

using namespace Qt::StringLiterals;

InstallationTokenCache::InstallationTokenCache(Fetch fetch, QObject *parent)
    : QObject(parent), m_fetch(std::move(fetch)), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void InstallationTokenCache::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
}

bool InstallationTokenCache::isFresh(const Entry &entry) const
{
    return !entry.token.isEmpty() && entry.expiresAt.isValid()
        && m_clock().secsTo(entry.expiresAt) > m_renewMargin.count();
}

void InstallationTokenCache::token(qint64 installationId, QObject *context,
                                   std::function<void(std::expected<QString, GitHubError>)> done)
{
    Entry &entry = m_entries[installationId];
    if (!entry.fetching && isFresh(entry)) {
        // Keep the "later, never inside the call" promise even for a cached token.
        QTimer::singleShot(0, context, [done = std::move(done), token = entry.token] { done(token); });
        return;
    }
    entry.waiters.append({context, std::move(done)});
    if (entry.fetching)
        return;
    entry.fetching = true;
    entry.generation = ++m_generation;
    ++m_fetchCount;
    const quint64 generation = entry.generation;
    m_fetch(installationId, this, [this, installationId, generation](TokenResult result) {
        onFetched(installationId, generation, std::move(result));
    });
}

void InstallationTokenCache::onFetched(qint64 installationId, quint64 generation, TokenResult result)
{
    auto it = m_entries.find(installationId);
    if (it == m_entries.end() || it->generation != generation)
        return;
    const QList<Waiter> waiters = std::exchange(it->waiters, {});
    it->fetching = false;
    std::expected<QString, GitHubError> outcome;
    if (result) {
        it->token = result->token;
        it->expiresAt = result->expiresAt;
        outcome = result->token;
    } else {
        it->token.clear();
        outcome = std::unexpected(result.error());
    }
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(outcome);
    }
}

void InstallationTokenCache::invalidate(qint64 installationId, const QString &token)
{
    auto it = m_entries.find(installationId);
    if (it != m_entries.end() && !it->fetching && it->token == token) {
        it->token.clear();
        it->expiresAt = {};
    }
}

void InstallationTokenCache::clear()
{
    // Pending fetches are dropped: their generation no longer matches any entry.
    QList<Waiter> waiters;
    for (Entry &entry : m_entries)
        waiters += std::exchange(entry.waiters, {});
    m_entries.clear();
    const auto error = GitHubError::local(GitHubError::Kind::NotConfigured, u"The App's credentials changed."_s);
    for (const Waiter &waiter : std::as_const(waiters)) {
        if (waiter.context)
            waiter.done(std::unexpected(error));
    }
}
