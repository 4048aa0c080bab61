#include "csvexport.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include "listcell.h"
#include "querycanceller.h"
#include "sqlstatement.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kRowsPerBlock = 256;
constexpr qint64 kProgressEvery = 1000;

bool isNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

QString field(const QVariant &value)
{
    if (value.typeId() == QMetaType::QDateTime) {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
    }
    if (isNumber(value))
        return CsvExport::quote(value.toString());
    return CsvExport::textField(value.toString());
}

} // namespace

CsvExport::CsvExport(ListQuery query, QString path, ConnectionFactory factory, QObject *parent)
    : QObject(parent)
    , m_query(std::move(query))
    , m_path(std::move(path))
    , m_factory(std::move(factory))
    , m_canceller(std::make_shared<QueryCanceller>())
{
}

CsvExport::~CsvExport()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void CsvExport::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(u"csv export"_s);
    m_thread->start();
}

void CsvExport::cancel()
{
    m_cancelled = true;
    m_canceller->cancel();
}

QString CsvExport::quote(const QString &field)
{
    static const QString special = u",\"\r\n"_s;
    bool needs = field.startsWith(u' ') || field.endsWith(u' ');
    for (const QChar c : field) {
        if (special.contains(c)) {
            needs = true;
            break;
        }
    }
    if (!needs)
        return field;
    QString quoted = field;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString CsvExport::textField(const QString &text)
{
    static const QRegularExpression number(uR"(^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$)"_s);
    static const QString formulaStart = u"=+-@\t\r"_s;
    if (text.isEmpty() || !formulaStart.contains(text.front()) || number.match(text).hasMatch())
        return quote(text);
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u"\"'"_s + quoted + u'"';
}

void CsvExport::run()
{
    qint64 rows = 0;
    auto fail = [this, &rows](const QString &error) { emit finished(rows, error); };
    auto opened = m_factory(u"csv export"_s);
    if (!opened)
        return fail(opened.error().text());
    std::unique_ptr<PgConnection> connection = std::move(*opened);
    m_canceller->attach(connection->db());

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(u"Cannot write %1: %2"_s.arg(m_path, file.errorString()));

    const ListDefinition &def = m_query.definition();
    QStringList header;
    for (const ListColumn &column : def.columns)
        header.append(quote(column.title));
    file.write((header.join(u',') + u'\n').toUtf8());

    {
        QSqlQuery query(connection->db());
        query.setForwardOnly(true);
        if (!m_cancelled) {
            const auto exported = SqlStatement::run(query, m_query.exportSql(), u"export the %1 list"_s.arg(def.name),
                                                    [this](QSqlQuery &q) { m_query.bindFilter(q); });
            if (!exported) {
                m_canceller->detach();
                if (m_cancelled)
                    return fail(u"Export cancelled."_s);
                return fail(exported.error().text());
            }
        }
        const int columns = int(def.columns.size());
        while (!m_cancelled) {
            std::unique_ptr<RowBlock> block = def.makeBlock();
            while (block->size() < kRowsPerBlock && query.next())
                block->append(query, 0);
            QString text;
            for (int row = 0; row < block->size(); ++row) {
                for (int column = 0; column < columns; ++column) {
                    if (column > 0)
                        text += u',';
                    text += field(block->data(row, column, ListCell::ExportRole));
                }
                text += u'\n';
            }
            file.write(text.toUtf8());
            const qint64 before = rows;
            rows += block->size();
            if (rows / kProgressEvery != before / kProgressEvery)
                emit progress(rows);
            if (block->size() < kRowsPerBlock)
                break;
        }
        if (!m_cancelled && query.lastError().isValid()) {
            m_canceller->detach();
            return fail(DbError::fromSql(query.lastError(), u"export the %1 list"_s.arg(def.name)).text());
        }
    }
    m_canceller->detach();
    if (m_cancelled) {
        file.cancelWriting();
        return fail(u"Export cancelled."_s);
    }
    if (!file.commit())
        return fail(u"Cannot write %1: %2"_s.arg(m_path, file.errorString()));
    emit progress(rows);
    emit finished(rows, {});
}
