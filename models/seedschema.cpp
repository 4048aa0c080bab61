#include "seedschema.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kSeedColumns = R"(
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
           coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = current_schema()::regnamespace
      AND c.relname IN ('users', 'github_app_installations', 'user_installations',
                        'user_preferences', 'draft_content')
      AND a.attnum > 0 AND NOT a.attisdropped)";

constexpr auto kSeedKeys = R"(
    SELECT c.relname, pg_get_constraintdef(k.oid)
    FROM pg_catalog.pg_constraint k
    JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'u', 'f')
      AND c.relname IN ('users', 'github_app_installations', 'user_installations',
                        'user_preferences', 'draft_content'))";

// The seed's keys as pg_get_constraintdef() prints them (their names may differ: not compared).
struct SeedKey
{
    QLatin1String table;
    QLatin1String definition;
};

const SeedKey kSeedKeyList[] = {
    {QLatin1String("users"), QLatin1String("PRIMARY KEY (id)")},
    {QLatin1String("users"), QLatin1String("UNIQUE (github_id)")},
    {QLatin1String("users"), QLatin1String("UNIQUE (stripe_customer_id)")},
    {QLatin1String("github_app_installations"), QLatin1String("PRIMARY KEY (id)")},
    {QLatin1String("github_app_installations"), QLatin1String("UNIQUE (github_installation_id)")},
    {QLatin1String("user_installations"), QLatin1String("PRIMARY KEY (user_id, installation_id)")},
    {QLatin1String("user_installations"), QLatin1String("FOREIGN KEY (user_id) REFERENCES users(id)")},
    {QLatin1String("user_installations"),
     QLatin1String("FOREIGN KEY (installation_id) REFERENCES github_app_installations(id)")},
    {QLatin1String("user_preferences"), QLatin1String("PRIMARY KEY (id)")},
    {QLatin1String("user_preferences"), QLatin1String("FOREIGN KEY (user_id) REFERENCES users(id)")},
    {QLatin1String("draft_content"), QLatin1String("PRIMARY KEY (id)")},
    {QLatin1String("draft_content"), QLatin1String("FOREIGN KEY (user_id) REFERENCES users(id)")},
};

struct SeedColumn
{
    QLatin1String table;
    QLatin1String column;
    QLatin1String type;
    bool notNull;
    QLatin1String defaultValue; // "nextval" stands for any nextval(...) of a SERIAL
};

constexpr QLatin1String kNextval("nextval");
constexpr QLatin1String kNow("CURRENT_TIMESTAMP");
constexpr QLatin1String kNone("");
constexpr QLatin1String kVarchar255("character varying(255)");
constexpr QLatin1String kVarchar50("character varying(50)");
constexpr QLatin1String kInteger("integer");
constexpr QLatin1String kTimestamptz("timestamp with time zone");
constexpr QLatin1String kBoolean("boolean");
constexpr QLatin1String kFalse("false");

using L1 = QLatin1String;

// The seed schema of DESIGN.md as the catalogs show it.
const SeedColumn kSeed[] = {
    {L1("users"), L1("id"), kInteger, true, kNextval},
    {L1("users"), L1("github_id"), kVarchar255, true, kNone},
    {L1("users"), L1("stripe_customer_id"), kVarchar255, false, kNone},
    {L1("users"), L1("created_at"), kTimestamptz, false, kNow},
    {L1("github_app_installations"), L1("id"), kInteger, true, kNextval},
    {L1("github_app_installations"), L1("github_installation_id"), kVarchar255, true, kNone},
    {L1("github_app_installations"), L1("account_name"), kVarchar255, true, kNone},
    {L1("github_app_installations"), L1("account_type"), kVarchar50, true, kNone},
    {L1("github_app_installations"), L1("created_at"), kTimestamptz, false, kNow},
    {L1("user_installations"), L1("user_id"), kInteger, true, kNone},
    {L1("user_installations"), L1("installation_id"), kInteger, true, kNone},
    {L1("user_installations"), L1("permission_level"), kVarchar50, true, kNone},
    {L1("user_installations"), L1("created_at"), kTimestamptz, false, kNow},
    {L1("user_preferences"), L1("id"), kInteger, true, kNextval},
    {L1("user_preferences"), L1("user_id"), kInteger, false, kNone},
    {L1("user_preferences"), L1("auto_publish_comments"), kBoolean, false, kFalse},
    {L1("user_preferences"), L1("auto_publish_prs"), kBoolean, false, kFalse},
    {L1("user_preferences"), L1("testing_mode"), kBoolean, false, kFalse},
    {L1("user_preferences"), L1("notification_settings"), L1("jsonb"), false, kNone},
    {L1("user_preferences"), L1("created_at"), kTimestamptz, false, kNow},
    {L1("user_preferences"), L1("updated_at"), kTimestamptz, false, kNow},
    {L1("draft_content"), L1("id"), kInteger, true, kNextval},
    {L1("draft_content"), L1("user_id"), kInteger, false, kNone},
    {L1("draft_content"), L1("workflow_run_id"), kVarchar255, true, kNone},
    {L1("draft_content"), L1("content_type"), kVarchar50, true, kNone},
    {L1("draft_content"), L1("github_issue_id"), kInteger, true, kNone},
    {L1("draft_content"), L1("github_repo"), kVarchar255, true, kNone},
    {L1("draft_content"), L1("content"), L1("text"), true, kNone},
    {L1("draft_content"), L1("metadata"), L1("jsonb"), false, kNone},
    {L1("draft_content"), L1("status"), kVarchar50, false, L1("'draft'::character varying")},
    {L1("draft_content"), L1("created_at"), kTimestamptz, false, kNow},
    {L1("draft_content"), L1("updated_at"), kTimestamptz, false, kNow},
};

bool sameDefault(const QString &actual, QLatin1String seed)
{
    if (seed == kNextval)
        return actual.startsWith(u"nextval("_s);
    if (seed == kNow)
        return actual == kNow || actual == u"now()"_s;
    return actual == seed;
}

} // namespace

std::expected<QStringList, QSqlError> SeedSchema::differences(const QSqlDatabase &db, Scope scope)
{
    struct Actual
    {
        QString type;
        bool notNull = false;
        QString defaultValue;
    };
    QHash<QString, Actual> actual; // "table.column"
    QSqlQuery q(db);
    if (!q.prepare(QString::fromLatin1(kSeedColumns)) || !q.exec())
        return std::unexpected(q.lastError());
    while (q.next())
        actual.insert(q.value(0).toString() + u'.' + q.value(1).toString(),
                      {q.value(2).toString(), q.value(3).toBool(), q.value(4).toString()});

    QSet<QString> presentTables;
    for (auto it = actual.cbegin(); it != actual.cend(); ++it)
        presentTables.insert(it.key().section(u'.', 0, 0));

    QStringList problems;
    for (const SeedColumn &seed : kSeed) {
        if (scope == Scope::ExistingTables && !presentTables.contains(seed.table))
            continue;
        const QString key = seed.table + u'.' + seed.column;
        const auto found = actual.constFind(key);
        if (found == actual.cend()) {
            problems << u"%1: column %2 is missing"_s.arg(seed.table, seed.column);
            continue;
        }
        if (found->type != seed.type)
            problems << u"%1: column %2 is %3, the seed has %4"_s.arg(seed.table, seed.column, found->type, seed.type);
        if (found->notNull != seed.notNull)
            problems << u"%1: column %2 is %3, the seed has it %4"_s.arg(
                seed.table, seed.column, found->notNull ? u"NOT NULL"_s : u"nullable"_s,
                seed.notNull ? u"NOT NULL"_s : u"nullable"_s);
        if (!sameDefault(found->defaultValue, seed.defaultValue))
            problems << u"%1: column %2 has default %3, the seed has %4"_s.arg(
                seed.table, seed.column,
                found->defaultValue.isEmpty() ? u"none"_s : found->defaultValue,
                seed.defaultValue.isEmpty() ? u"none"_s
                : seed.defaultValue == kNextval ? u"nextval(...) of a SERIAL"_s
                                                : QString(seed.defaultValue));
    }

    QSet<QString> keys; // "table: definition"
    if (!q.prepare(QString::fromLatin1(kSeedKeys)) || !q.exec())
        return std::unexpected(q.lastError());
    while (q.next())
        keys.insert(q.value(0).toString() + u": "_s + q.value(1).toString());
    for (const SeedKey &seed : kSeedKeyList) {
        if (scope == Scope::ExistingTables && !presentTables.contains(seed.table))
            continue;
        if (!keys.contains(seed.table + u": "_s + seed.definition))
            problems << u"%1: %2 is missing"_s.arg(seed.table, seed.definition);
    }
    return problems;
}
