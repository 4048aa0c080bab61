#include "planestimate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDriver>

#include <libpq-fe.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

QByteArray parameterText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8();
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate).toUtf8();
    case QMetaType::Bool:
        return value.toBool() ? "true" : "false";
    default:
        return value.toString().toUtf8();
    }
}

} // namespace

std::optional<qint64> PlanEstimate::rows(const QSqlDatabase &db, const QString &explainSql,
                                         const QList<std::pair<QString, QVariant>> &binds)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return std::nullopt;
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    if (!connection)
        return std::nullopt;

    // :name → $n, in the order the names first appear (":" of a "::" cast is not a placeholder).
    static const QRegularExpression placeholder(u"(?<![:\\w]):([A-Za-z_]\\w*)"_s);
    QStringList names;
    QString sql;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(explainSql); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString name = u':' + match.captured(1);
        qsizetype index = names.indexOf(name);
        if (index < 0) {
            names.append(name);
            index = names.size() - 1;
        }
        sql += QStringView(explainSql).mid(last, match.capturedStart() - last);
        sql += u'$' + QString::number(index + 1);
        last = match.capturedEnd();
    }
    sql += QStringView(explainSql).mid(last);

    std::vector<QByteArray> texts;
    std::vector<const char *> values;
    texts.reserve(size_t(names.size()));
    for (const QString &name : std::as_const(names)) {
        const auto bound = std::find_if(binds.cbegin(), binds.cend(), [&name](const auto &b) { return b.first == name; });
        if (bound == binds.cend())
            return std::nullopt;
        texts.push_back(parameterText(bound->second));
        values.push_back(bound->second.isNull() ? nullptr : texts.back().constData());
    }
    const QByteArray text = sql.toUtf8();
    PGresult *result = PQexecParams(connection, text.constData(), int(values.size()), nullptr,
                                    values.data(), nullptr, nullptr, 0);
    std::optional<qint64> rows;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) {
        const QJsonDocument plan = QJsonDocument::fromJson(QByteArray(PQgetvalue(result, 0, 0)));
        const double estimate = plan.array().at(0).toObject().value(u"Plan"_s).toObject().value(u"Plan Rows"_s).toDouble(-1);
        if (estimate >= 0)
            rows = qint64(estimate);
    }
    PQclear(result);
    return rows;
}
