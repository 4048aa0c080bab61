#include "staffadministration.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

#include "auditworkspace.h"
#include "createlogindialog.h"
#include "mainwindow.h"
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
    connect(&window, &MainWindow::sessionChanged, this, &StaffAdministration::onSessionChanged);
    onSessionChanged(window.session());
}

void StaffAdministration::onSessionChanged(Session *session)
{
    m_session = session;
    m_policy = (session && session->info()) ? RolePolicy::fromSessionInfo(*session->info()) : RolePolicy();

    const bool mayCreate = m_policy.allows(RolePolicy::Capability::CreateStaffLogin);
    m_createLogin->setEnabled(mayCreate);
    const QString createReason = m_policy.reason(RolePolicy::Capability::CreateStaffLogin);
    m_createLogin->setToolTip(mayCreate ? u"Create a person's login with staff roles"_s : createReason);
    m_createLogin->setStatusTip(m_createLogin->toolTip());

    const bool mayRead = m_policy.allows(RolePolicy::Capability::ReadAudit);
    m_audit->setConnectionFactory(mayRead ? session->connectionFactory() : ConnectionFactory());
    m_audit->setEnabled(mayRead);
    m_audit->setToolTip(m_policy.reason(RolePolicy::Capability::ReadAudit));
    emit policyChanged();
}

void StaffAdministration::showCreateLoginDialog()
{
    if (!m_session || !m_policy.allows(RolePolicy::Capability::CreateStaffLogin))
        return;
    auto *dialog = new CreateLoginDialog(m_session->connectionFactory(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateLoginDialog::loginCreated, &m_window, [this](const QString &login) {
        m_window.statusBar()->showMessage(u"Created the staff login %1."_s.arg(login), 15000);
    });
    dialog->open();
}
