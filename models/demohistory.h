#pragma once

#include <QSqlDatabase>
#include <QString>

#include <expected>

#include "connectionprofile.h"
#include "dberror.h"

// A few realistic edits made as the demo logins, so the Audit workspace and the History tabs of a
// freshly seeded demo (bulk-loaded without triggers) have something to show. Rows are chosen
// deterministically (lowest ids that qualify); nothing qualifying is no error. The edits carry the
// application_name AuditStore::kDemoSetUpApplication, so the audit log shows them as "demo set-up".
// Demo databases only. Use from the thread that owns `superuser`.
class DemoHistory
{
public:
    // Opens one connection per demo login (`profile` with its user replaced; the demo cluster
    // trusts its socket) and makes the edits, one transaction per login, only when audit_log is
    // empty. Returns the number of rows changed (0 when the log already had rows).
    static std::expected<int, DbError> record(const QSqlDatabase &superuser, const ConnectionProfile &profile);

private:
    static std::expected<bool, DbError> auditLogIsEmpty(const QSqlDatabase &superuser);
    static std::expected<int, DbError> asReviewer(const QSqlDatabase &db);
    static std::expected<int, DbError> asAdmin(const QSqlDatabase &db);
    static std::expected<int, DbError> asSupport(const QSqlDatabase &db);
};
