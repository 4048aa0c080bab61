#include "auditlist.h"

#include <QSqlQuery>

#include "auditstore.h"
#include "listcell.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kFrom = R"(audit_log a)";
constexpr auto kId = R"(a.id)";
// %1: AuditStore::recordNameExpression(), evaluated only for the rows of the page.
constexpr auto kSelect = R"(a.id,
    to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    a.login, a.role, a.table_name, a.row_key::text, a.operation,
    (SELECT string_agg(k, ', ' ORDER BY k)
       FROM jsonb_object_keys(CASE WHEN a.operation = 'UPDATE' THEN coalesce(a.after, '{}') ELSE '{}' END) k),
    array_to_string(a.staff_roles, ','), coalesce(a.application_name, ''),
    %1)";
constexpr auto kTable = R"(a.table_name = CAST(:table AS text))";
constexpr auto kRowKey = R"(a.row_key = CAST(:row_key AS jsonb))";
constexpr auto kLogin = R"(a.login = CAST(:login AS text))";
constexpr auto kFromTime = R"(a.at >= CAST(:from_time AS timestamptz))";
constexpr auto kToTime = R"(a.at < CAST(:to_time AS timestamptz))";

} // namespace

AuditList::Row AuditList::Row::decode(const QSqlQuery &query, int first)
{
    Row row;
    row.id = query.value(first).toLongLong();
    row.at = QDateTime::fromString(query.value(first + 1).toString(), Qt::ISODateWithMs);
    row.login = query.value(first + 2).toString();
    row.actingRole = query.value(first + 3).toString();
    row.table = query.value(first + 4).toString();
    row.rowKey = query.value(first + 5).toString();
    row.operation = query.value(first + 6).toString();
    row.changed = query.value(first + 7).toString();
    row.staffRoles = AuditStore::staffRolesText(query.value(first + 8).toString().split(u',', Qt::SkipEmptyParts));
    row.source = AuditStore::sourceLabel(query.value(first + 9).toString());
    row.record = query.value(first + 10).toString();
    return row;
}

QVariant AuditList::Row::data(int column, int role) const
{
    if (!ListCell::carriesValue(role))
        return {};
    switch (column) {
    case When: return ListCell::time(at, role);
    case Login: return login;
    case Role:
        if (role == Qt::ToolTipRole)
            return u"Staff roles in effect: %1 (as %2)"_s.arg(staffRoles.isEmpty() ? u"none"_s : staffRoles, actingRole);
        return staffRoles.isEmpty() ? u"—"_s : staffRoles;
    case Table: return table;
    case RowKey: return rowKey;
    case Record: return role == Qt::ToolTipRole ? QVariant(u"%1 %2"_s.arg(table, rowKey)) : QVariant(record);
    case Operation: return operation;
    case Changed: return changed;
    case Source: return source;
    default: return {};
    }
}

ListDefinition AuditList::definition()
{
    ListDefinition def;
    def.name = u"audit"_s;
    def.from = QString::fromLatin1(kFrom);
    def.idExpression = QString::fromLatin1(kId);
    def.selectList = QString::fromUtf8(kSelect).arg(AuditStore::recordNameExpression());
    def.estimateTable = u"audit_log"_s;
    def.columns = {
        {u"When"_s, u"a.at"_s, u"timestamptz"_s, 19},
        {u"Login"_s, {}, {}, 13},
        {u"Role"_s, {}, {}, 13},
        {u"Table"_s, {}, {}, 14, false},
        {u"Row"_s, {}, {}, 16, false},
        {u"Record"_s, {}, {}, 30},
        {u"Operation"_s, {}, {}, 7},
        {u"Changed columns"_s, {}, {}, 24},
        {u"Made by"_s, {}, {}},
    };
    def.defaultSortColumn = When;
    def.defaultSortOrder = Qt::DescendingOrder;
    def.makeBlock = [] { return std::make_unique<RowVector<Row>>(); };
    def.compileFilter = [](const QVariantMap &filters) {
        CompiledFilter compiled;
        auto add = [&compiled](const char *predicate, const QString &name, const QVariant &value) {
            compiled.predicates.append(QString::fromLatin1(predicate));
            compiled.binds.append({name, value});
        };
        const auto text = [&filters](const QString &key) -> QString { return filters.value(key).toString().trimmed(); };
        if (const QString table = text(u"table"_s); !table.isEmpty())
            add(kTable, u":table"_s, table);
        if (const QString rowKey = text(u"rowKey"_s); !rowKey.isEmpty())
            add(kRowKey, u":row_key"_s, rowKey);
        if (const QString login = text(u"login"_s); !login.isEmpty())
            add(kLogin, u":login"_s, login);
        if (const QDateTime from = filters.value(u"from"_s).toDateTime(); from.isValid())
            add(kFromTime, u":from_time"_s, from.toUTC());
        if (const QDateTime to = filters.value(u"to"_s).toDateTime(); to.isValid())
            add(kToTime, u":to_time"_s, to.toUTC());
        return compiled;
    };
    return def;
}
