#pragma once

#include <QHash>

#include <map>
#include <memory>
#include <optional>

#include "listquery.h"

// The pages of one list held in memory, by page index: at most `capacity` pages (those farthest
// from the focus page are evicted), plus the keys at page boundaries seen so far (bounded too),
// from which a page can be loaded again with a keyset query. Used on one thread.
class PageWindow
{
public:
    struct Page
    {
        std::shared_ptr<const RowBlock> rows;
        PageKey first;
        PageKey last;
    };

    explicit PageWindow(int capacity) : m_capacity(capacity) {}

    void clear();
    const Page *page(int index) const;
    void insert(int index, Page page, int focus);
    void dropFrom(int index);                       // forgets pages and keys at index and after

    std::optional<PageKey> keyBefore(int index) const;  // last row of page index - 1
    std::optional<PageKey> keyAfter(int index) const;   // first row of page index + 1
    // The nearest boundaries known on either side of page `index`, from which a far page is reached
    // by skipping the fewest rows: the last row of the nearest page below it, the first of the nearest above.
    std::optional<std::pair<int, PageKey>> nearestLastKeyBelow(int index) const;
    std::optional<std::pair<int, PageKey>> nearestFirstKeyAbove(int index) const;

    int pageCount() const { return int(m_pages.size()); }
    int rowCount() const;
    int capacity() const { return m_capacity; }
    int boundaryCount() const { return int(m_firstKeys.size() + m_lastKeys.size()); }

private:
    void evict(int focus);

    static constexpr int kMaxBoundaries = 4096;
    int m_capacity;
    std::map<int, Page> m_pages;
    QHash<int, PageKey> m_firstKeys;
    QHash<int, PageKey> m_lastKeys;
};
