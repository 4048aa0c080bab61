#pragma once

#include <QDateTime>
#include <QFuture>

#include <expected>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

struct DraftDetail
{
    qint64 id = 0;
    qint64 userId = 0;
    QString userGithubId;
    QString workflowRunId;
    QString contentType;
    qint32 githubIssueId = 0;
    QString githubRepo;
    QString content;
    QString metadata;       // JSONB as PostgreSQL wrote it (never passed through doubles)
    QString status;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// Reads whole drafts on the store's own thread and connection (opened through the factory on
// first use). A missing draft is DbError::Kind::NotFound. Consume the futures with whenFinished().
class DraftStore
{
public:
    explicit DraftStore(ConnectionFactory factory);

    QFuture<std::expected<DraftDetail, DbError>> loadDraft(qint64 id);

private:
    ConnectionThread m_thread;
};
