#pragma once

#include <QWidget>

#include <optional>

#include "auditstore.h"

class QLabel;
class QTableWidget;
class QTextBrowser;

// One audit entry's columns side by side: column | before | after, changed values highlighted,
// and below them a word-level diff of every changed text (a draft's content, a title): deleted
// words struck through, inserted words underlined, line breaks kept. JSON strings are shown
// unquoted, timestamps in the console's one time format; every other JSON value exactly as stored
// (the tooltip always holds the stored JSON).
class AuditChangesView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditChangesView(QWidget *parent = nullptr);

    void showChanges(const QList<AuditChange> &changes);
    void showMessage(const QString &message);   // e.g. "Select an entry." or an error
    QString message() const { return m_message; }

    QTableWidget *table() const { return m_table; }
    QTextBrowser *diffView() const { return m_diff; }
    // The word diffs shown, "[-deleted-]{+inserted+}" marked, one "column:" block each; empty: none.
    QString diffText() const { return m_diffText; }

    static QString displayValue(const QString &json);
    // The decoded string when `json` is a JSON string; nullopt for every other JSON value.
    static std::optional<QString> jsonString(const QString &json);

private:
    QTableWidget *m_table = nullptr;
    QLabel *m_diffHeading = nullptr;
    QTextBrowser *m_diff = nullptr;
    QString m_message;
    QString m_diffText;
};
