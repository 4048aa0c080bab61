#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUuid>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "github/githuberror.h"

class GitHubClient;
class PublicationStore;
struct Publication;

// Why a draft was not published. `kind`:
//   refusals (nothing sent): not_found, not_draft, unsupported, in_progress, not_installed,
//     no_permission, suspended, missing_branch
//   failures: the GitHub error's kind (http, timeout, transport, decode, bad_credentials,
//     not_configured, …) with its HTTP status; unknown_outcome (GitHub may have stored it and reading
//     back could not tell: the publication stays open for reconcile()); database
struct PublishError
{
    QString kind;
    int status = 0;      // HTTP status, 0 when none
    QString message;     // one sentence for the user, never a credential
};

struct PublishOutcome
{
    enum class Kind { Published, Adopted, DryRun, Refused, Failed };

    qint64 draftId = 0;
    Kind kind = Kind::Failed;
    QString url;                     // the comment's or pull request's html_url
    std::optional<qint64> githubId;
    std::optional<PublishError> error;
    // The request as sent (or, for a dry run, as it would be sent):
    // {"method","path","body"} for a comment, plus "title","head","base" for a pull request.
    QByteArray request;
    QString heldBy;                  // in_progress / not_draft: the login that holds or published it

    bool succeeded() const { return kind == Kind::Published || kind == Kind::Adopted; }
    static QString kindName(Kind kind);   // "published", "adopted", "dry_run", "refused", "failed"
    // {"draft":N,"outcome":"…","url":…|null,"error":{"kind","status","message"}|null} (+ "request"
    // for a dry run), one line.
    QByteArray toJson() const;
};

// Publishes drafts to GitHub as the App, exactly once (the outbox of migration 013):
// checks (draft still 'draft'; its user has write/admin on the installation GitHub reports for the
// repository; not suspended; a pull request's head branch exists), then, unless the owner is in
// testing mode (a dry run: nothing sent, a 'dry_run' row), an open publication is committed, GitHub
// is called with the body ending in the marker `<!-- staff-console:publication=KEY -->`, and the
// publication is closed and the draft marked 'published' in one transaction. An unknown outcome
// (timeout, dropped connection, 5xx, a stale open publication) is read back from GitHub — the App
// bot's comments carrying the marker, or the pulls of the head branch — and adopted; only when
// nothing is found is it sent once more. A 4xx is a definite failure (kept on the publication);
// 422 "A pull request already exists" adopts that pull request.
//
// Lives in one thread with the GitHubClient (not owned) and the store (not owned); both must
// outlive it. Each `done` runs once, later, unless `context` is destroyed first. Publishing several
// drafts: call publish() for one after the other finished (GitHub's write pacing is the HTTP
// layer's).
class DraftPublisher : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(PublishOutcome)>;

    DraftPublisher(GitHubClient *github, PublicationStore *store, QObject *parent = nullptr);
    ~DraftPublisher() override;

    void publish(qint64 draftId, QObject *context, Done done);
    // Resolves every open publication at least `minimumAge` old (younger ones may still be in
    // flight in another console): read back, adopt, else send once more. One outcome per publication.
    void reconcile(QObject *context, std::function<void(QList<PublishOutcome>)> done,
                   std::chrono::seconds minimumAge = kDefaultStaleAfter);

    // publish() finding another open publication of the draft at least this old treats it as an
    // unknown outcome and resolves it; a younger one is refused as in_progress.
    static constexpr std::chrono::seconds kDefaultStaleAfter{120};
    void setStaleAfter(std::chrono::seconds age) { m_staleAfter = age; }

    // Tests: runs after GitHub answered and before the result is committed (to crash there).
    void setBeforeRecordHook(std::function<void()> hook) { m_beforeRecord = std::move(hook); }

    static QString marker(const QUuid &attemptKey);

private:
    struct Job;
    struct ReconcileRun;
    using JobPtr = std::shared_ptr<Job>;
    struct Found
    {
        qint64 id = 0;
        QString url;
    };
    using ReadBack = std::function<void(std::optional<Found> found, std::optional<GitHubError> error)>;

    void checkInstallation(const JobPtr &job);
    void checkBranch(const JobPtr &job);
    void prepare(const JobPtr &job);
    static void buildRequest(Job &job);
    void openPublication(const JobPtr &job);
    void resolveOpen(const JobPtr &job, const Publication &open);
    void send(const JobPtr &job);
    void sendFailed(const JobPtr &job, const GitHubError &error);
    void readBack(const JobPtr &job, ReadBack done);
    void readBackComments(const JobPtr &job, const QString &botLogin, ReadBack done);
    void afterUnknown(const JobPtr &job, const GitHubError &cause);
    void record(const JobPtr &job, bool adopted, qint64 githubId, const QString &url);
    void recordFailure(const JobPtr &job, const PublishError &error);
    void refuse(const JobPtr &job, const QString &kind, const QString &message, int status = 0);
    void finish(const JobPtr &job, PublishOutcome outcome);
    void reconcileNext(std::shared_ptr<ReconcileRun> run);

    GitHubClient *m_github;
    PublicationStore *m_store;
    std::chrono::seconds m_staleAfter = kDefaultStaleAfter;
    std::function<void()> m_beforeRecord;
    QString m_botLogin;   // "{app slug}[bot]", once GET /app told it
};
