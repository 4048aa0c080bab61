#pragma once

#include <QObject>

#include <atomic>
#include <memory>

#include "connectionfactory.h"
#include "dberror.h"
#include "listquery.h"

class QueryCanceller;

struct PageRequest
{
    enum class Mode {
        First,    // the first rows in display order
        After,    // rows after `key` (the last row of the previous page)
        Before,   // rows before `key` (the first row of the next page)
        Last,     // the last `limit` rows (reverse keyset from the end)
        // Far pages: find an anchor by skipping `offset` rows on the order's index (counted from
        // `key` when fromKey, else from the start or the end), then read After / Before it.
        SkipForward,    // anchor = the row just before the page
        SkipBackward,   // anchor = the row just after the page
    };
    int generation = 0;
    int page = 0;
    Mode mode = Mode::First;
    PageKey key;
    bool fromKey = false;   // for the Skip modes
    int limit = 0;
    qint64 offset = 0;
    ListQuery query;

    // Index entries the server reads to find the anchor (0 for a keyset read): what the request costs.
    qint64 skippedRows() const { return mode == Mode::SkipForward || mode == Mode::SkipBackward ? offset + 1 : 0; }
};

struct PageResult
{
    int generation = 0;
    int page = 0;
    PageRequest::Mode mode = PageRequest::Mode::First;
    int limit = 0;
    std::shared_ptr<const RowBlock> rows;
    PageKey first;
    PageKey last;
};

struct CountRequest
{
    int generation = 0;
    ListQuery query;
    qint64 threshold = 100000;  // above it: an estimate (reltuples / EXPLAIN), below: exact
    bool exact = false;         // count(*) whatever the size
};

// Runs a list's queries on its own thread, on a connection it opens there through the factory
// and owns. Requests of an older generation than `currentGeneration` are skipped unrun;
// results carry their generation so the receiver can drop stale ones.
class PageWorker : public QObject
{
    Q_OBJECT

public:
    PageWorker(ConnectionFactory factory, QString purpose, int statementTimeoutMs,
               std::shared_ptr<std::atomic<int>> currentGeneration,
               std::shared_ptr<QueryCanceller> canceller);
    ~PageWorker() override;

    void loadPage(const PageRequest &request);
    void count(const CountRequest &request);

signals:
    void pageReady(const PageResult &result);
    void countReady(int generation, qint64 count, bool estimated);
    void failed(int generation, const DbError &error);

private:
    bool isStale(int generation) const { return generation != m_generation->load(); }
    std::expected<void, DbError> ensureConnection();
    std::expected<PageResult, DbError> runPage(const PageRequest &request);
    std::expected<std::pair<qint64, bool>, DbError> runCount(const CountRequest &request);
    // Connects if needed, runs `run` for a request of `generation` and hands its result to `deliver`
    // unless a newer generation superseded it; emits failed() on an error.
    template <typename Run, typename Deliver>
    void runCurrent(int generation, Run run, Deliver deliver);

    ConnectionFactory m_factory;
    QString m_purpose;
    int m_statementTimeoutMs;
    std::shared_ptr<std::atomic<int>> m_generation;
    std::shared_ptr<QueryCanceller> m_canceller;
    std::unique_ptr<PgConnection> m_connection;
};
