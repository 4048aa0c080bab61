#pragma once

#include <QDateTime>
#include <QFuture>
#include <QList>

#include <expected>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

struct InstallationMember
{
    qint64 userId = 0;
    QString githubId;
    QString permissionLevel;
    QDateTime memberSince;
};

struct InstallationDetail
{
    qint64 id = 0;
    QString githubInstallationId;
    QString accountName;
    QString accountType;
    QDateTime createdAt;
    QList<InstallationMember> members;   // by GitHub id (numerically, as GitHub ids are digits)
};

// Reads one GitHub App installation with its members, on its own thread and connection. A missing
// installation is DbError::Kind::NotFound. Consume the futures with whenFinished().
class InstallationDetailStore
{
public:
    explicit InstallationDetailStore(ConnectionFactory factory);

    QFuture<std::expected<InstallationDetail, DbError>> loadInstallation(qint64 id);

private:
    ConnectionThread m_thread;
};
