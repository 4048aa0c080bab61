#include "pageworker.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

#include "planestimate.h"
#include "querycanceller.h"
#include "sqlstatement.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kSetStatementTimeout = R"(SELECT set_config('statement_timeout', :timeout, false))";
const auto kQueryCanceled = u"57014"_s;

// QPSQL keeps a connection "open" after the server has closed it (restart, pg_terminate_backend).
bool isLost(const QSqlDatabase &db)
{
    if (!db.isOpen())
        return true;
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return false;
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    return !connection || PQstatus(connection) == CONNECTION_BAD;
}

} // namespace

PageWorker::PageWorker(ConnectionFactory factory, QString purpose, int statementTimeoutMs,
                       std::shared_ptr<std::atomic<int>> currentGeneration,
                       std::shared_ptr<QueryCanceller> canceller)
    : m_factory(std::move(factory))
    , m_purpose(std::move(purpose))
    , m_statementTimeoutMs(statementTimeoutMs)
    , m_generation(std::move(currentGeneration))
    , m_canceller(std::move(canceller))
{
}

PageWorker::~PageWorker()
{
    if (m_canceller)
        m_canceller->detach();
}

std::expected<void, DbError> PageWorker::ensureConnection()
{
    if (m_connection && !isLost(m_connection->db()))
        return {};
    if (m_canceller)
        m_canceller->detach();
    m_connection.reset();
    auto opened = m_factory(m_purpose);
    if (!opened)
        return std::unexpected(opened.error());
    QSqlQuery timeout(opened->get()->db());
    const auto set = SqlStatement::run(timeout, QString::fromLatin1(kSetStatementTimeout),
                                       u"set the list's statement timeout"_s, [this](QSqlQuery &q) {
        q.bindValue(u":timeout"_s, QString::number(m_statementTimeoutMs));
    });
    if (!set)
        return std::unexpected(set.error());
    m_connection = std::move(*opened);
    if (m_canceller)
        m_canceller->attach(m_connection->db());
    return {};
}

template <typename Run, typename Deliver>
void PageWorker::runCurrent(int generation, Run run, Deliver deliver)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (isStale(generation))
            return;
        // A cancel sent for a superseded query must not land on this one.
        if (m_canceller)
            m_canceller->waitForSentCancels();
        if (auto connected = ensureConnection(); !connected) {
            emit failed(generation, connected.error());
            return;
        }
        auto result = run();
        if (result) {
            if (!isStale(generation))
                deliver(*result);
            return;
        }
        if (isStale(generation))
            return;
        // A cancel meant for the superseded query may still land on this one (during its PREPARE
        // or its execution): run it once more.
        if (result.error().sqlState != kQueryCanceled || attempt > 0) {
            emit failed(generation, result.error());
            return;
        }
    }
}

void PageWorker::loadPage(const PageRequest &request)
{
    runCurrent(request.generation, [this, &request] { return runPage(request); },
               [this](const PageResult &result) { emit pageReady(result); });
}

std::expected<PageResult, DbError> PageWorker::runPage(const PageRequest &request)
{
    using Mode = PageRequest::Mode;
    const QSqlDatabase db = m_connection->db();
    const ListQuery &list = request.query;

    PageResult result;
    result.generation = request.generation;
    result.page = request.page;
    result.mode = request.mode;
    result.limit = request.limit;
    std::shared_ptr<RowBlock> rows = list.definition().makeBlock();
    result.rows = rows;

    PageKey key = request.key;
    bool afterKey = request.mode == Mode::After || request.mode == Mode::Before;
    const bool skipping = request.mode == Mode::SkipForward || request.mode == Mode::SkipBackward;
    if (skipping) {
        QSqlQuery anchor(db);
        anchor.setForwardOnly(true);
        const QString sql = list.anchorSql(request.mode == Mode::SkipBackward ? ListQuery::Direction::Backward
                                                                              : ListQuery::Direction::Forward,
                                           request.fromKey);
        const auto found = SqlStatement::run(anchor, sql, u"find the start of a page"_s, [&](QSqlQuery &q) {
            list.bindFilter(q);
            if (request.fromKey)
                ListQuery::bindKey(q, request.key);
            q.bindValue(u":page_offset"_s, request.offset);
        });
        if (!found)
            return std::unexpected(found.error());
        if (!anchor.next())
            return result;
        key = {anchor.value(0).toString(), anchor.value(1).toLongLong()};
        afterKey = true;
        if (isStale(request.generation))
            return result;
    }

    const bool backward = request.mode == Mode::Before || request.mode == Mode::Last || request.mode == Mode::SkipBackward;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const auto loaded = SqlStatement::run(
        query, list.pageSql(backward ? ListQuery::Direction::Backward : ListQuery::Direction::Forward, afterKey),
        u"load a page of the %1 list"_s.arg(list.definition().name), [&](QSqlQuery &q) {
            list.bindFilter(q);
            if (afterKey)
                ListQuery::bindKey(q, key);
            q.bindValue(u":page_limit"_s, request.limit);
        });
    if (!loaded)
        return std::unexpected(loaded.error());
    bool first = true;
    while (query.next()) {
        const PageKey rowKey{query.value(0).toString(), query.value(1).toLongLong()};
        if (first)
            result.first = rowKey;
        result.last = rowKey;
        first = false;
        rows->append(query, 2);
    }
    if (query.lastError().isValid())
        return std::unexpected(DbError::fromSql(query.lastError(), u"read a page"_s));
    if (backward) {
        rows->reverse();
        std::swap(result.first, result.last);
    }
    return result;
}

void PageWorker::count(const CountRequest &request)
{
    runCurrent(request.generation, [this, &request] { return runCount(request); },
               [this, &request](const std::pair<qint64, bool> &counted) {
                   emit countReady(request.generation, counted.first, counted.second);
               });
}

std::expected<std::pair<qint64, bool>, DbError> PageWorker::runCount(const CountRequest &request)
{
    const QSqlDatabase db = m_connection->db();
    const ListQuery &list = request.query;
    auto single = [&db, &list](const QString &sql, const QString &context,
                               auto bind) -> std::expected<QVariant, DbError> {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (auto ok = SqlStatement::run(query, sql, context, bind); !ok)
            return std::unexpected(ok.error());
        return query.next() ? query.value(0) : QVariant();
    };
    auto bindFilter = [&list](QSqlQuery &q) { list.bindFilter(q); };

    if (request.exact) {
        auto n = single(list.exactCountSql(), u"count the list"_s, bindFilter);
        if (!n)
            return std::unexpected(n.error());
        return std::pair{n->toLongLong(), false};
    }

    qint64 reltuples = -1;
    auto table = single(ListQuery::reltuplesSql(), u"estimate the table size"_s, [&list](QSqlQuery &q) {
        q.bindValue(u":table"_s, list.definition().estimateTable);
    });
    if (table && !table->isNull())
        reltuples = qint64(table->toDouble());
    if (!list.isFiltered() && reltuples >= request.threshold)
        return std::pair{reltuples, true};

    auto capped = single(list.cappedCountSql(), u"count the list"_s, [&list, &request](QSqlQuery &q) {
        list.bindFilter(q);
        q.bindValue(u":count_cap"_s, request.threshold);
    });
    if (!capped)
        return std::unexpected(capped.error());
    const qint64 n = capped->toLongLong();
    if (n < request.threshold)
        return std::pair{n, false};

    if (const auto planned = PlanEstimate::rows(db, list.estimateSql(), list.filter().binds); planned && *planned > 0)
        return std::pair{std::max(*planned, n), true};
    return std::pair{std::max(n, reltuples), true};
}
