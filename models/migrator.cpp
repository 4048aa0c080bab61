#include "migrator.h"

#include "sqlscript.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMigrationLockKey = 0x5374'6166'4d69'67; // "StafMig": serialises concurrent runs

constexpr auto kSeedTableCount = R"(
    SELECT count(*) FROM pg_catalog.pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND c.relname IN ('users', 'github_app_installations', 'user_installations',
                        'user_preferences', 'draft_content'))";

constexpr auto kVersionTableExists = R"(
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                   WHERE c.relnamespace = current_schema()::regnamespace
                     AND c.relname = 'staff_console_schema_version'))";

constexpr auto kAppliedVersions = R"(
    SELECT version FROM staff_console_schema_version ORDER BY version)";

// Superuser; or may create in the schema (and the pg_trgm extension, unless present), owns
// (directly or through a role) every table the migrations alter, and may create the staff roles
// of 005 unless they exist already.
constexpr auto kCanMigrate = R"(
    SELECT r.rolsuper OR coalesce(
        has_schema_privilege(current_schema(), 'CREATE')
        AND (r.rolcreaterole
             OR (SELECT count(*) FROM pg_catalog.pg_roles s
                 WHERE s.rolname IN ('staff_reviewer', 'staff_admin', 'staff_support', 'app_backend')) = 4)
        AND (has_database_privilege(current_database(), 'CREATE')
             OR EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_trgm'))
        AND NOT EXISTS (
            SELECT 1 FROM pg_catalog.pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace
              AND c.relname IN ('users', 'github_app_installations', 'user_installations',
                                'user_preferences', 'draft_content', 'staff_console_schema_version')
              AND NOT pg_has_role(c.relowner, 'USAGE')), false)
    FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)";

constexpr auto kTakeMigrationLock = R"(SELECT pg_advisory_xact_lock(:key))";

constexpr auto kLockTimeout = R"(SET LOCAL lock_timeout = '60s')";

// "relation ... already exists, skipping" from adopting the seed is expected, not news.
constexpr auto kQuietNotices = R"(SET LOCAL client_min_messages = warning)";

constexpr auto kCreateVersionTable = R"(
    CREATE TABLE staff_console_schema_version (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text NOT NULL DEFAULT session_user))";

// Every login may see which version it talks to (SchemaStatus); nothing secret is in there.
constexpr auto kGrantVersionTable = R"(GRANT SELECT ON staff_console_schema_version TO PUBLIC)";

constexpr auto kRecordVersion = R"(
    INSERT INTO staff_console_schema_version (version, name) VALUES (:version, :name))";

// PostgreSQL's text without the severity prefix, the CONTEXT trace and the driver's "(SQLSTATE)".
QString postgresMessage(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        return error.driverText().trimmed();
    if (const QString code = error.nativeErrorCode(); !code.isEmpty() && text.endsWith(u'(' + code + u')'))
        text.chop(code.size() + 2);
    if (const qsizetype context = text.indexOf(u"\nCONTEXT:"_s); context >= 0)
        text.truncate(context);
    static const QRegularExpression severity(u"^(ERROR|FATAL|PANIC):\\s+"_s);
    text.remove(severity);
    return text.trimmed();
}

MigrationError databaseError(const QSqlError &error, const QString &what)
{
    MigrationError e;
    e.kind = MigrationError::Kind::Database;
    e.message = what + u": "_s + postgresMessage(error);
    e.sqlState = error.nativeErrorCode();
    return e;
}

std::expected<QList<int>, QSqlError> appliedVersions(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.prepare(QString::fromLatin1(kVersionTableExists)) || !q.exec() || !q.next())
        return std::unexpected(q.lastError());
    if (!q.value(0).toBool())
        return QList<int>{};
    QList<int> versions;
    if (!q.prepare(QString::fromLatin1(kAppliedVersions)) || !q.exec())
        return std::unexpected(q.lastError());
    while (q.next())
        versions << q.value(0).toInt();
    return versions;
}

// Splits `applied` against the known steps: the pending ones and the unknown versions.
void classify(SchemaStatus &s, const QList<int> &applied)
{
    const QList<MigrationStep> known = Migrator::knownSteps();
    QSet<int> knownVersions;
    for (const MigrationStep &step : known) {
        knownVersions.insert(step.version);
        if (!applied.contains(step.version))
            s.pending << step;
    }
    for (int v : applied) {
        if (!knownVersions.contains(v))
            s.unknownVersions << v;
    }
    s.latest = known.isEmpty() ? 0 : known.last().version;
    s.current = applied.isEmpty() ? 0 : *std::max_element(applied.begin(), applied.end());
    if (!s.unknownVersions.isEmpty())
        s.state = SchemaStatus::State::Ahead;
    else if (s.pending.isEmpty())
        s.state = SchemaStatus::State::UpToDate;
    else if (applied.isEmpty() && s.seedTables == 0)
        s.state = SchemaStatus::State::Empty;
    else
        s.state = SchemaStatus::State::Behind;
}

QString versionList(const QList<int> &versions)
{
    QStringList out;
    for (int v : versions)
        out << QString::number(v);
    return out.join(u", "_s);
}

} // namespace

QString MigrationStep::label() const
{
    return u"%1_%2"_s.arg(version, 3, 10, QChar(u'0')).arg(name);
}

QString SchemaStatus::describe() const
{
    QStringList missing;
    for (const MigrationStep &step : pending)
        missing << step.label();
    QString text;
    switch (state) {
    case State::UpToDate:
        return u"Schema version %1 of %2: up to date."_s.arg(current).arg(latest);
    case State::Ahead:
        if (current > latest)
            return u"The database is at version %1, newer than this console knows (%2): the console will not write."_s
                .arg(current).arg(latest);
        return u"The database has version %1, which this console does not know (it knows up to %2): the console will not write."_s
            .arg(versionList(unknownVersions)).arg(latest);
    case State::Empty:
        text = u"The database has no Staff Console schema (version 0 of %1): missing %2."_s
                   .arg(latest).arg(missing.join(u", "_s));
        break;
    case State::Behind:
        text = u"Schema version %1 of %2: missing %3."_s.arg(current).arg(latest).arg(missing.join(u", "_s));
        if (current == 0 && seedTables > 0)
            text += u" The existing seed tables will be adopted as they are."_s;
        break;
    }
    if (!canMigrate)
        text += u" This login may not apply migrations: a superuser or the owner of the tables must run "
                u"\"staff-console migrate\"."_s;
    return text;
}

QString MigrationError::statementHead() const
{
    const QStringList lines = statement.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty() && !trimmed.startsWith(u"--"_s))
            return trimmed;
    }
    return {};
}

QString MigrationError::text() const
{
    if (step.version == 0)
        return message;
    QString where = u"Migration %1 failed"_s.arg(step.label());
    if (line > 0)
        where += u" at line %1"_s.arg(line);
    if (!statement.isEmpty())
        where += u" (%1)"_s.arg(statementHead());
    return where + u":\n"_s + message;
}

Migrator::Migrator(QSqlDatabase db) : m_db(std::move(db)) {}

QList<MigrationStep> Migrator::knownSteps()
{
    static const QList<MigrationStep> steps = [] {
        static const QRegularExpression fileName(u"^(\\d{3})_(\\w+)\\.sql$"_s);
        QList<MigrationStep> found;
        const QDir dir(u":/sql/migrations"_s);
        const QStringList files = dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            const QRegularExpressionMatch match = fileName.match(file);
            QFile f(dir.filePath(file));
            if (!match.hasMatch() || !f.open(QIODevice::ReadOnly))
                qFatal("Unusable migration resource %s", qPrintable(file));
            found << MigrationStep{match.captured(1).toInt(), match.captured(2), QString::fromUtf8(f.readAll())};
        }
        std::sort(found.begin(), found.end(),
                  [](const MigrationStep &a, const MigrationStep &b) { return a.version < b.version; });
        return found;
    }();
    return steps;
}

qint64 Migrator::advisoryLockKey()
{
    return kMigrationLockKey;
}

int Migrator::latestVersion()
{
    const QList<MigrationStep> steps = knownSteps();
    return steps.isEmpty() ? 0 : steps.last().version;
}

std::expected<SchemaStatus, DbError> Migrator::status() const
{
    SchemaStatus s;
    QSqlQuery q(m_db);
    if (!q.prepare(QString::fromLatin1(kSeedTableCount)) || !q.exec() || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"look for the seed tables"_s));
    s.seedTables = q.value(0).toInt();
    s.seedTablesPresent = s.seedTables == 5;
    if (!q.prepare(QString::fromLatin1(kCanMigrate)) || !q.exec() || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"check the login's privileges"_s));
    s.canMigrate = q.value(0).toBool();
    const auto applied = appliedVersions(m_db);
    if (!applied)
        return std::unexpected(DbError::fromSql(applied.error(), u"read the schema version"_s));
    classify(s, *applied);
    return s;
}

std::expected<QList<MigrationStep>, MigrationError>
Migrator::migrate(bool dryRun, std::function<void(const MigrationStep &)> onApplied)
{
    return migrateTo(latestVersion(), dryRun, std::move(onApplied));
}

std::expected<QList<MigrationStep>, MigrationError>
Migrator::migrateTo(int target, bool dryRun, std::function<void(const MigrationStep &)> onApplied)
{
    const auto aheadError = [](const SchemaStatus &s) -> MigrationError {
        MigrationError e;
        e.kind = MigrationError::Kind::Ahead;
        e.message = s.describe() + u" Nothing was applied."_s;
        return e;
    };
    const auto stepsUpTo = [target](const QList<MigrationStep> &pending) -> QList<MigrationStep> {
        QList<MigrationStep> steps;
        for (const MigrationStep &step : pending) {
            if (step.version <= target)
                steps << step;
        }
        return steps;
    };

    const auto before = status();
    if (!before) {
        MigrationError e;
        e.message = before.error().text();
        e.sqlState = before.error().sqlState;
        return std::unexpected(e);
    }
    if (before->state == SchemaStatus::State::Ahead)
        return std::unexpected(aheadError(*before));
    if (dryRun || stepsUpTo(before->pending).isEmpty())
        return stepsUpTo(before->pending);

    if (!m_db.transaction())
        return std::unexpected(databaseError(m_db.lastError(), u"Could not start the migration transaction"_s));
    const auto fail = [this](MigrationError e) -> std::unexpected<MigrationError> {
        m_db.rollback();
        return std::unexpected(std::move(e));
    };

    QSqlQuery q(m_db);
    if (!q.prepare(QString::fromLatin1(kTakeMigrationLock)))
        return fail(databaseError(q.lastError(), u"Could not take the migration lock"_s));
    q.bindValue(u":key"_s, kMigrationLockKey);
    if (!q.exec())
        return fail(databaseError(q.lastError(), u"Could not take the migration lock"_s));
    if (!q.exec(QString::fromLatin1(kLockTimeout)) || !q.exec(QString::fromLatin1(kQuietNotices)))
        return fail(databaseError(q.lastError(), u"Could not set the run's session options"_s));

    // Another console may have migrated while this one waited for the lock: look again.
    const auto applied = appliedVersions(m_db);
    if (!applied)
        return fail(databaseError(applied.error(), u"Could not read the schema version"_s));
    SchemaStatus now = *before;
    now.pending.clear();
    now.unknownVersions.clear();
    classify(now, *applied);
    if (now.state == SchemaStatus::State::Ahead)
        return fail(aheadError(now));
    if (applied->isEmpty()) {
        if (!q.prepare(QString::fromLatin1(kVersionTableExists)) || !q.exec() || !q.next())
            return fail(databaseError(q.lastError(), u"Could not look for the version table"_s));
        if (!q.value(0).toBool()
            && (!q.exec(QString::fromLatin1(kCreateVersionTable)) || !q.exec(QString::fromLatin1(kGrantVersionTable))))
            return fail(databaseError(q.lastError(), u"Could not create the version table"_s));
    }

    const QList<MigrationStep> steps = stepsUpTo(now.pending);
    for (const MigrationStep &step : steps) {
        // Step 1 adopts existing seed tables: check them before (so a foreign table is named, not
        // tripped over) and after (all five must then be the seed's).
        if (step.version == 1) {
            if (auto verified = verifySeedTables(step, SeedSchema::Scope::ExistingTables); !verified)
                return fail(verified.error());
        }
        if (auto ran = runStep(step); !ran)
            return fail(ran.error());
        if (step.version == 1) {
            if (auto verified = verifySeedTables(step, SeedSchema::Scope::AllTables); !verified)
                return fail(verified.error());
        }
        const bool prepared = q.prepare(QString::fromLatin1(kRecordVersion));
        q.bindValue(u":version"_s, step.version);
        q.bindValue(u":name"_s, step.name);
        if (!prepared || !q.exec()) {
            MigrationError e = databaseError(q.lastError(), u"Could not record the version"_s);
            e.step = step;
            return fail(e);
        }
        if (onApplied)
            onApplied(step);
    }
    if (!m_db.commit())
        return fail(databaseError(m_db.lastError(), u"Could not commit the migration"_s));
    return steps;
}

std::expected<void, MigrationError> Migrator::runStep(const MigrationStep &step)
{
    const QList<SqlScript::Statement> statements = SqlScript::split(step.sql);
    for (const auto &[line, statement] : statements) {
        QSqlQuery q(m_db);
        if (!q.exec(statement)) {
            MigrationError e;
            e.kind = MigrationError::Kind::StepFailed;
            e.step = step;
            e.statement = statement;
            e.line = line;
            e.message = postgresMessage(q.lastError());
            e.sqlState = q.lastError().nativeErrorCode();
            return std::unexpected(e);
        }
    }
    return {};
}

std::expected<void, MigrationError> Migrator::verifySeedTables(const MigrationStep &step, SeedSchema::Scope scope)
{
    const auto problems = SeedSchema::differences(m_db, scope);
    if (!problems) {
        MigrationError e = databaseError(problems.error(), u"Could not read the seed tables' columns"_s);
        e.step = step;
        return std::unexpected(e);
    }
    if (problems->isEmpty())
        return {};
    MigrationError e;
    e.kind = MigrationError::Kind::SeedMismatch;
    e.step = step;
    e.message = u"Existing tables differ from the seed schema, so they cannot be adopted:\n"_s
                + problems->join(u";\n"_s) + u'.';
    return std::unexpected(e);
}
