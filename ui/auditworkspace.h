#pragma once

#include <memory>

#include "listworkspace.h"

class AuditChangesView;
class AuditReader;
class QComboBox;
class QDateTimeEdit;
class QAction;
class QLabel;
class QLineEdit;

// The audit log, newest first, through the keyset-paged list model (AuditList: staff roles, record
// names, what made each change); filters by kind of record, row key, login and time range; the
// selected entry's before/after side by side with a word diff of changed text (read on
// AuditReader's thread). Needs a staff role: PostgreSQL refuses others, and the refusal is shown in the list.
class AuditWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit AuditWorkspace(QWidget *parent = nullptr);
    ~AuditWorkspace() override;

    // Shows one row's history: sets the table and row filters (clearing login and time).
    void showRow(const QString &table, const QString &keyText);

    QComboBox *tableFilter() const { return m_table; }
    QLineEdit *rowFilter() const { return m_row; }
    QLineEdit *loginFilter() const { return m_login; }
    AuditChangesView *changesView() const { return m_changes; }
    // "Open record" (Ctrl+Return; Return or a double-click on a row): recordRequested() with the
    // current entry's table and row key (JSON, as stored).
    QAction *openRecordAction() const { return m_openRecord; }

signals:
    void recordRequested(const QString &table, const QString &rowKey);

protected:
    QVariantMap filterValues() const override;
    void currentRowChanged(int row) override;

private:
    void onModelChanged();
    void updateRowHint();

    QComboBox *m_table = nullptr;
    QLineEdit *m_row = nullptr;
    QLineEdit *m_login = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    AuditChangesView *m_changes = nullptr;
    QAction *m_openRecord = nullptr;
    std::unique_ptr<AuditReader> m_reader;
    qint64 m_wanted = -1;
};
