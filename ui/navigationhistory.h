#pragma once

#include <QList>
#include <QObject>

#include <optional>

#include "recordref.h"

// Back/Forward over the records shown, across workspaces (widget-free). visit() adds a record
// after the current one and drops what was forward of it; with `replaceSameKind` a record of the
// current one's kind replaces it (browsing a list is one step, following a link is another).
// back()/forward() move and return the record to show; the caller shows it without visiting it.
// Holds at most capacity() entries (the oldest go). UI thread.
class NavigationHistory : public QObject
{
    Q_OBJECT

public:
    explicit NavigationHistory(QObject *parent = nullptr);

    void visit(const RecordRef &record, bool replaceSameKind = false);
    std::optional<RecordRef> back();
    std::optional<RecordRef> forward();
    std::optional<RecordRef> current() const;
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index + 1 < m_entries.size(); }
    QList<RecordRef> entries() const { return m_entries; }
    static constexpr qsizetype capacity() { return 100; }

signals:
    void changed();

private:
    QList<RecordRef> m_entries;
    qsizetype m_index = -1;
};
