#include "schemabanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "session.h"

using namespace Qt::StringLiterals;

namespace {

QString migrateCommand(const Session &session)
{
    return u"staff-console migrate --db \"%1\""_s.arg(session.profile().toUri());
}

} // namespace

SchemaBanner::SchemaBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"schemaBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setObjectName(u"schemaStatus"_s);
    m_migrate = new QPushButton(u"&Migrate now"_s, this);
    m_migrate->setAccessibleName(u"Migrate the database schema now"_s);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_migrate, 0, Qt::AlignVCenter);
    connect(m_migrate, &QPushButton::clicked, this, &SchemaBanner::migrateRequested);
    hide();
}

void SchemaBanner::setTone(bool error)
{
    QPalette pal = palette();
    pal.setColor(QPalette::Window, error ? QColor(0xfd, 0xec, 0xea) : QColor(0xff, 0xf4, 0xd6));
    pal.setColor(QPalette::WindowText, QColor(0x33, 0x22, 0x00));
    setPalette(pal);
}

void SchemaBanner::showSession(const Session *session)
{
    m_migrate->setEnabled(true);
    if (!session || !session->isLoaded()) {
        hide();
        return;
    }
    const auto &schema = session->schema();
    if (!schema) {
        m_text->setText(u"The schema version could not be read, so the console is read-only. "_s
                        + session->schemaError());
        m_migrate->hide();
        setTone(true);
        show();
        return;
    }
    using State = SchemaStatus::State;
    QString text;
    switch (schema->state) {
    case State::UpToDate:
        hide();
        return;
    case State::Ahead:
        text = u"The console is read-only. "_s + schema->describe()
               + u" Writing could damage data this version does not understand: update Staff Console."_s;
        m_migrate->hide();
        setTone(true);
        break;
    case State::Empty:
    case State::Behind:
        text = schema->describe();
        if (schema->canMigrate)
            text += u" Migrate now applies the missing steps in one transaction."_s;
        else
            text += u" For example: "_s + migrateCommand(*session);
        m_migrate->setVisible(schema->canMigrate);
        setTone(false);
        break;
    }
    m_text->setText(text);
    show();
}

void SchemaBanner::showMigrating()
{
    m_text->setText(u"Migrating the schema…"_s);
    m_migrate->setEnabled(false);
    show();
}

void SchemaBanner::showMigrationError(const QString &text)
{
    m_text->setText(text);
    m_migrate->setEnabled(true);
    setTone(true);
    show();
}

QString SchemaBanner::text() const
{
    return isHidden() ? QString() : m_text->text();
}

bool SchemaBanner::offersMigration() const
{
    return !isHidden() && !m_migrate->isHidden() && m_migrate->isEnabled();
}
