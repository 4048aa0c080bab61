#pragma once

#include <QDialog>

#include "connectionfactory.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// "Create staff login…": a login name and its staff roles; the login is created on a worker
// thread (StaffLoginCreator) and its generated password is shown once, in this dialog only: it is
// not stored, logged or copied anywhere unless the user presses Copy. Errors show inline.
class CreateLoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CreateLoginDialog(ConnectionFactory factory, QWidget *parent = nullptr);
    ~CreateLoginDialog() override;

    QLineEdit *loginField() const { return m_login; }
    QCheckBox *roleBox(const QString &role) const;
    QLineEdit *passwordField() const { return m_password; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *createButton() const { return m_create; }
    bool isBusy() const { return m_busy; }

signals:
    void loginCreated(const QString &login);

private:
    void validate();
    void create();
    QStringList chosenRoles() const;

    ConnectionFactory m_factory;
    QLineEdit *m_login = nullptr;
    QList<QCheckBox *> m_roles;
    QLabel *m_error = nullptr;
    QLabel *m_passwordNote = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_create = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
};
