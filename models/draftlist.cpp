#include "draftlist.h"

#include <QDate>
#include <QLocale>
#include <QSqlQuery>
#include <QTimeZone>

#include "listcell.h"

using namespace Qt::StringLiterals;

namespace {

// draft_content alone, with the user's GitHub id looked up per row and the user filter as a subquery:
// with a join, PostgreSQL cannot answer the anchor and count queries from the (status, created_at, id)
// index alone (user_id stays "needed" even when the join is removed), which made far jumps 20x slower.
constexpr auto kFrom = R"(draft_content d)";
constexpr auto kId = R"(d.id)";
constexpr auto kSelect = R"(d.id, d.status, d.content_type, d.github_repo, d.github_issue_id,
    (SELECT u.github_id FROM users u WHERE u.id = d.user_id),
    d.created_at, d.updated_at, left(ltrim(split_part(d.content, E'\n', 1), '#> '), 200))";
constexpr auto kStatus = R"(d.status = :status)";
constexpr auto kType = R"(d.content_type = :type)";
// A case-insensitive prefix of 'owner/name' (so an owner alone, or part of it, matches too), served by
// the lower(github_repo) text_pattern_ops index of migration 011.
constexpr auto kRepositoryPrefix = R"(lower(d.github_repo) LIKE lower(CAST(:repository AS text)) || '%')";
constexpr auto kUser = R"(d.user_id = (SELECT u.id FROM users u WHERE u.github_id = :user))";
constexpr auto kCreatedFrom = R"(d.created_at >= :created_from)";
constexpr auto kCreatedTo = R"(d.created_at < :created_to)";
// The content or a pull request's title, each through its trigram index (a bitmap OR).
constexpr auto kSearch = R"((d.content ILIKE '%' || CAST(:search AS text) || '%'
    OR d.metadata ->> 'title' ILIKE '%' || CAST(:search AS text) || '%'))";

QDateTime startOfDay(const QDate &date)
{
    return date.startOfDay(QTimeZone::systemTimeZone());
}

} // namespace

DraftList::Row DraftList::Row::decode(const QSqlQuery &query, int first)
{
    Row row;
    row.id = query.value(first).toLongLong();
    row.status = query.value(first + 1).toString();
    row.type = query.value(first + 2).toString();
    row.repository = query.value(first + 3).toString();
    row.issue = query.value(first + 4).toInt();
    row.userGithubId = query.value(first + 5).toString();
    row.created = query.value(first + 6).toDateTime();
    row.updated = query.value(first + 7).toDateTime();
    row.firstLine = query.value(first + 8).toString();
    return row;
}

QVariant DraftList::Row::data(int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return ListCell::alignment(column == Id || column == Issue);
    if (!ListCell::carriesValue(role))
        return {};
    switch (column) {
    case Id: return id;
    case Status: return status;
    case Type: return type;
    case Repository: return repository;
    case Issue: return issue;
    case User: return userGithubId;
    case Created: return ListCell::time(created, role);
    case Updated: return ListCell::time(updated, role);
    case FirstLine: return firstLine;
    default: return {};
    }
}

ListDefinition DraftList::definition()
{
    ListDefinition def;
    def.name = u"drafts"_s;
    def.from = QString::fromLatin1(kFrom);
    def.idExpression = QString::fromLatin1(kId);
    def.selectList = QString::fromLatin1(kSelect);
    def.estimateTable = u"draft_content"_s;
    def.columns = {
        {u"Id"_s, u"d.id"_s, u"bigint"_s, 8},
        {u"Status"_s, {}, {}, 8},
        {u"Type"_s, {}, {}, 10},
        {u"Repository"_s, {}, {}, 20},
        {u"Issue"_s, {}, {}, 5},
        {u"User"_s, {}, {}, 9},
        {u"Created"_s, u"d.created_at"_s, u"timestamptz"_s, 19},
        {u"Updated"_s, {}, {}, 19, false},
        {u"First line"_s, {}, {}},
    };
    def.defaultSortColumn = Created;
    def.defaultSortOrder = Qt::DescendingOrder;
    def.defaultFilters = {{u"status"_s, u"draft"_s}};
    def.makeBlock = [] { return std::make_unique<RowVector<Row>>(); };
    def.compileFilter = [](const QVariantMap &filters) {
        CompiledFilter compiled;
        auto text = [&filters](const QString &key) -> QString { return filters.value(key).toString().trimmed(); };
        auto add = [&compiled](const char *predicate, const QString &name, const QVariant &value) {
            compiled.predicates.append(QString::fromLatin1(predicate));
            compiled.binds.append({name, value});
        };
        if (const QString status = text(u"status"_s); !status.isEmpty())
            add(kStatus, u":status"_s, status);
        if (const QString type = text(u"type"_s); !type.isEmpty())
            add(kType, u":type"_s, type);
        if (const QString repository = text(u"repository"_s); !repository.isEmpty())
            add(kRepositoryPrefix, u":repository"_s, CompiledFilter::escapeLike(repository));
        if (const QString user = text(u"user"_s); !user.isEmpty())
            add(kUser, u":user"_s, user);
        if (const QDate from = filters.value(u"createdFrom"_s).toDate(); from.isValid())
            add(kCreatedFrom, u":created_from"_s, startOfDay(from));
        if (const QDate to = filters.value(u"createdTo"_s).toDate(); to.isValid())
            add(kCreatedTo, u":created_to"_s, startOfDay(to.addDays(1)));
        if (const QString term = filters.value(u"search"_s).toString(); !term.isEmpty()) {
            if (term.size() < kMinimumSearchLength)
                compiled.hint = u"Type at least %1 characters to search the drafts' content and titles."_s.arg(kMinimumSearchLength);
            else
                add(kSearch, u":search"_s, CompiledFilter::escapeLike(term));
        }
        return compiled;
    };
    return def;
}
