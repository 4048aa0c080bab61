#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>
#include <utility>

// The planner's row estimate of an `EXPLAIN (FORMAT JSON) ...` statement with named placeholders.
// QPSQL cannot prepare EXPLAIN, so this binds the values through libpq's extended protocol on the
// connection's own handle. Call on the thread that owns `db`, with no other query active on it.
class PlanEstimate
{
public:
    static std::optional<qint64> rows(const QSqlDatabase &db, const QString &explainSql,
                                      const QList<std::pair<QString, QVariant>> &binds);
};
