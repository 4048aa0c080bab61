#pragma once

#include <QDateTime>
#include <QFuture>
#include <QList>

#include <expected>
#include <optional>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

struct UserMembership
{
    qint64 installationId = 0;
    QString githubInstallationId;
    QString accountName;
    QString accountType;
    QString permissionLevel;
};

struct UserPreferenceRow
{
    qint64 id = 0;
    std::optional<bool> autoPublishComments;   // nullopt: NULL
    std::optional<bool> autoPublishPrs;
    std::optional<bool> testingMode;
    QString notificationSettings;   // jsonb_pretty() of the JSONB, never parsed here; null: NULL
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct UserDetail
{
    qint64 id = 0;
    QString githubId;
    QString stripeCustomerId;
    QDateTime createdAt;
    QList<UserMembership> installations;
    QList<UserPreferenceRow> preferences;     // by id; a user may have none or several
    QList<std::pair<QString, qint64>> draftsByStatus;   // status (empty: NULL) and count
};

// Reads one user with their memberships, preferences and draft counts, on its own thread and
// connection. A missing user is DbError::Kind::NotFound. Consume the futures with whenFinished().
class UserDetailStore
{
public:
    explicit UserDetailStore(ConnectionFactory factory);

    QFuture<std::expected<UserDetail, DbError>> loadUser(qint64 id);

private:
    ConnectionThread m_thread;
};
