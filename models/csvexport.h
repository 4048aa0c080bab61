#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "connectionfactory.h"
#include "listquery.h"

class QThread;
class QueryCanceller;

// Writes every row of a list (its current filter and sort) to a CSV file (RFC 4180 quoting,
// header row of the column titles, times in UTC ISO 8601 with PostgreSQL's microseconds, text
// cells that a spreadsheet would run as a formula neutralised: see textField()). The rows stream from a forward-only
// query on a connection of the export's own thread; the file only appears when all rows are in.
// start() returns at once; progress() and finished() arrive on the owner's thread.
class CsvExport : public QObject
{
    Q_OBJECT

public:
    CsvExport(ListQuery query, QString path, ConnectionFactory factory, QObject *parent = nullptr);
    ~CsvExport() override;   // cancels and waits for the export thread

    void start();
    void cancel();           // any thread; finished() then reports the cancellation

    static QString quote(const QString &field);   // RFC 4180: quoted when it must be
    // A text cell: quote(), except that a cell starting with = + - @ tab or CR that is not just a
    // number (such as "-5") becomes "'…" (OWASP's rule against CSV injection: the spreadsheet shows
    // it as text and runs nothing).
    static QString textField(const QString &text);

signals:
    void progress(qint64 rows);
    void finished(qint64 rows, const QString &error);   // error empty on success

private:
    void run();

    ListQuery m_query;
    QString m_path;
    ConnectionFactory m_factory;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancelled = false;
    std::shared_ptr<QueryCanceller> m_canceller;
};
