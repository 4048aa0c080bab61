#include "pgtimestamp.h"

#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMicrosPerSecond = 1000000;

qint64 floorDiv(qint64 value, qint64 divisor)
{
    return value / divisor - (value % divisor < 0 ? 1 : 0);
}

} // namespace

PgTimestamp PgTimestamp::fromText(QStringView text)
{
    static const QRegularExpression iso(
        uR"(^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$)"_s);
    const QRegularExpressionMatch match = iso.match(text);
    if (!match.hasMatch())
        return {};
    const auto number = [&match](int group) { return match.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    if (!date.isValid() || number(4) > 23 || number(5) > 59 || number(6) > 60)
        return {};
    const qint64 offset = (number(9) * 3600 + number(10) * 60 + number(11)) * (match.capturedView(8) == u"-" ? -1 : 1);
    const qint64 seconds = QDate(1970, 1, 1).daysTo(date) * 86400 + number(4) * 3600 + number(5) * 60 + number(6) - offset;
    const QString fraction = match.captured(7).leftJustified(6, u'0');
    PgTimestamp timestamp;
    timestamp.m_usecs = seconds * kMicrosPerSecond + fraction.toLongLong();
    timestamp.m_valid = true;
    return timestamp;
}

QDateTime PgTimestamp::toDateTime() const
{
    if (!m_valid)
        return {};
    return QDateTime::fromMSecsSinceEpoch(floorDiv(m_usecs, 1000), QTimeZone::utc());
}

QString PgTimestamp::toIsoString() const
{
    if (!m_valid)
        return {};
    const qint64 seconds = floorDiv(m_usecs, kMicrosPerSecond);
    const qint64 micros = m_usecs - seconds * kMicrosPerSecond;
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()).toString(u"yyyy-MM-dd'T'HH:mm:ss"_s)
         + u'.' + QString::number(micros).rightJustified(6, u'0') + u'Z';
}
