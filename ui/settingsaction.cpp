#include "settingsaction.h"

#include <QAction>
#include <QMessageBox>

#include "draftsworkspace.h"
#include "settings.h"
#include "mainwindow.h"
#include "settingsdialog.h"

using namespace Qt::StringLiterals;

SettingsAction::SettingsAction(MainWindow &window, SecretStore &secrets, GitHubClient &github,
                               const QString &configFile)
    : QObject(&window), m_window(window), m_secrets(secrets), m_github(github), m_configFile(configFile)
{
    m_action = new QAction(tr("&Settings\u2026"), this);
    m_action->setObjectName(u"settings"_s);
    m_action->setShortcut(QKeySequence(u"Ctrl+,"_s));
    m_action->setMenuRole(QAction::PreferencesRole);
    m_action->setToolTip(tr("GitHub App and API settings"));
    m_action->setStatusTip(m_action->toolTip());
    window.addFileAction(m_action);
    connect(m_action, &QAction::triggered, this, &SettingsAction::showDialog);
    // The review settings reach the Drafts workspace now and whenever they change.
    connect(this, &SettingsAction::settingsChanged, this, &SettingsAction::applyReviewSettings);
    if (const auto settings = effectiveSettings())
        applyReviewSettings(*settings);
}

void SettingsAction::applyReviewSettings(const Settings &settings)
{
    if (DraftsWorkspace *drafts = m_window.draftsWorkspace()) {
        drafts->setRunUrlTemplate(settings.workflowRunUrl);
        drafts->setSingleKeyShortcutsEnabled(settings.singleKeyShortcuts);
    }
}

std::expected<Settings, QString> SettingsAction::effectiveSettings() const
{
    return Settings::load(m_user, m_configFile, m_runOverride);
}

void SettingsAction::showDialog()
{
    const auto settings = effectiveSettings();
    if (!settings) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Settings"), settings.error(), QMessageBox::Ok, &m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();   // not the static warning(): no nested event loop
        return;
    }
    auto *dialog = new SettingsDialog(*settings, m_user, m_secrets, m_github, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this] {
        if (const auto now = effectiveSettings())
            emit settingsChanged(*now);
    });
    dialog->open();
}
