#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <expected>

#include "dberror.h"

// How much demo data to make. `anchor` is "now" for the generated timestamps (invalid: the current
// time); with the same sizes, seed and anchor two runs produce identical rows.
struct DemoSizes
{
    int users = 320;
    int installations = 64;
    int drafts = 3000;
    double seed = 0.42;     // setseed() value, in [-1, 1]
    QDateTime anchor;
    // Bulk loads only: leave draft_content's GIN (trigram) indexes for buildDeferredIndexes().
    bool deferTextIndexes = false;
};

struct DemoCounts
{
    qint64 users = 0;
    qint64 installations = 0;
    qint64 memberships = 0;
    qint64 preferences = 0;
    qint64 drafts = 0;
};

// Fills the five seed tables of a migrated database with realistic demo data, set-based (the SQL
// is embedded at :/sql/demo/). Each call is one transaction run with session_replication_role =
// replica, so user triggers (audit log, updated_at) do not fire: the login must be a superuser.
// Demo and test databases only. Use from the thread that owns `db`.
class DemoSeeder
{
public:
    explicit DemoSeeder(QSqlDatabase db);

    // Seeds the five tables, which must be empty (Kind::Conflict otherwise). The counts returned
    // here and by reseedDrafts() are the rows written (drafts) and exact table counts (the rest).
    std::expected<DemoCounts, DbError> seed(const DemoSizes &sizes);
    // Replaces every draft (TRUNCATE draft_content ... CASCADE) by sizes.drafts new ones, written
    // by the existing members; users, installations and preferences stay.
    std::expected<DemoCounts, DbError> reseedDrafts(const DemoSizes &sizes);
    // True when the users table holds rows (false on error or a missing table).
    bool isSeeded();
    std::expected<DemoCounts, DbError> counts();
    // The planner's row estimates (pg_class.reltuples, exact right after seeding): no table scan.
    std::expected<DemoCounts, DbError> estimatedCounts();

    // Builds, one transaction each, the indexes a bulk seed with deferTextIndexes left for later,
    // and returns how many. Nothing pending: 0. An interrupted build stays pending for the next call.
    std::expected<int, DbError> buildDeferredIndexes();
    std::expected<int, DbError> deferredIndexCount();

    // Creates `name` on the server `server` is connected to, unless it exists. True when created.
    static std::expected<bool, DbError> createDatabaseIfMissing(QSqlDatabase server, const QString &name);

private:
    enum class Scope { Everything, DraftsOnly };
    std::expected<DemoCounts, DbError> run(const DemoSizes &sizes, Scope scope);
    std::expected<qint64, DbError> exec(const QString &statement, const QString &context);
    std::expected<qint64, DbError> execResource(const QString &file); // rows affected
    std::expected<DemoCounts, DbError> smallTableCounts(); // all but the drafts
    std::expected<void, DbError> setParameter(const QString &name, const QString &value);

    QSqlDatabase m_db;
};
