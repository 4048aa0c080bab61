#pragma once

#include <QTableWidget>

#include "auditstore.h"

// One audit entry's columns side by side: column | before | after, changed values highlighted.
// JSON strings are shown unquoted; every other JSON value exactly as stored.
class AuditChangesView : public QTableWidget
{
    Q_OBJECT

public:
    explicit AuditChangesView(QWidget *parent = nullptr);

    void showChanges(const QList<AuditChange> &changes);
    void showMessage(const QString &message);   // e.g. "Select an entry." or an error
    QString message() const { return m_message; }

    static QString displayValue(const QString &json);

private:
    QString m_message;
};
