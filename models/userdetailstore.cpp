#include "userdetailstore.h"

#include <QSqlError>
#include <QSqlQuery>

#include "detailquery.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kLoadUser = R"(SELECT id, github_id, stripe_customer_id, created_at FROM users WHERE id = :id)";
constexpr auto kUserInstallations = R"(SELECT i.id, i.github_installation_id, i.account_name, i.account_type,
    m.permission_level
    FROM user_installations m JOIN github_app_installations i ON i.id = m.installation_id
    WHERE m.user_id = :id ORDER BY i.account_name, i.id)";
constexpr auto kUserPreferences = R"(SELECT id, auto_publish_comments, auto_publish_prs, testing_mode,
    jsonb_pretty(notification_settings), created_at, updated_at
    FROM user_preferences WHERE user_id = :id ORDER BY id)";
constexpr auto kUserDraftCounts = R"(SELECT coalesce(status, ''), count(*) FROM draft_content
    WHERE user_id = :id GROUP BY status ORDER BY status)";

std::optional<bool> optionalBool(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<bool>(value.toBool());
}

std::expected<UserDetail, DbError> readUser(const QSqlDatabase &db, qint64 id)
{
    DetailQuery user(db, kLoadUser, id);
    if (!user.exec(u"load user %1"_s.arg(id)))
        return std::unexpected(user.error());
    if (!user.query().next())
        return std::unexpected(DbError{DbError::Kind::NotFound, u"This user no longer exists."_s, {}, {}});
    UserDetail detail;
    detail.id = user.query().value(0).toLongLong();
    detail.githubId = user.query().value(1).toString();
    detail.stripeCustomerId = user.query().value(2).toString();
    detail.createdAt = user.query().value(3).toDateTime();

    DetailQuery memberships(db, kUserInstallations, id);
    if (!memberships.exec(u"load the installations of user %1"_s.arg(id)))
        return std::unexpected(memberships.error());
    while (memberships.query().next()) {
        const QSqlQuery &q = memberships.query();
        detail.installations.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                     q.value(3).toString(), q.value(4).toString()});
    }

    DetailQuery preferences(db, kUserPreferences, id);
    if (!preferences.exec(u"load the preferences of user %1"_s.arg(id)))
        return std::unexpected(preferences.error());
    while (preferences.query().next()) {
        const QSqlQuery &q = preferences.query();
        detail.preferences.append({q.value(0).toLongLong(), optionalBool(q.value(1)), optionalBool(q.value(2)),
                                   optionalBool(q.value(3)), q.value(4).toString(), q.value(5).toDateTime(),
                                   q.value(6).toDateTime()});
    }

    DetailQuery drafts(db, kUserDraftCounts, id);
    if (!drafts.exec(u"count the drafts of user %1"_s.arg(id)))
        return std::unexpected(drafts.error());
    while (drafts.query().next())
        detail.draftsByStatus.append({drafts.query().value(0).toString(), drafts.query().value(1).toLongLong()});
    return detail;
}

} // namespace

UserDetailStore::UserDetailStore(ConnectionFactory factory)
    : m_thread(std::move(factory), u"user detail"_s)
{
}

QFuture<std::expected<UserDetail, DbError>> UserDetailStore::loadUser(qint64 id)
{
    return m_thread.run<UserDetail>([id](const QSqlDatabase &db) { return readUser(db, id); });
}
