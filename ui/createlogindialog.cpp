#include "createlogindialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "stafflogincreator.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

namespace {

struct RoleChoice
{
    QString role;
    QString label;
};

const QList<RoleChoice> &roleChoices()
{
    static const QList<RoleChoice> choices = {
        {u"staff_reviewer"_s, u"&Reviewer: reads everything, edits and publishes drafts"_s},
        {u"staff_admin"_s, u"&Admin: a reviewer who also edits preferences and memberships"_s},
        {u"staff_support"_s, u"&Support: reads everything, edits Stripe customer links"_s},
    };
    return choices;
}

} // namespace

CreateLoginDialog::CreateLoginDialog(ConnectionFactory factory, QWidget *parent)
    : QDialog(parent)
    , m_factory(std::move(factory))
{
    setWindowTitle(u"Create staff login"_s);
    m_login = new QLineEdit;
    m_login->setAccessibleName(u"Login name"_s);
    m_login->setPlaceholderText(u"e.g. jane_doe"_s);
    m_login->setMaxLength(63);

    auto *form = new QFormLayout;
    form->addRow(u"&Login name:"_s, m_login);
    auto *roles = new QVBoxLayout;
    for (const RoleChoice &choice : roleChoices()) {
        auto *box = new QCheckBox(choice.label);
        box->setObjectName(choice.role);
        box->setAccessibleName(choice.role);
        roles->addWidget(box);
        m_roles.append(box);
        connect(box, &QCheckBox::toggled, this, &CreateLoginDialog::validate);
    }
    form->addRow(u"Roles:"_s, roles);

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Qt::darkRed);
    m_error->setPalette(errorPalette);

    m_passwordNote = new QLabel(u"The password is shown only now. Give it to the person through a safe "
                                "channel; the console does not keep it."_s);
    m_passwordNote->setWordWrap(true);
    m_password = new QLineEdit;
    m_password->setAccessibleName(u"Generated password"_s);
    m_password->setReadOnly(true);
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copy = new QPushButton(u"&Copy password"_s);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_copy);
    for (QWidget *w : {static_cast<QWidget *>(m_passwordNote), static_cast<QWidget *>(m_password),
                       static_cast<QWidget *>(m_copy)})
        w->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_create = m_buttons->addButton(u"C&reate"_s, QDialogButtonBox::ActionRole);
    m_create->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_passwordNote);
    layout->addLayout(passwordRow);
    layout->addWidget(m_buttons);

    connect(m_login, &QLineEdit::textChanged, this, &CreateLoginDialog::validate);
    connect(m_create, &QPushButton::clicked, this, &CreateLoginDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_password->text()); });
    validate();
}

CreateLoginDialog::~CreateLoginDialog()
{
    m_password->clear();
}

QCheckBox *CreateLoginDialog::roleBox(const QString &role) const
{
    for (QCheckBox *box : m_roles) {
        if (box->objectName() == role)
            return box;
    }
    return nullptr;
}

QStringList CreateLoginDialog::chosenRoles() const
{
    QStringList roles;
    for (const QCheckBox *box : m_roles) {
        if (box->isChecked())
            roles << box->objectName();
    }
    return roles;
}

void CreateLoginDialog::validate()
{
    const QString login = m_login->text().trimmed();
    QString problem;
    if (!login.isEmpty() && !StaffLoginCreator::isValidLogin(login))
        problem = u"Use 3 to 63 lower-case letters, digits or underscores, not starting with a digit."_s;
    m_error->setText(problem);
    m_error->setToolTip({});
    m_create->setEnabled(!m_busy && problem.isEmpty() && !login.isEmpty() && !chosenRoles().isEmpty());
}

void CreateLoginDialog::create()
{
    const QString login = m_login->text().trimmed();
    const QStringList roles = chosenRoles();
    m_busy = true;
    m_error->clear();
    validate();
    auto creating = QtConcurrent::run([factory = m_factory, login, roles]() -> std::expected<QString, DbError> {
        auto conn = factory(u"create login"_s);
        if (!conn)
            return std::unexpected(conn.error());
        return StaffLoginCreator((*conn)->db()).create(login, roles);
    });
    whenFinished(this, std::move(creating), [this, login](std::expected<QString, DbError> password) {
        m_busy = false;
        if (!password) {
            validate();
            m_error->setText(password.error().message);
            m_error->setToolTip(password.error().detail);
            return;
        }
        m_password->setText(*password);
        password->fill(u'\0');
        for (QWidget *w : {static_cast<QWidget *>(m_passwordNote), static_cast<QWidget *>(m_password),
                           static_cast<QWidget *>(m_copy)})
            w->show();
        m_login->setReadOnly(true);
        for (QCheckBox *box : m_roles)
            box->setEnabled(false);
        m_create->setEnabled(false);
        m_create->hide();
        emit loginCreated(login);
    });
}
