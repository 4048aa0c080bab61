#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <expected>
#include <functional>

#include "github/githuberror.h"
#include "github/githubtypes.h"

// Installation access tokens, cached per installation until `renewMargin` before their expires_at.
// Concurrent requests for one installation share a single fetch. After a 401, the caller calls
// invalidate() with the token it used and asks again: the next token() fetches a fresh one.
// Lives in one thread; callbacks run later, never after their context is destroyed.
class InstallationTokenCache : public QObject
{
    Q_OBJECT

public:
    using TokenResult = std::expected<InstallationToken, GitHubError>;
    // Fetches a new token (POST /app/installations/{id}/access_tokens); calls back exactly once
    // unless `context` is destroyed.
    using Fetch = std::function<void(qint64 installationId, QObject *context,
                                     std::function<void(TokenResult)> done)>;
    using Clock = std::function<QDateTime()>;

    explicit InstallationTokenCache(Fetch fetch, QObject *parent = nullptr);

    void setClock(Clock clock);
    void setRenewMargin(std::chrono::seconds margin) { m_renewMargin = margin; }

    // The token to use now for `installationId` (opaque text).
    void token(qint64 installationId, QObject *context,
               std::function<void(std::expected<QString, GitHubError>)> done);
    // Forgets `token` if it is still the cached one for the installation.
    void invalidate(qint64 installationId, const QString &token);
    void clear();

    int fetchCount() const { return m_fetchCount; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(std::expected<QString, GitHubError>)> done;
    };
    struct Entry
    {
        QString token;
        QDateTime expiresAt;
        bool fetching = false;
        quint64 generation = 0;
        QList<Waiter> waiters;
    };

    bool isFresh(const Entry &entry) const;
    void onFetched(qint64 installationId, quint64 generation, TokenResult result);

    Fetch m_fetch;
    Clock m_clock;
    std::chrono::seconds m_renewMargin{5 * 60};
    QHash<qint64, Entry> m_entries;
    quint64 m_generation = 0;
    int m_fetchCount = 0;
};
