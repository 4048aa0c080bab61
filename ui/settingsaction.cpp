#include "settingsaction.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

#include "settings.h"
#include "settingsdialog.h"

using namespace Qt::StringLiterals;

namespace {

// The window's File menu (the one holding Quit) and its Quit action.
QMenu *fileMenu(QMainWindow &window, QAction **quit)
{
    const QList<QAction *> menus = window.menuBar()->actions();
    for (QAction *menuAction : menus) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->menuRole() == QAction::QuitRole) {
                *quit = action;
                return menu;
            }
        }
    }
    return nullptr;
}

} // namespace

SettingsAction::SettingsAction(QMainWindow &window, SecretStore &secrets, QNetworkAccessManager &network,
                               const QString &configFile)
    : QObject(&window), m_window(window), m_secrets(secrets), m_network(network), m_configFile(configFile)
{
    m_action = new QAction(tr("&Settings\u2026"), this);
    m_action->setObjectName(u"settings"_s);
    m_action->setShortcut(QKeySequence(u"Ctrl+,"_s));
    m_action->setMenuRole(QAction::PreferencesRole);
    m_action->setToolTip(tr("GitHub App and API settings"));
    m_action->setStatusTip(m_action->toolTip());
    QAction *quit = nullptr;
    if (QMenu *file = fileMenu(window, &quit)) {
        file->insertAction(quit, m_action);
        file->insertSeparator(quit);
    } else {
        window.menuBar()->addAction(m_action);
    }
    window.addAction(m_action);
    connect(m_action, &QAction::triggered, this, &SettingsAction::showDialog);
}

void SettingsAction::showDialog()
{
    const auto settings = Settings::load(m_user, m_configFile, m_runOverride);
    if (!settings) {
        QMessageBox::warning(&m_window, tr("Settings"), settings.error());
        return;
    }
    auto *dialog = new SettingsDialog(*settings, m_user, m_secrets, m_network, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
