#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>

#include <expected>

// The product's five seed tables (DESIGN.md) as the catalogs show them, and a check of existing
// tables in the current schema against them: every seed column with its type, nullability and
// default (a SERIAL's nextval is matched by prefix; now() counts as CURRENT_TIMESTAMP), and every
// primary, unique and foreign key by definition (not by name). Extra columns and keys are allowed. Runs on the thread that owns `db`; reads the catalogs only.
class SeedSchema
{
public:
    enum class Scope {
        ExistingTables, // tables that are absent are not a difference (before step 001)
        AllTables,      // all five must be there (after step 001)
    };

    // Empty when the tables conform; else one line per difference, e.g.
    // "users: column github_id is integer, the seed has character varying(255)".
    static std::expected<QStringList, QSqlError> differences(const QSqlDatabase &db, Scope scope);
};
