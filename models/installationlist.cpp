#include "installationlist.h"

#include <QSqlError>
#include <QSqlQuery>

#include "listcell.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kFrom = R"(github_app_installations i)";
constexpr auto kId = R"(i.id)";
constexpr auto kSelect = R"(i.id, i.github_installation_id, i.account_name, i.account_type,
    (SELECT count(*) FROM user_installations m WHERE m.installation_id = i.id), CAST(i.created_at AS text))";
constexpr auto kAccounts = R"(SELECT github_installation_id, account_name, account_type
    FROM github_app_installations ORDER BY id)";
constexpr auto kSearch = R"(i.account_name ILIKE '%' || CAST(:search AS text) || '%')";

} // namespace

InstallationList::Row InstallationList::Row::decode(const QSqlQuery &query, int first)
{
    Row row;
    row.id = query.value(first).toLongLong();
    row.githubInstallationId = query.value(first + 1).toString();
    row.accountName = query.value(first + 2).toString();
    row.accountType = query.value(first + 3).toString();
    row.members = query.value(first + 4).toInt();
    row.created = PgTimestamp::fromText(query.value(first + 5).toString());
    return row;
}

QVariant InstallationList::Row::data(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return ListCell::alignment(column == Members);
    if (!ListCell::carriesValue(role))
        return {};
    switch (column) {
    case GithubInstallationId: return githubInstallationId;
    case AccountName: return accountName;
    case AccountType: return accountType;
    case Members: return members;
    case Created: return ListCell::time(created, role);
    default: return {};
    }
}

ListDefinition InstallationList::definition()
{
    ListDefinition def;
    def.name = u"installations"_s;
    def.from = QString::fromLatin1(kFrom);
    def.idExpression = QString::fromLatin1(kId);
    def.selectList = QString::fromLatin1(kSelect);
    def.estimateTable = u"github_app_installations"_s;
    def.columns = {
        {u"Installation id"_s, {}, {}, 14},
        {u"Account"_s, u"i.account_name"_s, u"text"_s, 24},
        {u"Type"_s, {}, {}, 13},
        {u"Members"_s, {}, {}, 9},
        {u"Created"_s, u"i.created_at"_s, u"timestamptz"_s, 19},
    };
    def.defaultSortColumn = Created;
    def.defaultSortOrder = Qt::DescendingOrder;
    def.makeBlock = [] { return std::make_unique<RowVector<Row>>(); };
    def.compileFilter = [](const QVariantMap &filters) { return CompiledFilter::search(filters, kSearch); };
    return def;
}

std::expected<QList<InstallationList::Account>, DbError> InstallationList::accounts(QSqlDatabase db)
{
    const QString context = u"read the installations"_s;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromLatin1(kAccounts)) || !q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    QList<Account> accounts;
    while (q.next())
        accounts.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    if (q.lastError().isValid())
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    return accounts;
}
