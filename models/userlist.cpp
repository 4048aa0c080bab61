#include "userlist.h"

#include <QSqlQuery>

#include "listcell.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kFrom = R"(users u)";
constexpr auto kId = R"(u.id)";
constexpr auto kSelect = R"(u.id, u.github_id, u.stripe_customer_id, CAST(u.created_at AS text),
    (SELECT count(*) FROM user_installations m WHERE m.user_id = u.id),
    (SELECT count(*) FROM draft_content d WHERE d.user_id = u.id AND d.status = 'draft'))";
constexpr auto kSearch = R"((u.github_id LIKE CAST(:search AS text) || '%'
    OR u.stripe_customer_id LIKE CAST(:search AS text) || '%'))";

} // namespace

UserList::Row UserList::Row::decode(const QSqlQuery &query, int first)
{
    Row row;
    row.id = query.value(first).toLongLong();
    row.githubId = query.value(first + 1).toString();
    row.stripeId = query.value(first + 2).toString();
    row.created = PgTimestamp::fromText(query.value(first + 3).toString());
    row.installations = query.value(first + 4).toInt();
    row.openDrafts = query.value(first + 5).toInt();
    return row;
}

QVariant UserList::Row::data(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return ListCell::alignment(column == Installations || column == OpenDrafts);
    if (!ListCell::carriesValue(role))
        return {};
    switch (column) {
    case GithubId: return githubId;
    case StripeId: return stripeId;
    case Created: return ListCell::time(created, role);
    case Installations: return installations;
    case OpenDrafts: return openDrafts;
    default: return {};
    }
}

ListDefinition UserList::definition()
{
    ListDefinition def;
    def.name = u"users"_s;
    def.from = QString::fromLatin1(kFrom);
    def.idExpression = QString::fromLatin1(kId);
    def.selectList = QString::fromLatin1(kSelect);
    def.estimateTable = u"users"_s;
    def.columns = {
        {u"GitHub id"_s, u"u.github_id"_s, u"text"_s, 12},
        {u"Stripe customer"_s, {}, {}, 22},
        {u"Created"_s, u"u.created_at"_s, u"timestamptz"_s, 19},
        {u"Installations"_s, {}, {}, 11},
        {u"Open drafts"_s, {}, {}, 11},
    };
    def.defaultSortColumn = Created;
    def.defaultSortOrder = Qt::DescendingOrder;
    def.makeBlock = [] { return std::make_unique<RowVector<Row>>(); };
    def.compileFilter = [](const QVariantMap &filters) { return CompiledFilter::search(filters, kSearch); };
    return def;
}
