#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

// Cell values the lists' rows share: which roles carry a value, how times and numbers show.
namespace ListCell {

// Display, tool tip and edit carry a cell's value; the other roles are styling.
inline bool carriesValue(int role)
{
    return role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::EditRole;
}

// The time itself for the edit role; local time in `format` to show.
inline QVariant time(const QDateTime &time, int role, const QString &format = QStringLiteral("yyyy-MM-dd HH:mm"))
{
    if (role == Qt::EditRole)
        return time;
    return time.isValid() ? time.toLocalTime().toString(format) : QString();
}

// Numbers are right-aligned; everything else takes the view's default.
inline QVariant alignment(bool numeric)
{
    return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
}

} // namespace ListCell
