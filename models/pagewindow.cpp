#include "pagewindow.h"

#include <algorithm>
#include <cstdlib>

void PageWindow::clear()
{
    m_pages.clear();
    m_firstKeys.clear();
    m_lastKeys.clear();
}

const PageWindow::Page *PageWindow::page(int index) const
{
    const auto it = m_pages.find(index);
    return it == m_pages.end() ? nullptr : &it->second;
}

void PageWindow::insert(int index, Page page, int focus)
{
    if (page.rows && page.rows->size() > 0) {
        m_firstKeys.insert(index, page.first);
        m_lastKeys.insert(index, page.last);
    }
    m_pages[index] = std::move(page);
    evict(focus);
}

void PageWindow::dropFrom(int index)
{
    m_pages.erase(m_pages.lower_bound(index), m_pages.end());
    m_firstKeys.removeIf([index](const auto &it) { return it.key() >= index; });
    m_lastKeys.removeIf([index](const auto &it) { return it.key() >= index; });
}

std::optional<PageKey> PageWindow::keyBefore(int index) const
{
    const auto it = m_lastKeys.constFind(index - 1);
    if (it == m_lastKeys.cend())
        return std::nullopt;
    return *it;
}

std::optional<PageKey> PageWindow::keyAfter(int index) const
{
    const auto it = m_firstKeys.constFind(index + 1);
    if (it == m_firstKeys.cend())
        return std::nullopt;
    return *it;
}

std::optional<std::pair<int, PageKey>> PageWindow::nearestLastKeyBelow(int index) const
{
    std::optional<std::pair<int, PageKey>> nearest;
    for (auto it = m_lastKeys.cbegin(); it != m_lastKeys.cend(); ++it) {
        if (it.key() < index && (!nearest || it.key() > nearest->first))
            nearest.emplace(it.key(), it.value());
    }
    return nearest;
}

std::optional<std::pair<int, PageKey>> PageWindow::nearestFirstKeyAbove(int index) const
{
    std::optional<std::pair<int, PageKey>> nearest;
    for (auto it = m_firstKeys.cbegin(); it != m_firstKeys.cend(); ++it) {
        if (it.key() > index && (!nearest || it.key() < nearest->first))
            nearest.emplace(it.key(), it.value());
    }
    return nearest;
}

int PageWindow::rowCount() const
{
    int rows = 0;
    for (const auto &[index, page] : m_pages)
        rows += page.rows ? page.rows->size() : 0;
    return rows;
}

void PageWindow::evict(int focus)
{
    while (int(m_pages.size()) > m_capacity) {
        const int first = m_pages.begin()->first;
        const int last = m_pages.rbegin()->first;
        m_pages.erase(std::abs(first - focus) > std::abs(last - focus) ? first : last);
    }
    if (m_firstKeys.size() + m_lastKeys.size() > kMaxBoundaries) {
        const auto far = [focus](const auto &it) { return std::abs(it.key() - focus) > kMaxBoundaries / 4; };
        m_firstKeys.removeIf(far);
        m_lastKeys.removeIf(far);
    }
}
