#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

class QSqlQuery;

// One decoded page of a list: compact row structs, immutable once the worker hands it over.
class RowBlock
{
public:
    virtual ~RowBlock() = default;
    virtual void append(const QSqlQuery &query, int firstColumn) = 0;  // decodes the current row
    virtual void reverse() = 0;
    virtual int size() const = 0;
    virtual qint64 id(int row) const = 0;
    virtual QVariant data(int row, int column, int role) const = 0;
};

// RowBlock over a vector of Row, where Row has `static Row decode(const QSqlQuery &, int first)`,
// `qint64 id` and `QVariant data(int column, int role) const`.
template <typename Row>
class RowVector final : public RowBlock
{
public:
    void append(const QSqlQuery &query, int firstColumn) override { m_rows.push_back(Row::decode(query, firstColumn)); }
    void reverse() override { std::reverse(m_rows.begin(), m_rows.end()); }
    int size() const override { return int(m_rows.size()); }
    qint64 id(int row) const override { return m_rows[size_t(row)].id; }
    QVariant data(int row, int column, int role) const override { return m_rows[size_t(row)].data(column, role); }

private:
    std::vector<Row> m_rows;
};

struct ListColumn
{
    QString title;
    QString sortExpression;  // empty: not sortable; else an indexed expression, ordered with the id
    QString sortType;        // SQL type the key's text is cast back to ("timestamptz", "bigint", "text")
    int widthChars = 0;      // default width in digits; 0: takes the remaining width
    bool shownByDefault = true;
};

// Filters compiled to SQL predicates over named placeholders; values are only ever bound.
struct CompiledFilter
{
    QStringList predicates;
    QList<std::pair<QString, QVariant>> binds;
    QString hint;            // non-empty: part of the filter was not applied; tell the user why

    // Escapes \ % _ so that a user's term matches literally in LIKE / ILIKE.
    static QString escapeLike(const QString &term)
    {
        QString escaped;
        escaped.reserve(term.size());
        for (const QChar c : term) {
            if (c == u'\\' || c == u'%' || c == u'_')
                escaped += u'\\';
            escaped += c;
        }
        return escaped;
    }

    // The filter of a list searched by one term: filters["search"], trimmed and LIKE-escaped, bound
    // as :search to `predicate`; nothing when the term is empty.
    static CompiledFilter search(const QVariantMap &filters, const char *predicate)
    {
        CompiledFilter compiled;
        if (const QString term = filters.value(QStringLiteral("search")).toString().trimmed(); !term.isEmpty()) {
            compiled.predicates.append(QString::fromLatin1(predicate));
            compiled.binds.append({QStringLiteral(":search"), escapeLike(term)});
        }
        return compiled;
    }
};

// What a paged list shows and how it is queried. All SQL fragments are constants of the list's
// own source file; values reach SQL only through compileFilter's binds.
struct ListDefinition
{
    QString name;                 // "drafts": connection purpose and settings key
    QString from;                 // FROM clause (tables, joins)
    QString idExpression;         // unique, NOT NULL id that breaks ties, e.g. "d.id"
    QString selectList;           // the row's columns, in the order Row::decode reads them
    QString estimateTable;        // table whose pg_class.reltuples estimates the unfiltered size
    QList<ListColumn> columns;
    int defaultSortColumn = 0;
    Qt::SortOrder defaultSortOrder = Qt::DescendingOrder;
    QVariantMap defaultFilters;
    std::function<CompiledFilter(const QVariantMap &filters)> compileFilter;
    std::function<std::unique_ptr<RowBlock>()> makeBlock;
};
