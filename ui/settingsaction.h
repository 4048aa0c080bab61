#pragma once

#include <QObject>
#include <QSettings>
#include <QString>

#include <expected>

#include "settings.h"

class QAction;
class MainWindow;
class GitHubClient;
class SecretStore;

// File ▸ Settings… (Ctrl+,): opens the SettingsDialog on the user's settings overridden by the
// `--config` file (empty: none) and the run override (the demo's sandbox). An unreadable or invalid file is shown in a message box when the
// action is used. The dialog tests the running console's GitHubClient. The window owns this object;
// the stores and the client must outlive it.
class SettingsAction : public QObject
{
    Q_OBJECT

public:
    SettingsAction(MainWindow &window, SecretStore &secrets, GitHubClient &github,
                   const QString &configFile = {});

    QAction *action() const { return m_action; }
    // Settings for this run only (the demo's sandbox GitHub), applied on top; never saved.
    void setRunOverride(const RunOverride &run) { m_runOverride = run; }
    // The user's settings with the `--config` file and the run override on top.
    std::expected<Settings, QString> effectiveSettings() const;
    void showDialog();

signals:
    // The settings dialog closed (saved, or a key imported): the effective settings now.
    void settingsChanged(const Settings &settings);

private:
    void applyReviewSettings(const Settings &settings);   // run URL template, single-key shortcuts

    MainWindow &m_window;
    SecretStore &m_secrets;
    GitHubClient &m_github;
    QString m_configFile;
    RunOverride m_runOverride;
    QSettings m_user;
    QAction *m_action = nullptr;
};
