#include "listquery.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kPage = R"(SELECT CAST(%1 AS text), %2, %3 FROM %4%5 ORDER BY %6 LIMIT :page_limit)";
// The skipped rows are only read (index-only when the order's index covers them), never cast to text.
constexpr auto kAnchor = R"(SELECT CAST(a.k AS text), a.i FROM
    (SELECT %1 AS k, %2 AS i FROM %3%4 ORDER BY %5 OFFSET :page_offset LIMIT 1) AS a)";
constexpr auto kCappedCount = R"(SELECT count(*) FROM (SELECT 1 FROM %1%2 LIMIT :count_cap) AS capped)";
constexpr auto kExactCount = R"(SELECT count(*) FROM %1%2)";
constexpr auto kEstimate = R"(EXPLAIN (FORMAT JSON) SELECT 1 FROM %1%2)";
constexpr auto kExport = R"(SELECT %1 FROM %2%3 ORDER BY %4)";
constexpr auto kReltuples = R"(SELECT reltuples FROM pg_class WHERE oid = to_regclass(:table))";
constexpr auto kKeyComparison = R"((%1, %2) %3 (CAST(:key_value AS %4), :key_id))";

} // namespace

ListQuery::ListQuery(std::shared_ptr<const ListDefinition> definition, const QVariantMap &filters,
                     int sortColumn, Qt::SortOrder order)
    : m_definition(std::move(definition))
    , m_order(order)
{
    m_filter = m_definition->compileFilter ? m_definition->compileFilter(filters) : CompiledFilter{};
    if (sortColumn < 0 || sortColumn >= m_definition->columns.size()
        || m_definition->columns.at(sortColumn).sortExpression.isEmpty())
        sortColumn = m_definition->defaultSortColumn;
    m_sortColumn = sortColumn;
    const ListColumn &column = m_definition->columns.at(sortColumn);
    m_sortExpression = column.sortExpression.isEmpty() ? m_definition->idExpression : column.sortExpression;
    m_sortType = column.sortType.isEmpty() ? u"bigint"_s : column.sortType;
}

QString ListQuery::whereClause(const QString &extra) const
{
    QStringList all = m_filter.predicates;
    if (!extra.isEmpty())
        all.append(extra);
    if (all.isEmpty())
        return {};
    return u" WHERE "_s + all.join(u" AND "_s);
}

QString ListQuery::orderClause(bool reversed) const
{
    const bool descending = (m_order == Qt::DescendingOrder) != reversed;
    const QString direction = descending ? u"DESC"_s : u"ASC"_s;
    return m_sortExpression + u' ' + direction + u", "_s + m_definition->idExpression + u' ' + direction;
}

QString ListQuery::keyComparison(bool reversed) const
{
    const bool descending = (m_order == Qt::DescendingOrder) != reversed;
    return QString::fromLatin1(kKeyComparison)
        .arg(m_sortExpression, m_definition->idExpression, descending ? u"<"_s : u">"_s, m_sortType);
}

QString ListQuery::pageSql(Direction direction, bool afterKey) const
{
    const bool reversed = direction == Direction::Backward;
    return QString::fromLatin1(kPage).arg(
        m_sortExpression, m_definition->idExpression, m_definition->selectList, m_definition->from,
        whereClause(afterKey ? keyComparison(reversed) : QString()), orderClause(reversed));
}

QString ListQuery::anchorSql(Direction direction, bool afterKey) const
{
    const bool reversed = direction == Direction::Backward;
    return QString::fromLatin1(kAnchor).arg(m_sortExpression, m_definition->idExpression, m_definition->from,
                                            whereClause(afterKey ? keyComparison(reversed) : QString()),
                                            orderClause(reversed));
}

QString ListQuery::cappedCountSql() const
{
    return QString::fromLatin1(kCappedCount).arg(m_definition->from, whereClause());
}

QString ListQuery::exactCountSql() const
{
    return QString::fromLatin1(kExactCount).arg(m_definition->from, whereClause());
}

QString ListQuery::estimateSql() const
{
    return QString::fromLatin1(kEstimate).arg(m_definition->from, whereClause());
}

QString ListQuery::exportSql() const
{
    return QString::fromLatin1(kExport).arg(m_definition->selectList, m_definition->from,
                                            whereClause(), orderClause(false));
}

QString ListQuery::reltuplesSql()
{
    return QString::fromLatin1(kReltuples);
}

void ListQuery::bindFilter(QSqlQuery &query) const
{
    for (const auto &[name, value] : m_filter.binds)
        query.bindValue(name, value);
}

void ListQuery::bindKey(QSqlQuery &query, const PageKey &key)
{
    query.bindValue(u":key_value"_s, key.sortValue);
    query.bindValue(u":key_id"_s, key.id);
}
