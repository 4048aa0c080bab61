#pragma once

#include <QDateTime>
#include <QString>

// How the console shows a point in time, in every list, detail pane and history: one format,
// local time, seconds included ("2026-12-05 14:03:12"). Where the reader must know which clock a
// time is on (a reset, a deadline), the zone is stated beside it ("14:03 UTC+01:00").
namespace TimeFormat {

// "2026-12-05 14:03:12" in local time; empty for an invalid time.
inline QString text(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

// The local zone's offset at `time`: "UTC", "UTC+01:00", "UTC-05:30".
inline QString zone(const QDateTime &time)
{
    const int offset = time.toLocalTime().offsetFromUtc();
    if (offset == 0)
        return QStringLiteral("UTC");
    const int minutes = qAbs(offset) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

// "2026-12-05 14:03:12 UTC+01:00"
inline QString textWithZone(const QDateTime &time)
{
    return time.isValid() ? text(time) + QLatin1Char(' ') + zone(time) : QString();
}

// A time of day with its zone, for times within the next hours (rate-limit resets): "14:03 UTC+01:00";
// with the date in front when it is not today.
inline QString clockWithZone(const QDateTime &time, const QDate &today = QDate::currentDate())
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    const QString clock = local.toString(QStringLiteral("HH:mm")) + QLatin1Char(' ') + zone(time);
    return local.date() == today ? clock : local.toString(QStringLiteral("yyyy-MM-dd ")) + clock;
}

} // namespace TimeFormat
