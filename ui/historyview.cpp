#include "historyview.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "auditchangesview.h"
#include "auditreader.h"
#include "timeformat.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kHistoryLimit = 200;
constexpr int kIdRole = Qt::UserRole + 1;

// "this draft", for a history with no entries to take the record's name from.
QString thisRecord(const QString &table)
{
    if (table == u"draft_content")
        return u"this draft"_s;
    if (table == u"users")
        return u"this user"_s;
    if (table == u"github_app_installations")
        return u"this installation"_s;
    if (table == u"user_installations")
        return u"this membership"_s;
    if (table == u"user_preferences")
        return u"this preference row"_s;
    if (table == u"draft_publications")
        return u"this publication"_s;
    return table;
}

} // namespace

HistoryView::HistoryView(QWidget *parent)
    : QWidget(parent)
{
    m_status = new QLabel(u"Not connected."_s);
    m_entries = new QTreeWidget;
    m_entries->setAccessibleName(u"History entries"_s);
    m_entries->setRootIsDecorated(false);
    m_entries->setUniformRowHeights(true);
    m_entries->setHeaderLabels({u"When"_s, u"Login"_s, u"Role"_s, u"Operation"_s, u"Changed columns"_s, u"Made by"_s});
    m_entries->header()->setStretchLastSection(true);
    m_changes = new AuditChangesView;
    m_changes->showMessage(u"Select an entry to see what changed."_s);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_entries);
    splitter->addWidget(m_changes);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_entries, &QTreeWidget::currentItemChanged, this, &HistoryView::onCurrentEntryChanged);
}

HistoryView::~HistoryView() = default;

void HistoryView::setConnectionFactory(ConnectionFactory factory)
{
    ++m_generation;
    m_ownReader = factory ? std::make_unique<AuditReader>(std::move(factory)) : nullptr;
    m_reader = m_ownReader.get();
    clear();
}

void HistoryView::setAuditReader(AuditReader *reader)
{
    ++m_generation;
    m_ownReader.reset();
    m_reader = reader;
    clear();
}

void HistoryView::clear()
{
    ++m_generation;
    m_wantedEntry = -1;
    m_entries->clear();
    m_status->setText(m_reader ? u"No row selected."_s : u"Not connected."_s);
    m_changes->showMessage(u"Select an entry to see what changed."_s);
}

QString HistoryView::statusText() const
{
    return m_status->text();
}

void HistoryView::showRow(const QString &table, const QString &keyText)
{
    clear();
    if (!m_reader)
        return;
    const QString key = AuditStore::rowKeyFor(table, keyText);
    if (key.isEmpty()) {
        m_status->setText(u"%1 has no audit history for \"%2\"."_s.arg(table, keyText));
        emit loaded(-1);
        return;
    }
    const quint64 generation = m_generation;
    m_status->setText(u"Loading the history…"_s);
    whenFinished(this, m_reader->history(table, key, kHistoryLimit),
        [this, generation, table](const std::expected<QList<AuditEntry>, DbError> &entries) {
            if (generation != m_generation)
                return;
            if (!entries) {
                m_status->setText(entries.error().message);
                m_status->setToolTip(entries.error().text());
                emit loaded(-1);
                return;
            }
            showEntries(*entries);
            const QString more = entries->size() == kHistoryLimit ? u" (the newest %1)"_s.arg(kHistoryLimit) : QString();
            if (entries->isEmpty())
                m_status->setText(u"No recorded changes of %1."_s.arg(thisRecord(table)));
            else
                m_status->setText(entries->size() == 1
                                      ? u"1 change of %1."_s.arg(entries->first().recordName)
                                      : u"%1 changes of %2%3."_s.arg(QString::number(entries->size()),
                                                                     entries->first().recordName, more));
            emit loaded(int(entries->size()));
        });
}

void HistoryView::showEntries(const QList<AuditEntry> &entries)
{
    QList<QTreeWidgetItem *> items;
    items.reserve(entries.size());
    for (const AuditEntry &entry : entries) {
        const QString roles = AuditStore::staffRolesText(entry.staffRoles);
        auto *item = new QTreeWidgetItem({TimeFormat::text(entry.at), entry.login, roles.isEmpty() ? u"—"_s : roles,
                                          entry.operation, entry.changedColumns.join(u", "_s),
                                          AuditStore::sourceLabel(entry.applicationName)});
        item->setData(0, kIdRole, entry.id);
        item->setToolTip(When, TimeFormat::textWithZone(entry.at));
        item->setToolTip(Role, u"Staff roles in effect: %1 (as %2)"_s.arg(roles.isEmpty() ? u"none"_s : roles, entry.role));
        item->setToolTip(Source, entry.applicationName);
        items.append(item);
    }
    m_entries->addTopLevelItems(items);
}

void HistoryView::onCurrentEntryChanged()
{
    const QTreeWidgetItem *item = m_entries->currentItem();
    const qint64 id = item ? item->data(0, kIdRole).toLongLong() : -1;
    m_wantedEntry = id;
    if (id < 0 || !m_reader) {
        m_changes->showMessage(u"Select an entry to see what changed."_s);
        return;
    }
    m_changes->showMessage(u"Loading…"_s);
    whenFinished(this, m_reader->changes(id), [this, id](const std::expected<QList<AuditChange>, DbError> &changes) {
        if (id != m_wantedEntry)
            return;
        if (!changes)
            m_changes->showMessage(changes.error().message);
        else if (changes->isEmpty())
            m_changes->showMessage(u"No column changed."_s);
        else
            m_changes->showChanges(*changes);
    });
}
