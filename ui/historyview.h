#pragma once

#include <QWidget>

#include <memory>

#include "auditstore.h"
#include "connectionfactory.h"

class AuditChangesView;
class AuditReader;
class QLabel;
class QTreeWidget;

// A History tab for a detail pane: one row's audit entries (newest first, at most 200: when, login,
// staff roles in effect, operation, changed columns, what made the change) and the selected
// entry's before/after with its word diff. Give it the session's AuditReader (or a connection factory,
// for a reader of its own) once, then showRow() for each row shown; stale answers are dropped.
class HistoryView : public QWidget
{
    Q_OBJECT

public:
    enum Column { When, Login, Role, Operation, Changed, Source };

    explicit HistoryView(QWidget *parent = nullptr);
    ~HistoryView() override;

    void setConnectionFactory(ConnectionFactory factory);   // a reader of its own; empty: disconnected
    void setAuditReader(AuditReader *reader);               // not owned, outlives its use; null: disconnected
    // `keyText`: the row's id, or "user_id,installation_id" for user_installations.
    void showRow(const QString &table, const QString &keyText);
    void clear();

    QTreeWidget *entries() const { return m_entries; }
    AuditChangesView *changesView() const { return m_changes; }
    QString statusText() const;

signals:
    void loaded(int entries);   // after showRow() finished (also on error, with -1)

private:
    void showEntries(const QList<AuditEntry> &entries);
    void onCurrentEntryChanged();

    std::unique_ptr<AuditReader> m_ownReader;
    AuditReader *m_reader = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_entries = nullptr;
    AuditChangesView *m_changes = nullptr;
    quint64 m_generation = 0;
    qint64 m_wantedEntry = -1;
};
