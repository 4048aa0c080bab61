#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <expected>
#include <functional>
#include <memory>
#include <optional>

#include "connectionprofile.h"
#include "dberror.h"
#include "migrator.h"
#include "rolepolicy.h"
#include "sessioninfo.h"

class AuditReader;
class DraftClaims;
class DraftStore;
class PublicationStore;
class InstallationDetailStore;
class UserDetailStore;

// What the console is connected to: the profile, the password (in memory only, never logged),
// and what load() found out — server version, login, staff roles, schema status, table sizes —
// with the login's RolePolicy and the services built on the connection (created on first
// use, owned by the session, each with its own thread and connection: delete the session only
// after whoever uses them has let go of them).
// Lives on the UI thread; load() and migrate() work on a pool thread and report back by signal
// (ready()/failed(), migrated()/migrationFailed()). Widget-free.
class Session : public QObject
{
    Q_OBJECT

public:
    using ConnectionFactory =
        std::function<std::expected<std::unique_ptr<PgConnection>, DbError>(const QString &purpose)>;

    Session(const ConnectionProfile &profile, const QString &password, bool sandbox,
            QObject *parent = nullptr);
    ~Session() override;

    const ConnectionProfile &profile() const { return m_profile; }
    QString password() const { return m_password; }
    bool sandbox() const { return m_sandbox; }

    bool isLoaded() const { return m_info.has_value(); }
    QString serverVersion() const;
    QString database() const;
    QString login() const;
    QStringList roles() const;                 // staff roles of the login, e.g. "staff_reviewer"
    bool hasRole(const QString &role) const;   // true for a superuser too
    bool isSuperuser() const;
    const std::optional<SessionInfo> &info() const { return m_info; }
    // What the login may do; allows nothing until loaded. policyChanged() follows a load() that
    // changed it (the first one included), just before ready().
    const RolePolicy &policy() const { return m_policy; }

    // The schema's state; empty with schemaError() set when it could not be read.
    const std::optional<SchemaStatus> &schema() const { return m_schema; }
    QString schemaError() const { return m_schemaError; }
    bool readOnly() const;                     // the schema is ahead of this build (or unknown)

    // "reviewer@demo (sandbox)" — for titles.
    QString title() const;

    // Opens a new connection owned by the CALLING thread; safe to call from any thread and after
    // this Session is gone (it captures copies).
    ConnectionFactory connectionFactory() const;

    void load();     // (re)reads everything; ready() or failed(). A newer call supersedes an older one.
    void migrate();  // applies pending migrations, then reloads; migrated() or migrationFailed().
    bool isBusy() const { return m_busy; }

    // The services of this connection, built on first use. The draft claims hold this console's
    // claim on the draft open in the editor: it ends with the session.
    DraftStore *drafts();
    PublicationStore *publications();   // the publishing outbox (DraftPublisher's store)
    DraftClaims *draftClaims();
    UserDetailStore *userDetails();
    InstallationDetailStore *installationDetails();
    AuditReader *auditReader();

signals:
    void ready();
    void policyChanged(const RolePolicy &policy);
    void failed(const DbError &error);
    void migrated(const QStringList &appliedSteps);
    void migrationFailed(const DbError &error);

private:
    ConnectionProfile m_profile;
    QString m_password;
    bool m_sandbox = false;
    bool m_busy = false;
    quint64 m_generation = 0;
    std::optional<SessionInfo> m_info;
    std::optional<SchemaStatus> m_schema;
    QString m_schemaError;
    RolePolicy m_policy;
    std::unique_ptr<DraftStore> m_drafts;
    std::unique_ptr<PublicationStore> m_publications;
    std::unique_ptr<DraftClaims> m_draftClaims;
    std::unique_ptr<UserDetailStore> m_userDetails;
    std::unique_ptr<InstallationDetailStore> m_installationDetails;
    std::unique_ptr<AuditReader> m_auditReader;
};
