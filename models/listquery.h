#pragma once

#include <QString>
#include <QVariantMap>

#include <memory>

#include "listdefinition.h"

class QSqlQuery;

// The last (or first) row of a page: where the next keyset page starts.
struct PageKey
{
    QString sortValue;   // the sort expression as text (exact, e.g. microsecond timestamps)
    qint64 id = 0;
};

// A list definition with one filter and sort: the SQL of its pages, anchors, counts and export.
// Immutable and cheap to copy; safe to hand to a worker thread.
class ListQuery
{
public:
    enum class Direction { Forward, Backward };  // in display order, or against it

    ListQuery() = default;
    ListQuery(std::shared_ptr<const ListDefinition> definition, const QVariantMap &filters,
              int sortColumn, Qt::SortOrder order);

    const ListDefinition &definition() const { return *m_definition; }
    const CompiledFilter &filter() const { return m_filter; }
    bool isFiltered() const { return !m_filter.predicates.isEmpty(); }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order; }

    // Columns: sort key text, id, then the definition's select list. Binds :page_limit and,
    // with a key, :key_value and :key_id (rows strictly after the key in `direction`).
    QString pageSql(Direction direction, bool afterKey) const;
    // Key of the row :page_offset rows on in `direction` (after the bound key, with afterKey).
    QString anchorSql(Direction direction, bool afterKey) const;
    QString cappedCountSql() const;  // :count_cap
    QString exactCountSql() const;
    QString estimateSql() const;     // EXPLAIN (FORMAT JSON)
    QString exportSql() const;       // the select list only, display order, no limit
    static QString reltuplesSql();   // :table

    void bindFilter(QSqlQuery &query) const;
    static void bindKey(QSqlQuery &query, const PageKey &key);

private:
    QString whereClause(const QString &extra = {}) const;
    QString orderClause(bool reversed) const;
    QString keyComparison(bool reversed) const;

    std::shared_ptr<const ListDefinition> m_definition;
    CompiledFilter m_filter;
    int m_sortColumn = 0;
    Qt::SortOrder m_order = Qt::DescendingOrder;
    QString m_sortExpression;
    QString m_sortType;
};
