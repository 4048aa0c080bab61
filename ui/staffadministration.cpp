#include "staffadministration.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

#include "auditworkspace.h"
#include "createlogindialog.h"
#include "mainwindow.h"
#include "rolegate.h"
#include "session.h"

using namespace Qt::StringLiterals;

StaffAdministration::StaffAdministration(MainWindow &window)
    : QObject(&window)
    , m_window(window)
{
    m_audit = new AuditWorkspace;
    window.addWorkspace(m_audit, u"Audit"_s);

    m_createLogin = new QAction(u"Create staff &login…"_s, this);
    m_createLogin->setShortcut(QKeySequence(u"Ctrl+Shift+L"_s));
    m_createLogin->setObjectName(u"createStaffLogin"_s);
    window.addFileAction(m_createLogin);
    connect(m_createLogin, &QAction::triggered, this, &StaffAdministration::showCreateLoginDialog);
    m_showAudit = window.workspaceAction(m_audit);
    connect(&window, &MainWindow::sessionChanged, this, &StaffAdministration::onSessionChanged);
    connect(&window, &MainWindow::policyChanged, this, &StaffAdministration::applyPolicy);
    onSessionChanged(window.session());
}

const RolePolicy &StaffAdministration::policy() const
{
    return m_window.policy();
}

void StaffAdministration::applyPolicy()
{
    const RolePolicy &policy = m_window.policy();
    RoleGate::apply(m_createLogin, policy, RolePolicy::Capability::CreateStaffLogin,
                    u"Create a person's login with staff roles"_s);
    RoleGate::apply(m_audit, policy, RolePolicy::Capability::ReadAudit);
    if (m_showAudit)
        RoleGate::apply(m_showAudit, policy, RolePolicy::Capability::ReadAudit, u"Show the Audit workspace"_s);
    emit policyChanged();
}

void StaffAdministration::onSessionChanged(Session *session)
{
    m_session = session;
    const bool mayRead = session && m_window.policy().allows(RolePolicy::Capability::ReadAudit);
    m_audit->setAuditReader(mayRead ? session->auditReader() : nullptr);
    m_audit->setConnectionFactory(mayRead ? session->connectionFactory() : ConnectionFactory());
    applyPolicy();
}

void StaffAdministration::showCreateLoginDialog()
{
    if (!m_session || !policy().allows(RolePolicy::Capability::CreateStaffLogin))
        return;
    auto *dialog = new CreateLoginDialog(m_session->connectionFactory(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateLoginDialog::loginCreated, &m_window, [this](const QString &login) {
        m_window.statusBar()->showMessage(u"Created the staff login %1."_s.arg(login), 15000);
    });
    dialog->open();
}
