#pragma once

#include <QDialog>

#include "connectionprofile.h"

class MainWindow;
class QButtonGroup;

// The demo's start: which login to use (demo_reviewer, demo_admin, demo_support, or the
// superuser), so the role-based UI can be seen. Emits chosen() on OK; the caller opens the session.
class DemoLoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DemoLoginDialog(QWidget *parent = nullptr);

    QString chosenLogin() const;
    void choose(const QString &login);   // preselects (tests, --demo-login)

    static QString superuserLogin() { return QStringLiteral("postgres"); }

    // Opens the demo session in `window` as `login`, or (empty) after asking with this dialog.
    // `superuserProfile` is the demo database's profile; only its user changes.
    static void openDemoSession(MainWindow &window, const ConnectionProfile &superuserProfile, const QString &login);

signals:
    void chosen(const QString &login);

private:
    QButtonGroup *m_choices = nullptr;
};
