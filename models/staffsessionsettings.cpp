#include "staffsessionsettings.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kHasSettings = R"(
SELECT to_regprocedure('staff_apply_session_settings()') IS NOT NULL
)";

constexpr auto kApply = R"(
SELECT staff_apply_session_settings()
)";

constexpr auto kCurrentTimeout = R"(
SELECT current_setting('statement_timeout')
)";

} // namespace

std::expected<QString, DbError> StaffSessionSettings::apply(const QSqlDatabase &db)
{
    const QString context = u"apply the staff session limits"_s;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromUtf8(kHasSettings)) || !q.exec() || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    const bool present = q.value(0).toBool();
    q.finish();
    if (!q.prepare(QString::fromUtf8(present ? kApply : kCurrentTimeout)) || !q.exec() || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    return q.value(0).toString();
}
