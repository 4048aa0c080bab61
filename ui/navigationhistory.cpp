#include "navigationhistory.h"

NavigationHistory::NavigationHistory(QObject *parent)
    : QObject(parent)
{
}

void NavigationHistory::visit(const RecordRef &record, bool replaceSameKind)
{
    if (m_index >= 0 && m_entries.at(m_index) == record)
        return;
    m_entries.resize(m_index + 1);   // forward entries go
    if (replaceSameKind && m_index >= 0 && m_entries.at(m_index).kind == record.kind) {
        m_entries[m_index] = record;
    } else {
        m_entries.append(record);
        if (m_entries.size() > capacity())
            m_entries.removeFirst();
        m_index = m_entries.size() - 1;
    }
    emit changed();
}

std::optional<RecordRef> NavigationHistory::back()
{
    if (!canGoBack())
        return std::nullopt;
    --m_index;
    emit changed();
    return m_entries.at(m_index);
}

std::optional<RecordRef> NavigationHistory::forward()
{
    if (!canGoForward())
        return std::nullopt;
    ++m_index;
    emit changed();
    return m_entries.at(m_index);
}

std::optional<RecordRef> NavigationHistory::current() const
{
    if (m_index < 0)
        return std::nullopt;
    return m_entries.at(m_index);
}
