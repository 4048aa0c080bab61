#pragma once

#include <QObject>
#include <QPointer>

#include "rolepolicy.h"

class AuditWorkspace;
class MainWindow;
class QAction;
class Session;

// The role-dependent parts of the main window: the Audit workspace and File ▸ Create staff login…
// It follows the window's session: the session's RolePolicy enables them or disables them with a
// tooltip naming what is needed (RoleGate), and the Audit workspace reads through the session's
// AuditReader. Created once per window, which owns it and what it adds.
class StaffAdministration : public QObject
{
    Q_OBJECT

public:
    explicit StaffAdministration(MainWindow &window);

    QAction *createLoginAction() const { return m_createLogin; }
    AuditWorkspace *auditWorkspace() const { return m_audit; }
    const RolePolicy &policy() const;

    void showCreateLoginDialog();

signals:
    void policyChanged();

private:
    void onSessionChanged(Session *session);
    void applyPolicy();

    MainWindow &m_window;
    QPointer<Session> m_session;
    QAction *m_showAudit = nullptr;   // View ▸ Audit (Ctrl+<n>)
    AuditWorkspace *m_audit = nullptr;
    QAction *m_createLogin = nullptr;
};
