#include "session.h"

#include "whenfinished.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include "auditreader.h"
#include "draftclaims.h"
#include "draftstore.h"
#include "installationdetailstore.h"
#include "publicationstore.h"
#include "staffsessionsettings.h"
#include "userdetailstore.h"

using namespace Qt::StringLiterals;

namespace {

struct Loaded
{
    SessionInfo info;
    std::optional<SchemaStatus> schema;
    QString schemaError;
};

// libpq reports a refused login or a missing database as a failed connection without a SQLSTATE.
DbError classifyConnectFailure(DbError error)
{
    const QString &detail = error.detail;
    if (detail.contains(u"password authentication failed"_s) || detail.contains(u"no password supplied"_s)
        || (detail.contains(u"FATAL:"_s) && detail.contains(u"role \""_s) && detail.contains(u"does not exist"_s))) {
        error.kind = DbError::Kind::Authentication;
        error.sqlState = u"28P01"_s;
        error.message = u"The server rejected the login: wrong user name or password."_s;
    } else if (detail.contains(u"FATAL:"_s) && detail.contains(u"database \""_s)
               && detail.contains(u"does not exist"_s)) {
        error.kind = DbError::Kind::NotFound;
        error.sqlState = u"3D000"_s;
        error.message = u"The database does not exist."_s;
    }
    return error;
}

std::expected<Loaded, DbError> loadOn(const Session::ConnectionFactory &factory)
{
    auto conn = factory(u"session"_s);
    if (!conn)
        return std::unexpected(classifyConnectFailure(conn.error()));
    auto info = SessionInfo::read((*conn)->db());
    if (!info)
        return std::unexpected(info.error());
    Loaded loaded{std::move(*info), std::nullopt, {}};
    const Migrator migrator((*conn)->db());
    if (auto status = migrator.status())
        loaded.schema = std::move(*status);
    else
        loaded.schemaError = status.error().text();
    return loaded;
}

} // namespace

Session::Session(const ConnectionProfile &profile, const QString &password, bool sandbox, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_password(password)
    , m_sandbox(sandbox)
{
}

Session::~Session()
{
    m_password.fill(u'\0');
}

UserDetailStore *Session::userDetails()
{
    if (!m_userDetails)
        m_userDetails = std::make_unique<UserDetailStore>(connectionFactory());
    return m_userDetails.get();
}

InstallationDetailStore *Session::installationDetails()
{
    if (!m_installationDetails)
        m_installationDetails = std::make_unique<InstallationDetailStore>(connectionFactory());
    return m_installationDetails.get();
}

AuditReader *Session::auditReader()
{
    if (!m_auditReader)
        m_auditReader = std::make_unique<AuditReader>(connectionFactory());
    return m_auditReader.get();
}

DraftStore *Session::drafts()
{
    if (!m_drafts)
        m_drafts = std::make_unique<DraftStore>(connectionFactory());
    return m_drafts.get();
}

PublicationStore *Session::publications()
{
    if (!m_publications)
        m_publications = std::make_unique<PublicationStore>(connectionFactory());
    return m_publications.get();
}

DraftClaims *Session::draftClaims()
{
    if (!m_draftClaims)
        m_draftClaims = std::make_unique<DraftClaims>(connectionFactory());
    return m_draftClaims.get();
}

QString Session::serverVersion() const
{
    return m_info ? m_info->serverVersion : QString();
}

QString Session::database() const
{
    return m_info ? m_info->database : m_profile.database;
}

QString Session::login() const
{
    return m_info ? m_info->login : m_profile.user;
}

QStringList Session::roles() const
{
    return m_info ? m_info->staffRoles : QStringList();
}

bool Session::hasRole(const QString &role) const
{
    return m_info && (m_info->superuser || m_info->staffRoles.contains(role));
}

bool Session::isSuperuser() const
{
    return m_info && m_info->superuser;
}

bool Session::readOnly() const
{
    return !m_schema || m_schema->state == SchemaStatus::State::Ahead;
}

QString Session::title() const
{
    QString text = login() + u'@' + database();
    if (m_sandbox)
        text += u" (sandbox)"_s;
    return text;
}

Session::ConnectionFactory Session::connectionFactory() const
{
    return [profile = m_profile, password = m_password](const QString &purpose)
               -> std::expected<std::unique_ptr<PgConnection>, DbError> {
        auto connection = PgConnection::open(profile, password, purpose);
        // Staff roles' statement and idle timeouts (migration 008): group role settings do not
        // reach their members by themselves.
        if (connection) {
            if (auto applied = StaffSessionSettings::apply((*connection)->db()); !applied)
                return std::unexpected(applied.error());
        }
        return connection;
    };
}

void Session::load()
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    whenFinished(this, QtConcurrent::run([factory = connectionFactory()] { return loadOn(factory); }),
                 [this, generation](std::expected<Loaded, DbError> loaded) {
                     if (generation != m_generation)
                         return;
                     m_busy = false;
                     if (!loaded) {
                         emit failed(loaded.error());
                         return;
                     }
                     m_info = std::move(loaded->info);
                     m_schema = std::move(loaded->schema);
                     m_schemaError = std::move(loaded->schemaError);
                     if (RolePolicy policy = RolePolicy::fromSessionInfo(*m_info); policy != m_policy) {
                         m_policy = std::move(policy);
                         emit policyChanged(m_policy);
                     }
                     emit ready();
                 });
}

void Session::migrate()
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    auto factory = connectionFactory();
    auto migrating = QtConcurrent::run([factory]() -> std::expected<QStringList, DbError> {
        auto conn = factory(u"migrate"_s);
        if (!conn)
            return std::unexpected(conn.error());
        Migrator migrator((*conn)->db());
        auto applied = migrator.migrate();
        if (!applied) {
            DbError error;
            error.kind = DbError::Kind::Schema;
            error.message = u"The migration failed and was rolled back: nothing was changed."_s;
            error.detail = applied.error().text();
            error.sqlState = applied.error().sqlState;
            return std::unexpected(error);
        }
        QStringList labels;
        for (const MigrationStep &step : *applied)
            labels << step.label();
        return labels;
    });
    whenFinished(this, std::move(migrating), [this, generation](std::expected<QStringList, DbError> applied) {
        if (generation != m_generation)
            return;
        m_busy = false;
        if (!applied) {
            emit migrationFailed(applied.error());
            return;
        }
        emit migrated(*applied);
        load();
    });
}
