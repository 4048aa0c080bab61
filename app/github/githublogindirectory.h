#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

#include "github/githuberror.h"

class GitHubClient;

// The GitHub logins behind the numeric GitHub user ids the database stores, and back: a memory
// cache over one GitHubClient that never makes its caller wait.
//
// login(id) answers from the cache at once; an unknown id is queued and looked up in the
// background (GET /user/{id} with an installation token: the installation given as a hint, else
// the App's first installation), at most maxConcurrent() at a time, the most recently asked first.
// resolved(id, login) follows each login found. Logins are kept for loginTtl, failures (unknown
// id, an error) for failureTtl, so one bad id does not hammer GitHub. userId(login) does the same
// the other way (GET /users/{login}) and emits userLookedUp(login, in lower case) when its answer
// is in.
// Nothing is asked while the client has no App credentials. clear() forgets everything (the
// GitHub settings changed) and emits cleared(): ask again. UI thread; the client must outlive it.
class GitHubLoginDirectory : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    struct UserLookup
    {
        enum class State { Pending, Found, Missing, Failed };
        State state = State::Pending;
        qint64 id = 0;        // Found
        QString error;        // Failed: one line for the user
    };

    explicit GitHubLoginDirectory(GitHubClient *client, QObject *parent = nullptr);
    ~GitHubLoginDirectory() override;

    void setClock(Clock clock);
    void setTtl(std::chrono::seconds login, std::chrono::seconds failure);
    void setMaxConcurrent(int count);
    int maxConcurrent() const { return m_maxConcurrent; }

    // The login of GitHub user `githubId` when known; else nullopt, and a lookup is queued
    // (unless one failed within failureTtl). `viaInstallation`: a GitHub installation id whose
    // token may read the user (one the user is a member of).
    std::optional<QString> login(qint64 githubId, std::optional<qint64> viaInstallation = {});
    // login() for the text the database stores (digits); nullopt for anything else.
    std::optional<QString> login(const QString &githubId, std::optional<qint64> viaInstallation = {});
    // The id of `login` (case-insensitive): Found/Missing/Failed from the cache, else Pending and
    // a lookup starts.
    UserLookup userId(const QString &login);

    bool isAvailable() const;       // the client has App credentials
    int lookupsStarted() const { return m_started; }   // requests sent since construction (tests)
    int queuedCount() const { return int(m_queue.size()); }
    int runningCount() const { return m_running; }   // lookups in flight

    void clear();

signals:
    void resolved(qint64 githubId, const QString &login);
    void userLookedUp(const QString &login);
    void cleared();

private:
    struct Entry
    {
        QString login;          // empty: the lookup failed
        QDateTime expires;
    };
    struct Queued
    {
        qint64 id;
        std::optional<qint64> installation;
    };

    QDateTime now() const;
    void schedulePump();
    void pump();
    void lookUpId(const Queued &queued);
    void lookUpLogin(const QString &key);
    void remember(qint64 id, const QString &login, bool ok);
    void trim();

    GitHubClient *m_client;
    Clock m_clock;
    std::chrono::seconds m_loginTtl{3600};
    std::chrono::seconds m_failureTtl{120};
    int m_maxConcurrent = 4;
    int m_running = 0;
    int m_started = 0;
    bool m_pumpScheduled = false;
    quint64 m_generation = 0;   // bumped by clear(): answers of older lookups are dropped
    QHash<qint64, Entry> m_logins;
    QHash<QString, std::pair<UserLookup, QDateTime>> m_ids;   // lower-case login → answer, expiry
    QList<Queued> m_queue;      // most recently asked last
    QSet<qint64> m_inFlight;
    QSet<QString> m_loginsInFlight;
    QList<QString> m_loginQueue;   // lower-case logins, most recently asked last
    enum class DefaultInstallation { Unknown, Loading, Known, None, Failed };
    DefaultInstallation m_defaultState = DefaultInstallation::Unknown;
    qint64 m_defaultInstallation = 0;
    QDateTime m_defaultRetryAt;
};
