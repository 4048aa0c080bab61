#pragma once

#include <QDialog>
#include <QPointer>

#include "settings.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class GitHubClient;
class QPushButton;
class QSettings;
class QTabWidget;
class SecretStore;

// The console's settings, one tab per service (GitHub now; Stripe later) and a Review tab (the
// workflow run URL template, single-key shortcuts on or off). GitHub: API base URL,
// App ID or client ID, "Import private key…" (file → validated with OpenSSL → keychain, never to
// disk or settings) and "Test connection" (the App's name, its installation count and the rate
// limit, or the typed error). Errors are shown inline. OK validates and writes the base URL and
// App ID to `user`. The test runs through the running console's GitHubClient (its installation
// tokens stay cached for the rest of the run) when the fields are what that client is configured
// with; edited, unsaved values (or a key just imported) are tried with a throwaway client over the
// same HTTP layer. The stores and the client must outlive the dialog.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const Settings &settings, QSettings &user, SecretStore &secrets,
                   GitHubClient &github, QWidget *parent = nullptr);

    Settings settings() const;          // as edited
    QString errorText() const;          // inline validation error, empty if none
    QLineEdit *runUrlField() const { return m_runUrl; }
    QCheckBox *singleKeyShortcutsBox() const { return m_singleKeys; }
    QString keyStatusText() const;
    QString testResultText() const;

    void importPrivateKey(const QString &path);  // what the file picker calls
    void testConnection();

signals:
    void privateKeyImported(bool ok);
    void connectionTested(bool ok);

private:
    void build();
    QWidget *buildGitHubPage();
    QWidget *buildReviewPage();
    bool validate();
    void apply();
    void chooseKeyFile();
    void showTestError(const QString &text);

    Settings m_settings;
    QSettings &m_user;
    SecretStore &m_secrets;
    GitHubClient &m_github;
    bool m_keyImported = false;   // the running client still has the key it had before

    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_appId = nullptr;
    QPushButton *m_importKey = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_error = nullptr;
    QLineEdit *m_runUrl = nullptr;
    QCheckBox *m_singleKeys = nullptr;
    QPointer<QObject> m_testRun;  // the running test's context (and its throwaway client); deleting it cancels
};
