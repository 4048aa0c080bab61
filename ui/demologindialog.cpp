#include "demologindialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

#include "demologins.h"
#include "mainwindow.h"
#include "session.h"

using namespace Qt::StringLiterals;

DemoLoginDialog::DemoLoginDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(u"Demo: choose a login"_s);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(u"Each demo login has one staff role. PostgreSQL enforces what it may do; "
                             "the console disables the rest."_s);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_choices = new QButtonGroup(this);
    int shortcut = 1;
    const auto add = [this, layout, &shortcut](const QString &login, const QString &description) {
        auto *button = new QRadioButton(u"&%1  %2 — %3"_s.arg(QString::number(shortcut++), login, description));
        button->setObjectName(login);
        button->setAccessibleName(login);
        m_choices->addButton(button);
        layout->addWidget(button);
    };
    for (const DemoLogins::Login &login : DemoLogins::logins())
        add(login.name, login.description);
    add(superuserLogin(), u"Superuser: everything, including creating staff logins"_s);
    m_choices->buttons().constFirst()->setChecked(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::accepted, this, [this] { emit chosen(chosenLogin()); });
}

QString DemoLoginDialog::chosenLogin() const
{
    const QAbstractButton *checked = m_choices->checkedButton();
    return checked ? checked->objectName() : QString();
}

void DemoLoginDialog::choose(const QString &login)
{
    for (QAbstractButton *button : m_choices->buttons()) {
        if (button->objectName() == login)
            button->setChecked(true);
    }
}

void DemoLoginDialog::openDemoSession(MainWindow &window, const ConnectionProfile &superuserProfile,
                                      const QString &login)
{
    const auto openAs = [&window, superuserProfile](const QString &chosen) {
        ConnectionProfile profile = superuserProfile;
        profile.user = chosen;
        profile.name = profile.displayName();
        window.openSession(new Session(profile, QString(), true));
    };
    if (!login.isEmpty()) {
        openAs(login);
        return;
    }
    auto *dialog = new DemoLoginDialog(&window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DemoLoginDialog::chosen, &window, openAs);
    dialog->open();
}
