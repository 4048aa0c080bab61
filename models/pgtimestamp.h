#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringView>

// A PostgreSQL timestamptz to the microsecond, as the database keeps it (a QDateTime stops at the
// millisecond). Read from the column's text form: CAST(x AS text) under DateStyle ISO, which QPSQL
// sets on every connection, e.g. "2026-01-02 03:04:05.123456+00" (offset of the session's TimeZone).
class PgTimestamp
{
public:
    PgTimestamp() = default;
    // Invalid for NULL, ±infinity, BC dates and any text that is not ISO.
    static PgTimestamp fromText(QStringView text);

    bool isValid() const { return m_valid; }
    qint64 microsecondsSinceEpoch() const { return m_usecs; }
    QDateTime toDateTime() const;    // UTC, truncated to the millisecond; invalid when invalid
    QString toIsoString() const;     // "2026-01-02T03:04:05.123456Z" (UTC, always 6 digits); empty when invalid

    friend bool operator==(const PgTimestamp &a, const PgTimestamp &b)
    {
        return a.m_valid == b.m_valid && a.m_usecs == b.m_usecs;
    }

private:
    qint64 m_usecs = 0;
    bool m_valid = false;
};
