#pragma once

#include <QAbstractTableModel>
#include <QThread>
#include <QVariantMap>

#include <atomic>
#include <deque>
#include <memory>

#include "connectionfactory.h"
#include "dberror.h"
#include "listdefinition.h"
#include "listquery.h"
#include "pagewindow.h"

class PageWorker;
class QueryCanceller;
struct PageRequest;
struct PageResult;

struct PagedListOptions
{
    int pageSize = 200;
    int maxCachedPages = 8;
    qint64 estimateThreshold = 100000;  // counts at or above it are estimates
    int statementTimeoutMs = 30000;
};

// A table model over a keyset-paged query (see ListDefinition). Lives on the UI thread and never
// blocks: pages load on its own worker thread, which opens and owns one connection through the
// factory. rowCount() is the (possibly estimated) total; rows not loaded yet show a placeholder and
// load when data() asks for them. Only a bounded window of pages is kept in memory.
// Changing the filter or sort resets the model, cancels pending loads and drops stale results.
// state() says whether the rows and count are an answer: a load that failed leaves the model Failed
// (no rows, no count) until refresh() or a new filter or sort; the worker reconnects when its
// connection was lost.
class PagedListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int IdRole = Qt::UserRole + 1;

    enum class State {
        Loading,   // the first page of this filter and sort is not back yet
        Loaded,    // rows and count are the database's answer
        Failed,    // a query failed: loadError() says why; rows and count mean nothing
    };

    PagedListModel(ListDefinition definition, ConnectionFactory factory,
                   PagedListOptions options = {}, QObject *parent = nullptr);
    ~PagedListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    const ListDefinition &definition() const { return *m_definition; }
    QVariantMap filters() const { return m_filters; }
    void setFilters(const QVariantMap &filters);
    void setFilter(const QString &key, const QVariant &value);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    ListQuery currentQuery() const { return m_query; }
    QString hint() const { return m_query.filter().hint; }   // e.g. why a search was not run

    qint64 totalCount() const { return m_total; }
    bool isCountEstimated() const { return m_estimated; }
    bool isCountKnown() const { return m_countKnown; }   // false until the first page is back
    QString countText() const;          // "12,345" or "≈ 1.2 M"
    void countExactly();                // replaces an estimate with count(*)
    void refresh();                     // reloads with the same filter and sort

    qint64 idAt(int row) const;         // -1 while the row is not loaded
    bool isLoaded(int row) const;
    bool isIdle() const;                // nothing requested, loading or counting
    int cachedPageCount() const { return m_window.pageCount(); }
    int cachedRowCount() const { return m_window.rowCount(); }
    int pageSize() const { return m_options.pageSize; }
    int generation() const { return m_generationValue; }
    // Index entries read to find far pages' anchors since the last reset: what jumps cost the server.
    qint64 skippedRows() const { return m_skippedRows; }
    QString lastError() const { return m_error; }   // loadError().text(); empty unless Failed
    DbError loadError() const { return m_failure; }
    State state() const;

    static QString placeholder();
    static QString formatCount(qint64 count, bool estimated);

signals:
    void countChanged();
    void hintChanged(const QString &hint);
    void pageLoaded(int page);
    void loadFailed(const QString &message);
    void stateChanged();

private:
    void restart();
    void requestPage(int page);
    void scheduleDispatch();
    void dispatch();
    PageRequest planFor(int page) const;
    void requestCount(bool exact);
    void setTotal(qint64 total, bool estimated);
    void onPageReady(const PageResult &result);
    void onCountReady(int generation, qint64 count, bool estimated);
    void onFailed(int generation, const DbError &error);
    int lastPage() const;

    std::shared_ptr<const ListDefinition> m_definition;
    PagedListOptions m_options;
    QVariantMap m_filters;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    ListQuery m_query;

    QThread m_thread;
    PageWorker *m_worker = nullptr;     // lives on m_thread; deleted when it finishes
    std::shared_ptr<std::atomic<int>> m_generation;
    std::shared_ptr<QueryCanceller> m_canceller;
    int m_generationValue = 0;

    PageWindow m_window;
    std::deque<int> m_pending;          // most recently requested last
    int m_inFlight = -1;
    int m_focus = 0;
    bool m_dispatchScheduled = false;
    qint64 m_skippedRows = 0;
    bool m_countPending = false;
    bool m_countKnown = false;
    qint64 m_total = 0;
    bool m_estimated = false;
    QString m_error;
    DbError m_failure;
};
