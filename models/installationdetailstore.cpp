#include "installationdetailstore.h"

#include "detailquery.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kLoadInstallation = R"(SELECT id, github_installation_id, account_name, account_type, created_at
    FROM github_app_installations WHERE id = :id)";
constexpr auto kInstallationMembers = R"(SELECT u.id, u.github_id, m.permission_level, m.created_at
    FROM user_installations m JOIN users u ON u.id = m.user_id
    WHERE m.installation_id = :id ORDER BY length(u.github_id), u.github_id, u.id)";

std::expected<InstallationDetail, DbError> readInstallation(const QSqlDatabase &db, qint64 id)
{
    DetailQuery installation(db, kLoadInstallation, id);
    if (!installation.exec(u"load installation %1"_s.arg(id)))
        return std::unexpected(installation.error());
    if (!installation.query().next())
        return std::unexpected(DbError{DbError::Kind::NotFound, u"This installation no longer exists."_s, {}, {}});
    const QSqlQuery &row = installation.query();
    InstallationDetail detail;
    detail.id = row.value(0).toLongLong();
    detail.githubInstallationId = row.value(1).toString();
    detail.accountName = row.value(2).toString();
    detail.accountType = row.value(3).toString();
    detail.createdAt = row.value(4).toDateTime();

    DetailQuery members(db, kInstallationMembers, id);
    if (!members.exec(u"load the members of installation %1"_s.arg(id)))
        return std::unexpected(members.error());
    while (members.query().next()) {
        const QSqlQuery &q = members.query();
        detail.members.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                               q.value(3).toDateTime()});
    }
    return detail;
}

} // namespace

InstallationDetailStore::InstallationDetailStore(ConnectionFactory factory)
    : m_thread(std::move(factory), u"installation detail"_s)
{
}

QFuture<std::expected<InstallationDetail, DbError>> InstallationDetailStore::loadInstallation(qint64 id)
{
    return m_thread.run<InstallationDetail>([id](const QSqlDatabase &db) { return readInstallation(db, id); });
}
