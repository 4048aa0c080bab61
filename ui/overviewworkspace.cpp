#include "overviewworkspace.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include "roleabilities.h"
#include "rolepolicy.h"
#include "session.h"
#include "sessionsummary.h"

using namespace Qt::StringLiterals;

namespace {

const QStringList &tableLabels()
{
    static const QStringList labels = {u"Users"_s, u"Installations"_s, u"Memberships"_s,
                                       u"Preference rows"_s, u"Drafts"_s};
    return labels;
}

} // namespace

OverviewWorkspace::OverviewWorkspace(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"overviewWorkspace"_s);
    setAccessibleName(u"Overview"_s);
    m_heading = new QLabel(this);
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_heading->setFont(big);
    m_subtitle = new QLabel(this);
    m_subtitle->setWordWrap(true);
    m_connect = new QPushButton(u"Connect…"_s, this);
    m_connect->setAccessibleName(u"Connect to a database"_s);
    m_connect->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    connect(m_connect, &QPushButton::clicked, this, &OverviewWorkspace::connectRequested);

    auto *factsBox = new QGroupBox(u"Connected to"_s, this);
    auto *facts = new QFormLayout(factsBox);
    m_server = addFact(facts, u"Server"_s);
    m_database = addFact(facts, u"Database"_s);
    m_login = addFact(facts, u"Login"_s);
    m_roles = addFact(facts, u"Staff roles"_s);
    m_schema = addFact(facts, u"Schema"_s);
    m_security = addFact(facts, u"Connection"_s);
    m_github = addFact(facts, u"GitHub"_s);
    facts->setRowVisible(m_github, false);
    m_factsForm = facts;
    m_facts = factsBox;

    auto *dataBox = new QGroupBox(u"Data"_s, this);
    auto *data = new QFormLayout(dataBox);
    for (const QString &label : tableLabels())
        m_counts << addFact(data, label);
    m_data = dataBox;

    auto *abilitiesBox = new QGroupBox(u"What you can do here"_s, this);
    m_abilities = new QLabel(abilitiesBox);
    m_abilities->setTextFormat(Qt::RichText);
    m_abilities->setWordWrap(true);
    m_abilities->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_abilities->setAccessibleName(u"What you can do here"_s);
    auto *abilitiesLayout = new QVBoxLayout(abilitiesBox);
    abilitiesLayout->addWidget(m_abilities);
    m_abilitiesBox = abilitiesBox;

    auto *row = new QHBoxLayout;
    row->addWidget(m_facts, 3);
    row->addWidget(m_data, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(12);
    layout->addWidget(m_heading);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_connect);
    layout->addLayout(row);
    layout->addWidget(m_abilitiesBox);
    m_hint = new QLabel(u"Switch workspaces with Ctrl+1 … Ctrl+9 (View menu); F1 lists every keyboard "
                        u"shortcut; F5 reads the connection details again."_s, this);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hint);
    layout->addStretch(1);
    showSession(nullptr);
}

QLabel *OverviewWorkspace::addFact(QFormLayout *form, const QString &label)
{
    auto *value = new QLabel(this);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setObjectName(label);   // the row's label; a screen reader reads the value's text
    form->addRow(label + u':', value);
    return value;
}

void OverviewWorkspace::showConnecting(const QString &where)
{
    m_heading->setText(u"Connecting…"_s);
    m_subtitle->setText(where);
    m_connect->hide();
    m_facts->hide();
    m_data->hide();
    m_abilitiesBox->hide();
    m_hint->hide();
}

void OverviewWorkspace::showSession(const Session *session)
{
    if (!session || !session->isLoaded()) {
        m_heading->setText(u"Not connected"_s);
        m_subtitle->setText(u"Staff Console works on the product's PostgreSQL database. Connect with "
                            u"your own login to review drafts, look after users and installations."_s);
        m_connect->show();
        m_facts->hide();
        m_data->hide();
        m_abilitiesBox->hide();
        m_hint->hide();
        return;
    }
    const SessionSummary summary(*session);
    m_heading->setText(u"Welcome, %1"_s.arg(session->login()));
    m_subtitle->setText(session->sandbox()
                            ? u"This is the sandbox: a private demo database on this computer. Nothing "
                              u"you do here touches production."_s
                            : u"Connected with profile “%1”."_s.arg(session->profile().name));
    m_connect->hide();
    m_server->setText(summary.server());
    m_database->setText(session->database());
    m_login->setText(session->login());
    m_roles->setText(summary.roles());
    m_schema->setText(summary.schema());
    m_security->setText(summary.transport());
    m_facts->show();

    const auto &info = session->info();
    const QLocale locale;
    for (int i = 0; i < m_counts.size(); ++i) {
        QString text = u"—"_s;
        if (info && i < info->tables.size() && info->tables.at(i).rows >= 0) {
            const auto &t = info->tables.at(i);
            text = (t.estimate ? u"≈ "_s : QString()) + locale.toString(t.rows);
        }
        m_counts.at(i)->setText(text);
    }
    m_data->show();

    const RoleAbilities abilities(info ? RolePolicy::fromSessionInfo(*info) : RolePolicy(), session->isSuperuser());
    m_abilities->setText(abilities.html());
    m_abilitiesText = abilities.text();
    m_abilities->setAccessibleDescription(m_abilitiesText);
    m_abilitiesBox->show();
    m_hint->show();
}

void OverviewWorkspace::showGitHubTarget(const QString &text)
{
    m_github->setText(text);
    m_factsForm->setRowVisible(m_github, !text.isEmpty());
}

QString OverviewWorkspace::summaryText() const
{
    QStringList lines{m_heading->text(), m_subtitle->text()};
    for (const QLabel *l : {m_server, m_database, m_login, m_roles, m_schema, m_security, m_github}) {
        if (!m_facts->isHidden() && (l != m_github || !l->text().isEmpty()))
            lines << l->objectName() + u": "_s + l->text();
    }
    for (const QLabel *l : m_counts) {
        if (!m_data->isHidden())
            lines << l->objectName() + u": "_s + l->text();
    }
    if (!m_abilitiesBox->isHidden())
        lines << m_abilitiesText;
    return lines.join(u'\n');
}
