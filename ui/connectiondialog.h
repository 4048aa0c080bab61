#pragma once

#include <QDialog>
#include <QPointer>

#include <optional>

#include "connectionprofile.h"
#include "session.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class ProfileStore;
class SecretStore;

// Asks where to connect: load (a saved profile, its password from the keychain) → validate (errors
// shown inline, no connection attempt) → apply (a Session loads off the UI thread; on success the
// profile is saved without its password, the password optionally goes to the keychain, and the
// dialog is accepted). The stores must outlive the dialog. takeSession() hands over the Session.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectionDialog(ProfileStore &profiles, SecretStore &secrets, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void loadProfile(const QString &name);   // fills the fields; reads a remembered password
    void setProfile(const ConnectionProfile &profile); // fills the fields only
    // A profile the `--config` file sets ([database] uri): fills the fields from it, not from a saved
    // copy; connects at once when the keychain has its password, else asks for the password.
    void loadManagedProfile(const ConnectionProfile &profile);
    ConnectionProfile profile() const;        // from the fields, as typed
    QString errorText() const;                // the inline error shown, empty if none
    QString keychainNote() const;             // keychain problems (not fatal), empty if none
    bool isConnecting() const;
    // Shows `message` inline (e.g. why a start-up connection failed) and focuses `field`.
    void showError(const QString &message, QWidget *field = nullptr);

    // The loaded session after accept(); the caller takes ownership. Null before.
    Session *takeSession();

    // Escape / Cancel while connecting abandons the attempt and keeps the dialog open.
    void reject() override;

signals:
    void connectionAttemptStarted();

private:
    void build();
    void connectNow();
    void cancelAttempt();
    bool validateFields();
    void setBusy(bool busy);
    void updateCaState();
    void browseCaFile();
    void deleteProfile();
    void onSessionReady();
    void onSessionFailed(const DbError &error);
    void finish();

    ProfileStore &m_profiles;
    SecretStore &m_secrets;
    QPointer<Session> m_session;
    bool m_done = false;
    QString m_loadedName;
    std::optional<ConnectionProfile> m_managed; // the file's profile: its saved copy does not replace it

    QComboBox *m_profileName = nullptr;
    QPushButton *m_deleteProfile = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browseCa = nullptr;
    QSpinBox *m_timeout = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_keychain = nullptr;
    QLabel *m_busyText = nullptr;
    QProgressBar *m_busy = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_connect = nullptr;
};
