#pragma once

#include <QObject>
#include <QSettings>
#include <QString>

class QAction;
class QMainWindow;
class QNetworkAccessManager;
class SecretStore;

// File ▸ Settings… (Ctrl+,): opens the SettingsDialog on the user's settings overridden by the
// `--config` file (empty: none). An unreadable or invalid file is shown in a message box when the
// action is used. The window owns this object; the stores and the network manager must outlive it.
class SettingsAction : public QObject
{
    Q_OBJECT

public:
    SettingsAction(QMainWindow &window, SecretStore &secrets, QNetworkAccessManager &network,
                   const QString &configFile = {});

    QAction *action() const { return m_action; }
    void showDialog();

private:
    QMainWindow &m_window;
    SecretStore &m_secrets;
    QNetworkAccessManager &m_network;
    QString m_configFile;
    QSettings m_user;
    QAction *m_action = nullptr;
};
