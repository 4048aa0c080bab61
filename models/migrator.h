#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>
#include <functional>

#include "dberror.h"
#include "seedschema.h"

// One numbered migration: resources/sql/migrations/NNN_name.sql, embedded as :/sql/migrations/.
struct MigrationStep
{
    int version = 0;
    QString name;    // "updated_at_trigger"
    QString sql;

    QString label() const; // "003_updated_at_trigger"
};

// Where a database stands against the migrations this build knows.
struct SchemaStatus
{
    enum class State {
        Empty,     // none of the seed tables and no version recorded
        Behind,    // some known steps are not applied (the seed tables may already exist)
        UpToDate,  // every known step is applied
        Ahead,     // a version this build does not know is recorded: the console must not write
    };

    State state = State::Empty;
    int current = 0;                 // highest recorded version, 0 = none
    int latest = 0;                  // highest version this build knows
    bool seedTablesPresent = false;  // all five seed tables exist
    int seedTables = 0;              // how many of the five exist (some: they are adopted, state Behind)
    bool canMigrate = false;         // the login is a superuser, or may create in the schema and owns the tables
    QList<MigrationStep> pending;    // known steps not yet applied, in order
    QList<int> unknownVersions;      // recorded versions this build does not know

    QString describe() const;        // one or two sentences for the user
};

struct MigrationError
{
    enum class Kind {
        Database,     // connecting, locking or reading the version table failed
        Ahead,        // the database has versions this build does not know
        StepFailed,   // a statement of `step` failed; the run was rolled back
        SeedMismatch, // an existing seed table differs from the seed schema
    };

    Kind kind = Kind::Database;
    MigrationStep step;      // the failing step (version 0 when no step was running)
    QString statement;       // the failing statement's text
    int line = 0;            // its first line in the step's file (1-based), 0 if none
    QString message;         // PostgreSQL's message (with DETAIL/HINT), or ours
    QString sqlState;

    QString statementHead() const; // the statement's first non-comment line
    QString text() const;          // step, line, statement head and message, for people
};

// Applies the embedded migrations to one database.
//
// A run (migrate/migrateTo) is ONE transaction holding a transaction-level advisory lock, so two
// consoles migrating the same database take turns and the second finds nothing left to do. Each
// step's statements run in file order; the step is recorded in staff_console_schema_version in
// the same transaction. The first failing statement stops the run and rolls everything back: the
// database is exactly as it was before the run (PostgreSQL DDL is transactional).
//
// Statements are split with SqlScript and run one by one, so a failure names the statement.
// Not thread-safe: use from the thread that owns `db` (the caller keeps it).
class Migrator
{
public:
    explicit Migrator(QSqlDatabase db);

    static QList<MigrationStep> knownSteps();
    static int latestVersion();
    // The pg_advisory_xact_lock key a run holds; whoever holds it keeps migrations waiting.
    static qint64 advisoryLockKey();

    std::expected<SchemaStatus, DbError> status() const;

    // Applies every pending known step. Dry run: returns what would run, changes nothing.
    // onApplied runs after each step has executed (before the run commits).
    std::expected<QList<MigrationStep>, MigrationError>
    migrate(bool dryRun = false, std::function<void(const MigrationStep &)> onApplied = {});
    // Same, only the pending steps with version <= target.
    std::expected<QList<MigrationStep>, MigrationError>
    migrateTo(int target, bool dryRun = false, std::function<void(const MigrationStep &)> onApplied = {});

private:
    std::expected<void, MigrationError> runStep(const MigrationStep &step);
    std::expected<void, MigrationError> verifySeedTables(const MigrationStep &step, SeedSchema::Scope scope);

    QSqlDatabase m_db;
};
