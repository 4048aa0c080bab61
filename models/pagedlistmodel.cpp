#include "pagedlistmodel.h"

#include <QLocale>

#include <algorithm>
#include <vector>

#include "pageworker.h"
#include "querycanceller.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxPendingPages = 3;
}

PagedListModel::PagedListModel(ListDefinition definition, ConnectionFactory factory,
                               PagedListOptions options, QObject *parent)
    : QAbstractTableModel(parent)
    , m_definition(std::make_shared<const ListDefinition>(std::move(definition)))
    , m_options(options)
    , m_filters(m_definition->defaultFilters)
    , m_sortColumn(m_definition->defaultSortColumn)
    , m_sortOrder(m_definition->defaultSortOrder)
    , m_generation(std::make_shared<std::atomic<int>>(0))
    , m_canceller(std::make_shared<QueryCanceller>())
    , m_window(std::max(2, options.maxCachedPages))
{
    m_options.pageSize = std::max(1, m_options.pageSize);
    m_worker = new PageWorker(std::move(factory), m_definition->name + u" list"_s,
                              m_options.statementTimeoutMs, m_generation, m_canceller);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PageWorker::pageReady, this, &PagedListModel::onPageReady);
    connect(m_worker, &PageWorker::countReady, this, &PagedListModel::onCountReady);
    connect(m_worker, &PageWorker::failed, this, &PagedListModel::onFailed);
    m_thread.setObjectName(m_definition->name + u" pages"_s);
    m_thread.start();
    restart();
}

PagedListModel::~PagedListModel()
{
    m_generation->store(++m_generationValue);
    m_canceller->cancel();
    m_thread.quit();
    m_thread.wait();
}

int PagedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_total);
}

int PagedListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_definition->columns.size());
}

QVariant PagedListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_total
        || index.column() >= m_definition->columns.size())
        return {};
    const int pageIndex = index.row() / m_options.pageSize;
    const PageWindow::Page *page = m_window.page(pageIndex);
    if (!page) {
        if (role != Qt::DisplayRole)
            return {};
        const_cast<PagedListModel *>(this)->requestPage(pageIndex);
        return placeholder();
    }
    const int row = index.row() - pageIndex * m_options.pageSize;
    if (row >= page->rows->size())
        return {};
    if (role == IdRole)
        return page->rows->id(row);
    return page->rows->data(row, index.column(), role);
}

QVariant PagedListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
        && section < m_definition->columns.size())
        return m_definition->columns.at(section).title;
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags PagedListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return QAbstractTableModel::flags(index) | Qt::ItemNeverHasChildren;
}

void PagedListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_definition->columns.size()
        || m_definition->columns.at(column).sortExpression.isEmpty())
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    restart();
}

void PagedListModel::setFilters(const QVariantMap &filters)
{
    if (filters == m_filters)
        return;
    m_filters = filters;
    restart();
}

void PagedListModel::setFilter(const QString &key, const QVariant &value)
{
    QVariantMap filters = m_filters;
    if (value.isNull() || (value.typeId() == QMetaType::QString && value.toString().isEmpty()))
        filters.remove(key);
    else
        filters.insert(key, value);
    setFilters(filters);
}

void PagedListModel::refresh()
{
    restart();
}

QString PagedListModel::placeholder()
{
    return u"…"_s;
}

QString PagedListModel::formatCount(qint64 count, bool estimated)
{
    if (!estimated) {
        QLocale locale = QLocale::c();
        locale.setNumberOptions({});
        return locale.toString(count);
    }
    if (count >= 999500)
        return u"≈ "_s + QString::number(double(count) / 1e6, 'f', 1) + u" M"_s;
    if (count >= 1000)
        return u"≈ "_s + QString::number(double(count) / 1e3, 'f', 0) + u" k"_s;
    return u"≈ "_s + QString::number(count);
}

QString PagedListModel::countText() const
{
    return formatCount(m_total, m_estimated);
}

qint64 PagedListModel::idAt(int row) const
{
    if (row < 0 || row >= m_total)
        return -1;
    const int pageIndex = row / m_options.pageSize;
    const PageWindow::Page *page = m_window.page(pageIndex);
    const int offset = row - pageIndex * m_options.pageSize;
    if (!page || offset >= page->rows->size())
        return -1;
    return page->rows->id(offset);
}

bool PagedListModel::isLoaded(int row) const
{
    return idAt(row) >= 0;
}

PagedListModel::State PagedListModel::state() const
{
    if (!m_error.isEmpty())
        return State::Failed;
    return m_countKnown ? State::Loaded : State::Loading;
}

bool PagedListModel::isIdle() const
{
    return m_inFlight < 0 && m_pending.empty() && !m_countPending;
}

void PagedListModel::restart()
{
    const QString oldHint = hint();
    const bool busy = !isIdle();
    beginResetModel();
    m_generation->store(++m_generationValue);
    if (busy)
        m_canceller->cancel();
    m_query = ListQuery(m_definition, m_filters, m_sortColumn, m_sortOrder);
    m_window.clear();
    m_pending.clear();
    m_inFlight = -1;
    m_focus = 0;
    m_countPending = false;
    m_countKnown = false;
    m_skippedRows = 0;
    m_total = 0;
    m_estimated = false;
    m_error.clear();
    m_failure = {};
    endResetModel();
    emit stateChanged();
    emit countChanged();
    if (hint() != oldHint)
        emit hintChanged(hint());
    requestPage(0);
}

int PagedListModel::lastPage() const
{
    return m_total > 0 ? int((m_total - 1) / m_options.pageSize) : 0;
}

void PagedListModel::requestPage(int page)
{
    if (!m_error.isEmpty() || page < 0 || m_inFlight == page || m_window.page(page))
        return;
    m_focus = page;
    const auto it = std::find(m_pending.begin(), m_pending.end(), page);
    if (it != m_pending.end())
        m_pending.erase(it);
    m_pending.push_back(page);
    while (m_pending.size() > kMaxPendingPages)
        m_pending.pop_front();
    scheduleDispatch();
}

// The pages one paint asks for arrive together: dispatching once the event loop is back lets the
// cheapest of them go first (the last page, then its neighbours by keyset, rather than a skip).
void PagedListModel::scheduleDispatch()
{
    if (m_dispatchScheduled)
        return;
    m_dispatchScheduled = true;
    QMetaObject::invokeMethod(this, [this] {
        m_dispatchScheduled = false;
        dispatch();
    }, Qt::QueuedConnection);
}

PageRequest PagedListModel::planFor(int page) const
{
    using Mode = PageRequest::Mode;
    PageRequest request;
    request.generation = m_generationValue;
    request.page = page;
    request.query = m_query;
    request.limit = m_options.pageSize;
    const qint64 pageSize = m_options.pageSize;
    const qint64 firstRow = page * pageSize;
    if (page == 0) {
        request.mode = Mode::First;
    } else if (auto key = m_window.keyBefore(page)) {
        request.mode = Mode::After;
        request.key = *key;
    } else if (auto next = m_window.keyAfter(page)) {
        request.mode = Mode::Before;
        request.key = *next;
    } else if (page == lastPage()) {
        request.mode = Mode::Last;
        request.limit = int(m_total - firstRow);
    } else {
        // Skip from the nearest known position: the start, a page boundary seen on either side, or
        // (once the count is exact) the end.
        request.mode = Mode::SkipForward;
        request.offset = firstRow - 1;
        if (auto below = m_window.nearestLastKeyBelow(page)) {
            const qint64 skip = firstRow - 1 - (below->first + 1) * pageSize;
            if (skip < request.offset) {
                request.fromKey = true;
                request.key = below->second;
                request.offset = skip;
            }
        }
        if (auto above = m_window.nearestFirstKeyAbove(page)) {
            const qint64 skip = above->first * pageSize - 1 - (firstRow + pageSize);
            if (skip < request.offset) {
                request.mode = Mode::SkipBackward;
                request.fromKey = true;
                request.key = above->second;
                request.offset = skip;
            }
        }
        if (m_countKnown && !m_estimated && !m_countPending) {
            const qint64 skip = m_total - 1 - (firstRow + pageSize);
            if (skip >= 0 && skip < request.offset) {
                request.mode = Mode::SkipBackward;
                request.fromKey = false;
                request.offset = skip;
            }
        }
    }
    return request;
}

void PagedListModel::dispatch()
{
    std::erase_if(m_pending, [this](int page) { return m_window.page(page) || (page > 0 && page > lastPage()); });
    if (m_inFlight >= 0 || m_pending.empty())
        return;
    std::vector<PageRequest> plans;   // most recently requested first
    for (auto it = m_pending.rbegin(); it != m_pending.rend(); ++it)
        plans.push_back(planFor(*it));
    // Rows read back from the end of an estimated list would sit at estimated positions and not meet
    // the rows read from the start: count exactly first, then read the end.
    if (m_estimated && std::ranges::any_of(plans, [](const PageRequest &plan) { return plan.mode == PageRequest::Mode::Last; })) {
        if (!m_countPending)
            requestCount(true);
        return;
    }
    // The cheapest pending page; of equals, the most recently requested.
    const PageRequest request = *std::ranges::min_element(plans, {}, &PageRequest::skippedRows);
    std::erase(m_pending, request.page);
    m_skippedRows += request.skippedRows();
    m_inFlight = request.page;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request] { worker->loadPage(request); },
                              Qt::QueuedConnection);
}

void PagedListModel::requestCount(bool exact)
{
    m_countPending = true;
    CountRequest request{m_generationValue, m_query, m_options.estimateThreshold, exact};
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request] { worker->count(request); },
                              Qt::QueuedConnection);
}

void PagedListModel::countExactly()
{
    requestCount(true);
}

void PagedListModel::setTotal(qint64 total, bool estimated)
{
    total = std::clamp<qint64>(total, 0, std::numeric_limits<int>::max() - 1);
    if (total > m_total) {
        beginInsertRows({}, int(m_total), int(total - 1));
        m_total = total;
        endInsertRows();
    } else if (total < m_total) {
        beginRemoveRows({}, int(total), int(m_total - 1));
        m_total = total;
        m_window.dropFrom(int((total + m_options.pageSize - 1) / m_options.pageSize));
        endRemoveRows();
    }
    m_estimated = estimated;
    emit countChanged();
}

void PagedListModel::onPageReady(const PageResult &result)
{
    if (result.generation != m_generationValue)
        return;
    m_inFlight = -1;
    const int rows = result.rows->size();
    m_window.insert(result.page, {result.rows, result.first, result.last}, m_focus);
    const qint64 firstRow = qint64(result.page) * m_options.pageSize;
    using Mode = PageRequest::Mode;
    const bool forward = result.mode == Mode::First || result.mode == Mode::After || result.mode == Mode::SkipForward;
    const bool skipped = result.mode == Mode::SkipForward || result.mode == Mode::SkipBackward;
    if (result.page == 0 && !m_countKnown) {
        m_countKnown = true;
        if (rows < m_options.pageSize) {
            setTotal(rows, false);
        } else {
            setTotal(std::max<qint64>(m_total, rows), false);
            requestCount(false);
        }
        emit stateChanged();
    } else if (m_estimated && skipped && rows == 0) {
        requestCount(true);   // the estimate was too high: no row that far
    } else if (m_estimated && forward && rows < result.limit) {
        setTotal(firstRow + rows, false);
    } else if (m_estimated && forward && firstRow + rows > m_total && !m_countPending) {
        requestCount(true);   // the table goes on past the estimate
    }
    if (rows > 0 && firstRow < m_total) {
        const int lastRow = int(std::min<qint64>(firstRow + rows, m_total) - 1);
        emit dataChanged(index(int(firstRow), 0), index(lastRow, columnCount() - 1));
    }
    emit pageLoaded(result.page);
    dispatch();
}

void PagedListModel::onCountReady(int generation, qint64 count, bool estimated)
{
    if (generation != m_generationValue)
        return;
    m_countPending = false;
    setTotal(count, estimated);
    dispatch();
}

void PagedListModel::onFailed(int generation, const DbError &error)
{
    if (generation != m_generationValue)
        return;
    m_inFlight = -1;
    m_countPending = false;
    m_pending.clear();
    m_failure = error;
    m_error = error.text();
    emit loadFailed(m_error);
    emit stateChanged();
}
