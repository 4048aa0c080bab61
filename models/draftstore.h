#pragma once

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QThread>

#include <expected>

#include "connectionfactory.h"
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

// Reads whole drafts. Queries run on the store's own thread and connection (opened through the
// factory on first use); results come back as futures, to be consumed with whenFinished().
class DraftStore : public QObject
{
    Q_OBJECT

public:
    explicit DraftStore(ConnectionFactory factory, QObject *parent = nullptr);
    ~DraftStore() override;

    QFuture<std::expected<DraftDetail, DbError>> loadDraft(qint64 id);

private:
    ConnectionFactory m_factory;
    QThread m_thread;
    QObject *m_context = nullptr;   // lives on m_thread, owns the connection
};
