#include "auditworkspace.h"

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include "auditchangesview.h"
#include "auditlist.h"
#include "auditreader.h"
#include "listtableview.h"
#include "pagedlistmodel.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

namespace {

const QDateTime kAnyTime(QDate(2000, 1, 1), QTime(0, 0));

// The table filter's items as people name the records (the table name stays the item's data).
QString recordKind(const QString &table)
{
    if (table == u"draft_content")
        return u"Drafts"_s;
    if (table == u"users")
        return u"Users"_s;
    if (table == u"github_app_installations")
        return u"Installations"_s;
    if (table == u"user_installations")
        return u"Memberships"_s;
    if (table == u"user_preferences")
        return u"Preferences"_s;
    if (table == u"draft_publications")
        return u"Publications"_s;
    return table;
}

QDateTimeEdit *makeTimeEdit(const QString &name)
{
    auto *edit = new QDateTimeEdit;
    edit->setAccessibleName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    edit->setMinimumDateTime(kAnyTime);
    edit->setSpecialValueText(u"any"_s);
    edit->setDateTime(kAnyTime);
    return edit;
}

} // namespace

AuditWorkspace::AuditWorkspace(QWidget *parent)
    : ListWorkspace(AuditList::definition(), parent)
{
    m_table = new QComboBox;
    m_table->setAccessibleName(u"Table filter"_s);
    m_table->addItem(u"Any record"_s, QString());
    for (const QString &table : AuditStore::auditedTables())
        m_table->addItem(recordKind(table), table);
    m_table->setToolTip(u"Which kind of record (table)"_s);
    m_row = makeFilterField(u"Row filter"_s, u"Row id (user_id,installation_id)"_s);
    m_login = makeFilterField(u"Login filter"_s, u"Login"_s);
    m_from = makeTimeEdit(u"Changed from"_s);
    m_to = makeTimeEdit(u"Changed before"_s);
    m_from->setToolTip(u"Changes at or after this time"_s);
    m_to->setToolTip(u"Changes before this time"_s);

    filterBar()->addWidget(m_table);
    filterBar()->addWidget(m_row, 1);
    filterBar()->addWidget(m_login, 1);
    auto *fromLabel = new QLabel(u"&From"_s);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(u"&Before"_s);
    toLabel->setBuddy(m_to);
    filterBar()->addWidget(fromLabel);
    filterBar()->addWidget(m_from);
    filterBar()->addWidget(toLabel);
    filterBar()->addWidget(m_to);

    connect(m_row, &QLineEdit::textChanged, this, &AuditWorkspace::updateRowHint);
    connect(m_table, &QComboBox::currentIndexChanged, this, &AuditWorkspace::updateRowHint);
    connect(m_table, &QComboBox::currentIndexChanged, this, &AuditWorkspace::applyFilters);
    for (QDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &AuditWorkspace::applyFilters);

    m_openRecord = new QAction(u"Open record"_s, this);
    m_openRecord->setShortcut(QKeySequence(u"Ctrl+Return"_s));
    m_openRecord->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openRecord->setObjectName(u"Open the changed record"_s);
    m_openRecord->setToolTip(u"Open the record this entry changed (Ctrl+Return, or double-click the entry)"_s);
    m_openRecord->setStatusTip(m_openRecord->toolTip());
    addAction(m_openRecord);
    const auto openCurrent = [this] {
        const int row = view()->currentIndex().row();
        if (!model() || row < 0 || !model()->isLoaded(row))
            return;
        // The edit role carries the stored values, whatever the cells show.
        emit recordRequested(model()->index(row, AuditList::Table).data(Qt::EditRole).toString(),
                             model()->index(row, AuditList::Record).data(Qt::EditRole).toString());
    };
    connect(m_openRecord, &QAction::triggered, this, openCurrent);
    connect(view(), &QAbstractItemView::activated, this, openCurrent);

    m_changes = new AuditChangesView;
    setDetailPane(m_changes);
    connect(this, &ListWorkspace::modelChanged, this, &AuditWorkspace::onModelChanged);
    onModelChanged();
}

AuditWorkspace::~AuditWorkspace() = default;

void AuditWorkspace::showRow(const QString &table, const QString &keyText)
{
    const QSignalBlocker blockTable(m_table), blockRow(m_row), blockLogin(m_login), blockFrom(m_from),
        blockTo(m_to);
    m_table->setCurrentIndex(std::max(0, m_table->findData(table)));
    m_row->setText(keyText);
    m_login->clear();
    m_from->setDateTime(kAnyTime);
    m_to->setDateTime(kAnyTime);
    updateRowHint();
    applyFilters();
}

void AuditWorkspace::updateRowHint()
{
    const QString table = m_table->currentData().toString();
    const QString text = m_row->text().trimmed();
    const bool unusable = !text.isEmpty() && (table.isEmpty() || AuditStore::rowKeyFor(table, text).isEmpty());
    m_row->setToolTip(unusable ? (table.isEmpty() ? u"Choose a kind of record to filter by row."_s
                                                  : u"Not a row key of %1 (%2)."_s.arg(recordKind(table), table))
                               : u"Row id; for user_installations: user_id,installation_id"_s);
    QPalette palette = m_row->palette();
    palette.setColor(QPalette::Text, unusable ? Qt::red : this->palette().color(QPalette::Text));
    m_row->setPalette(palette);
}

QVariantMap AuditWorkspace::filterValues() const
{
    QVariantMap filters;
    const QString table = m_table->currentData().toString();
    if (!table.isEmpty())
        filters.insert(u"table"_s, table);
    if (const QString key = AuditStore::rowKeyFor(table, m_row->text().trimmed()); !key.isEmpty())
        filters.insert(u"rowKey"_s, key);
    if (const QString login = m_login->text().trimmed(); !login.isEmpty())
        filters.insert(u"login"_s, login);
    if (m_from->dateTime() != kAnyTime)
        filters.insert(u"from"_s, m_from->dateTime());
    if (m_to->dateTime() != kAnyTime)
        filters.insert(u"to"_s, m_to->dateTime());
    return filters;
}

void AuditWorkspace::onModelChanged()
{
    m_wanted = -1;
    m_changes->showMessage(connectionFactory() ? u"Select an entry to see what changed."_s : u"Not connected."_s);
}

void AuditWorkspace::setAuditReader(AuditReader *reader)
{
    m_reader = reader;
    m_wanted = -1;
    m_changes->showMessage(connectionFactory() ? u"Select an entry to see what changed."_s : u"Not connected."_s);
}

void AuditWorkspace::currentRowChanged(int row)
{
    const qint64 id = (row >= 0 && model()) ? model()->idAt(row) : -1;
    if (id == m_wanted)
        return;
    m_wanted = id;
    if (id < 0 || !m_reader) {
        m_changes->showMessage(u"Select an entry to see what changed."_s);
        return;
    }
    m_changes->showMessage(u"Loading entry %1…"_s.arg(id));
    whenFinished(this, m_reader->changes(id), [this, id](const std::expected<QList<AuditChange>, DbError> &changes) {
        if (id != m_wanted)
            return;
        if (!changes) {
            m_changes->showMessage(changes.error().message);
            return;
        }
        if (changes->isEmpty())
            m_changes->showMessage(u"No column changed."_s);
        else
            m_changes->showChanges(*changes);
    });
}
