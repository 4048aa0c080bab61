#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "connectionprofile.h"
#include "dberror.h"
#include "rolepolicy.h"

class ProfileStore;
class SecretStore;
class Session;

// The running console's session: which Session (connection) is current, how one is opened (a
// saved profile's password from the keychain, or a Session the connection dialog has loaded),
// refreshed, migrated, replaced and closed, and the login's RolePolicy. One per running console,
// created by the composition root; the window and the workspaces follow its signals and take the
// services of current() (which stay valid until sessionChanged(nullptr) or the next
// sessionChanged()). Widget-free; lives on the UI thread. The stores must outlive it.
class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    ConsoleSession(ProfileStore &profiles, SecretStore &secrets, QObject *parent = nullptr);
    ~ConsoleSession() override;

    ProfileStore &profiles() const { return m_profiles; }
    SecretStore &secrets() const { return m_secrets; }

    // The current session, loaded or still connecting; null when not connected.
    Session *current() const;
    bool isLoaded() const;
    // The loaded login's policy; allows nothing while not connected or connecting.
    const RolePolicy &policy() const { return m_policy; }

    // Takes ownership; loads it when not yet loaded. Replaces (and deletes) any current session:
    // sessionChanged(nullptr) comes before the old one is deleted.
    void open(Session *session);
    // Reads the profile's password from the keychain and opens a session on it.
    void connectToProfile(const QString &name);
    void closeSession();   // disconnects: sessionChanged(nullptr)
    void refresh();   // reads the current session's details again (F5)
    void migrate();

signals:
    // The current session changed state: connecting, loaded, failed, closed (for status displays).
    void stateChanged();
    // A session finished loading (also after a refresh or migration); null when it is gone.
    void sessionChanged(Session *session);
    void policyChanged(const RolePolicy &policy);
    void connecting(const QString &where);
    // Opening failed: `message` says why; the connection dialog should ask again for `profile`
    // (empty: no profile known).
    void connectFailed(const QString &message, const ConnectionProfile &profile);
    // Something worth a line in the status bar (a keychain problem, a failed refresh).
    void message(const QString &text);
    void migrated(const QStringList &appliedSteps);
    void migrationFailed(const DbError &error);

private:
    void drop(Session *session);
    void onReady();
    void onFailed(const DbError &error);
    void setPolicy(const RolePolicy &policy);

    ProfileStore &m_profiles;
    SecretStore &m_secrets;
    QPointer<Session> m_session;
    RolePolicy m_policy;
};
