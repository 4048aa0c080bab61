#include "draftpublisher.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include "github/githubclient.h"
#include "publicationstore.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text) { return text.toStdString(); }

QByteArray dump(const Json &json) { return QByteArray::fromStdString(json.dump()); }

Json errorJson(const PublishError &error)
{
    Json json = {{"kind", utf8(error.kind)}};
    if (error.status > 0)
        json["status"] = error.status;
    else
        json["status"] = nullptr;
    json["message"] = utf8(error.message);
    return json;
}

PublishError fromGitHub(const GitHubError &error)
{
    return PublishError{error.kindName(), error.httpStatus(), error.text()};
}

PublishError fromDb(const DbError &error)
{
    return PublishError{u"database"_s, 0, error.message};
}

// A 4xx means GitHub refused it and stored nothing. Everything else after sending (no answer, a
// timeout, a 5xx, an answer that could not be read) may have been stored.
bool definiteFailure(const GitHubError &error)
{
    if (error.kind != GitHubError::Kind::Api)
        return true;   // local: the request was never sent (no key, not configured, …)
    if (!error.api)
        return false;
    switch (error.api->kind) {
    case ApiError::Kind::Http:
        return error.api->httpStatus >= 400 && error.api->httpStatus < 500;
    case ApiError::Kind::ForeignOrigin:
        return true;
    default:
        return false;
    }
}

bool pullAlreadyExists(const GitHubError &error)
{
    if (!error.api || error.api->httpStatus != 422)
        return false;
    if (error.api->apiMessage.contains(u"already exists"_s, Qt::CaseInsensitive))
        return true;
    for (const FieldError &field : error.api->fieldErrors) {
        if (field.message.contains(u"already exists"_s, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

QString PublishOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Published: return u"published"_s;
    case Kind::Adopted: return u"adopted"_s;
    case Kind::DryRun: return u"dry_run"_s;
    case Kind::Refused: return u"refused"_s;
    case Kind::Failed: return u"failed"_s;
    }
    return u"failed"_s;
}

QByteArray PublishOutcome::toJson() const
{
    Json json = {{"draft", draftId}, {"outcome", utf8(kindName(kind))}};
    json["url"] = url.isEmpty() ? Json(nullptr) : Json(utf8(url));
    json["error"] = error ? errorJson(*error) : Json(nullptr);
    if (kind == Kind::DryRun && !request.isEmpty())
        json["request"] = Json::parse(request.toStdString(), nullptr, false);
    if (!heldBy.isEmpty())
        json["held_by"] = utf8(heldBy);
    return dump(json);
}

struct DraftPublisher::Job
{
    qint64 draftId = 0;
    PublicationTarget target;
    RepoRef repo;
    QUuid key;
    std::optional<Publication> publication;
    QByteArray request;        // the full request
    QByteArray summary;        // what the publication row keeps
    int sends = 0;
    bool reconciling = false;
    QPointer<QObject> context;
    Done done;

    bool isPull() const { return target.contentType == u"pull_request"_s; }
    QString body() const { return target.content + u"\n\n"_s + DraftPublisher::marker(key); }
};

struct DraftPublisher::ReconcileRun
{
    QList<Publication> open;
    QList<PublishOutcome> outcomes;
    QPointer<QObject> context;
    std::function<void(QList<PublishOutcome>)> done;
};

DraftPublisher::DraftPublisher(GitHubClient *github, PublicationStore *store, QObject *parent)
    : QObject(parent), m_github(github), m_store(store)
{
}

DraftPublisher::~DraftPublisher() = default;

QString DraftPublisher::marker(const QUuid &attemptKey)
{
    return u"<!-- staff-console:publication="_s + attemptKey.toString(QUuid::WithoutBraces) + u" -->"_s;
}

void DraftPublisher::publish(qint64 draftId, QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->draftId = draftId;
    job->context = context;
    job->done = std::move(done);
    whenFinished(this, m_store->loadTarget(draftId), [this, job](std::expected<PublicationTarget, DbError> target) {
        if (!target) {
            if (target.error().kind == DbError::Kind::NotFound)
                refuse(job, u"not_found"_s, target.error().message);
            else
                recordFailure(job, fromDb(target.error()));
            return;
        }
        job->target = std::move(*target);
        const PublicationTarget &t = job->target;
        if (t.status != u"draft"_s) {
            // Say who published it, when the outbox knows.
            whenFinished(this, m_store->history(t.draftId), [this, job](std::expected<QList<Publication>, DbError> rows) {
                QString message = u"Draft #%1 is %2, not a draft."_s.arg(job->draftId).arg(job->target.status);
                if (rows) {
                    for (const Publication &p : *rows) {
                        if (p.state == u"published"_s || p.state == u"adopted"_s) {
                            message = u"Draft #%1 was already published by %2: %3"_s.arg(job->draftId).arg(p.login, p.githubUrl);
                            job->target.status = u"published"_s;
                            PublishOutcome outcome;
                            outcome.kind = PublishOutcome::Kind::Refused;
                            outcome.error = PublishError{u"not_draft"_s, 0, message};
                            outcome.heldBy = p.login;
                            outcome.url = p.githubUrl;
                            finish(job, std::move(outcome));
                            return;
                        }
                    }
                }
                refuse(job, u"not_draft"_s, message);
            });
            return;
        }
        if (t.contentType != u"comment"_s && t.contentType != u"pull_request"_s) {
            refuse(job, u"unsupported"_s, u"Draft #%1 is a “%2”; only comments and pull requests are published."_s
                                              .arg(job->draftId).arg(t.contentType));
            return;
        }
        auto repo = RepoRef::parse(t.githubRepo);
        if (!repo) {
            refuse(job, u"unsupported"_s, u"Draft #%1's repository “%2” is not owner/name."_s.arg(job->draftId).arg(t.githubRepo));
            return;
        }
        job->repo = *repo;
        if (job->isPull() && (t.title.isEmpty() || t.head.isEmpty() || t.base.isEmpty())) {
            refuse(job, u"unsupported"_s, u"Pull request draft #%1 needs a title, a head and a base."_s.arg(job->draftId));
            return;
        }
        checkInstallation(job);
    });
}

void DraftPublisher::checkInstallation(const JobPtr &job)
{
    m_github->getRepoInstallation(job->repo, this, [this, job](std::expected<Installation, GitHubError> installation) {
        const QString repo = job->repo.fullName();
        if (!installation) {
            if (installation.error().httpStatus() == 404)
                refuse(job, u"not_installed"_s, u"The App is not installed on %1."_s.arg(repo), 404);
            else
                recordFailure(job, fromGitHub(installation.error()));
            return;
        }
        const QString installationId = QString::number(installation->id);
        const QString account = installation->account ? installation->account->login : installationId;
        const QString permission = job->target.permissions.value(installationId);
        if (permission != u"write"_s && permission != u"admin"_s) {
            const QString has = permission.isEmpty() ? u"is not a member of"_s : u"has only %1 permission on"_s.arg(permission);
            refuse(job, u"no_permission"_s,
                   u"User %1 %2 the installation %3 (%4) that covers %5: write or admin is needed."_s
                       .arg(job->target.userId).arg(has, account, installationId, repo));
            return;
        }
        if (installation->suspendedAt) {
            refuse(job, u"suspended"_s,
                   u"The installation %1 (%2) that covers %3 is suspended since %4."_s
                       .arg(account, installationId, repo,
                            installation->suspendedAt->toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)));
            return;
        }
        if (job->isPull())
            checkBranch(job);
        else
            prepare(job);
    });
}

void DraftPublisher::checkBranch(const JobPtr &job)
{
    m_github->getBranch(job->repo, job->target.head, this, [this, job](std::expected<Branch, GitHubError> branch) {
        if (!branch) {
            if (branch.error().httpStatus() == 404)
                refuse(job, u"missing_branch"_s,
                       u"The head branch “%1” does not exist in %2."_s.arg(job->target.head, job->repo.fullName()), 404);
            else
                recordFailure(job, fromGitHub(branch.error()));
            return;
        }
        prepare(job);
    });
}

void DraftPublisher::prepare(const JobPtr &job)
{
    if (job->key.isNull())
        job->key = QUuid::createUuid();
    buildRequest(*job);
    const PublicationTarget &t = job->target;

    if (t.testingMode) {
        whenFinished(this, m_store->recordDryRun(job->draftId, job->key, t.contentType, job->summary),
                     [this, job](std::expected<Publication, DbError> row) {
                         if (!row) {
                             recordFailure(job, fromDb(row.error()));
                             return;
                         }
                         PublishOutcome outcome;
                         outcome.kind = PublishOutcome::Kind::DryRun;
                         finish(job, std::move(outcome));
                     });
        return;
    }
    openPublication(job);
}

void DraftPublisher::buildRequest(Job &job)
{
    const PublicationTarget &t = job.target;
    const QString base = u"/repos/"_s + job.repo.owner + u'/' + job.repo.name;
    const QString body = job.body();
    Json request = {{"method", "POST"}};
    Json summary = {{"method", "POST"}};
    if (job.isPull()) {
        request["path"] = summary["path"] = utf8(base + u"/pulls"_s);
        request["title"] = summary["title"] = utf8(t.title);
        request["head"] = summary["head"] = utf8(t.head);
        request["base"] = summary["base"] = utf8(t.base);
    } else {
        request["path"] = summary["path"] = utf8(base + u"/issues/%1/comments"_s.arg(t.githubIssueId));
    }
    request["body"] = utf8(body);
    summary["body_chars"] = body.size();
    summary["body_start"] = utf8(t.content.left(200));
    summary["marker"] = utf8(marker(job.key));
    job.request = dump(request);
    job.summary = dump(summary);
}

void DraftPublisher::openPublication(const JobPtr &job)
{
    whenFinished(this, m_store->open(job->draftId, job->key, job->target.contentType, job->summary),
                 [this, job](std::expected<Publication, OpenPublicationError> opened) {
                     if (opened) {
                         job->publication = std::move(*opened);
                         send(job);
                         return;
                     }
                     const OpenPublicationError &e = opened.error();
                     if (e.holder) {
                         const auto age = e.holder->createdAt.secsTo(QDateTime::currentDateTimeUtc());
                         if (age >= m_staleAfter.count()) {
                             resolveOpen(job, *e.holder);
                             return;
                         }
                         PublishOutcome outcome;
                         outcome.kind = PublishOutcome::Kind::Refused;
                         outcome.error = PublishError{u"in_progress"_s, 0, e.error.message};
                         outcome.heldBy = e.holder->login;
                         finish(job, std::move(outcome));
                         return;
                     }
                     if (e.error.kind == DbError::Kind::Conflict)
                         refuse(job, u"not_draft"_s, e.error.message);
                     else if (e.error.kind == DbError::Kind::NotFound)
                         refuse(job, u"not_found"_s, e.error.message);
                     else
                         recordFailure(job, fromDb(e.error));
                 });
}

// An open publication whose outcome is unknown: read back first, then send at most once more.
void DraftPublisher::resolveOpen(const JobPtr &job, const Publication &open)
{
    job->publication = open;
    job->key = open.attemptKey;
    job->sends = 1;   // it may have been sent once already
    buildRequest(*job);
    readBack(job, [this, job](std::optional<Found> found, std::optional<GitHubError> error) {
        if (found) {
            record(job, true, found->id, found->url);
            return;
        }
        if (error) {
            PublishOutcome outcome;
            outcome.error = PublishError{u"unknown_outcome"_s, error->httpStatus(),
                                         u"Draft #%1 may have been published; reading GitHub back failed: %2"_s
                                             .arg(job->draftId).arg(error->text())};
            finish(job, std::move(outcome));
            return;
        }
        if (job->target.status != u"draft"_s) {
            // Not on GitHub and no longer a draft (discarded meanwhile): never send it now.
            recordFailure(job, PublishError{u"not_draft"_s, 0,
                                            u"Draft #%1 is %2 now and was not found on GitHub: not sent again."_s
                                                .arg(job->draftId).arg(job->target.status)});
            return;
        }
        send(job);
    });
}

void DraftPublisher::send(const JobPtr &job)
{
    ++job->sends;
    auto handle = [this, job](qint64 id, const QString &url) { record(job, false, id, url); };
    if (job->isPull()) {
        NewPullRequest pull;
        pull.title = job->target.title;
        pull.head = job->target.head;
        pull.base = job->target.base;
        pull.body = job->body();
        m_github->createPullRequest(job->repo, pull, this, [this, job, handle](std::expected<PullRequest, GitHubError> created) {
            if (created)
                handle(created->id, created->htmlUrl);
            else
                sendFailed(job, created.error());
        });
    } else {
        m_github->createIssueComment(job->repo, job->target.githubIssueId, job->body(), this,
                                     [this, job, handle](std::expected<IssueComment, GitHubError> created) {
                                         if (created)
                                             handle(created->id, created->htmlUrl);
                                         else
                                             sendFailed(job, created.error());
                                     });
    }
}

void DraftPublisher::sendFailed(const JobPtr &job, const GitHubError &error)
{
    if (job->isPull() && pullAlreadyExists(error)) {
        readBack(job, [this, job, error](std::optional<Found> found, std::optional<GitHubError> readError) {
            if (found)
                record(job, true, found->id, found->url);
            else
                recordFailure(job, fromGitHub(readError ? *readError : error));
        });
        return;
    }
    if (definiteFailure(error)) {
        recordFailure(job, fromGitHub(error));
        return;
    }
    afterUnknown(job, error);
}

void DraftPublisher::afterUnknown(const JobPtr &job, const GitHubError &cause)
{
    readBack(job, [this, job, cause](std::optional<Found> found, std::optional<GitHubError> error) {
        if (found) {
            record(job, true, found->id, found->url);
            return;
        }
        if (!error && job->sends < 2) {
            send(job);
            return;
        }
        // Still unknown: the publication stays open for reconcile().
        PublishOutcome outcome;
        const GitHubError &last = error ? *error : cause;
        outcome.error = PublishError{u"unknown_outcome"_s, last.httpStatus(),
                                     u"GitHub did not confirm draft #%1 (%2); it stays open for reconciliation."_s
                                         .arg(job->draftId).arg(last.text())};
        finish(job, std::move(outcome));
    });
}

void DraftPublisher::readBack(const JobPtr &job, ReadBack done)
{
    if (job->isPull()) {
        m_github->listPullsByHead(job->repo, job->repo.owner, job->target.head, this,
                                  [job, done](std::expected<QList<PullRequest>, GitHubError> pulls) {
                                      if (!pulls) {
                                          done(std::nullopt, pulls.error());
                                          return;
                                      }
                                      const QString mark = marker(job->key);
                                      const PullRequest *best = nullptr;
                                      for (const PullRequest &p : *pulls) {
                                          if (p.body && p.body->contains(mark)) {
                                              best = &p;
                                              break;
                                          }
                                          if (!best || (p.state == IssueState::Open && best->state != IssueState::Open))
                                              best = &p;
                                      }
                                      if (best)
                                          done(Found{best->id, best->htmlUrl}, std::nullopt);
                                      else
                                          done(std::nullopt, std::nullopt);
                                  });
        return;
    }
    if (!m_botLogin.isEmpty()) {
        readBackComments(job, m_botLogin, std::move(done));
        return;
    }
    m_github->getApp(this, [this, job, done](std::expected<App, GitHubError> app) {
        if (!app) {
            done(std::nullopt, app.error());
            return;
        }
        if (!app->slug || app->slug->isEmpty()) {
            done(std::nullopt, GitHubError::local(GitHubError::Kind::Api, u"GitHub did not tell the App's slug."_s));
            return;
        }
        m_botLogin = *app->slug + u"[bot]"_s;
        readBackComments(job, m_botLogin, done);
    });
}

void DraftPublisher::readBackComments(const JobPtr &job, const QString &botLogin, ReadBack done)
{
    m_github->listIssueComments(job->repo, job->target.githubIssueId, this,
                                [job, botLogin, done](std::expected<QList<IssueComment>, GitHubError> comments) {
                                    if (!comments) {
                                        done(std::nullopt, comments.error());
                                        return;
                                    }
                                    const QString mark = marker(job->key);
                                    for (const IssueComment &c : *comments) {
                                        if (c.user && c.user->login == botLogin && c.body && c.body->contains(mark)) {
                                            done(Found{c.id, c.htmlUrl}, std::nullopt);
                                            return;
                                        }
                                    }
                                    done(std::nullopt, std::nullopt);
                                });
}

void DraftPublisher::record(const JobPtr &job, bool adopted, qint64 githubId, const QString &url)
{
    if (m_beforeRecord)
        m_beforeRecord();
    whenFinished(this, m_store->complete(job->publication->id, adopted ? u"adopted"_s : u"published"_s, githubId, url),
                 [this, job, adopted, githubId, url](std::expected<bool, DbError> done) {
                     PublishOutcome outcome;
                     outcome.url = url;
                     outcome.githubId = githubId;
                     if (!done) {
                         outcome.kind = PublishOutcome::Kind::Failed;
                         outcome.error = PublishError{
                             u"database"_s, 0,
                             u"Draft #%1 is on GitHub (%2) but recording that failed (reconciliation will): %3"_s
                                 .arg(job->draftId).arg(url, done.error().message)};
                     } else {
                         outcome.kind = adopted ? PublishOutcome::Kind::Adopted : PublishOutcome::Kind::Published;
                     }
                     finish(job, std::move(outcome));
                 });
}

void DraftPublisher::recordFailure(const JobPtr &job, const PublishError &error)
{
    PublishOutcome outcome;
    outcome.kind = PublishOutcome::Kind::Failed;
    outcome.error = error;
    if (!job->publication || job->publication->state != u"open"_s) {
        finish(job, std::move(outcome));
        return;
    }
    whenFinished(this, m_store->fail(job->publication->id, dump(errorJson(error))),
                 [this, job, outcome](std::expected<void, DbError>) mutable { finish(job, std::move(outcome)); });
}

void DraftPublisher::refuse(const JobPtr &job, const QString &kind, const QString &message, int status)
{
    PublishOutcome outcome;
    outcome.kind = PublishOutcome::Kind::Refused;
    outcome.error = PublishError{kind, status, message};
    finish(job, std::move(outcome));
}

void DraftPublisher::finish(const JobPtr &job, PublishOutcome outcome)
{
    outcome.draftId = job->draftId;
    if (outcome.request.isEmpty())
        outcome.request = job->request;
    if (job->context && job->done)
        job->done(std::move(outcome));
}

void DraftPublisher::reconcile(QObject *context, std::function<void(QList<PublishOutcome>)> done,
                               std::chrono::seconds minimumAge)
{
    auto run = std::make_shared<ReconcileRun>();
    run->context = context;
    run->done = std::move(done);
    whenFinished(this, m_store->listOpen(minimumAge), [this, run](std::expected<QList<Publication>, DbError> open) {
        if (!open) {
            PublishOutcome outcome;
            outcome.error = fromDb(open.error());
            run->outcomes.append(outcome);
            if (run->context)
                run->done(run->outcomes);
            return;
        }
        run->open = std::move(*open);
        reconcileNext(run);
    });
}

void DraftPublisher::reconcileNext(std::shared_ptr<ReconcileRun> run)
{
    if (run->open.isEmpty()) {
        if (run->context)
            run->done(run->outcomes);
        return;
    }
    const Publication open = run->open.takeFirst();
    auto job = std::make_shared<Job>();
    job->draftId = open.draftId;
    job->context = this;
    job->reconciling = true;
    job->done = [this, run](PublishOutcome outcome) {
        run->outcomes.append(std::move(outcome));
        reconcileNext(run);
    };
    whenFinished(this, m_store->loadTarget(open.draftId), [this, job, open](std::expected<PublicationTarget, DbError> target) {
        job->publication = open;
        if (!target) {
            recordFailure(job, fromDb(target.error()));
            return;
        }
        job->target = std::move(*target);
        job->target.contentType = open.kind;
        auto repo = RepoRef::parse(job->target.githubRepo);
        if (!repo) {
            recordFailure(job, PublishError{u"unsupported"_s, 0, u"Draft #%1's repository is not owner/name."_s.arg(job->draftId)});
            return;
        }
        job->repo = *repo;
        resolveOpen(job, open);
    });
}
