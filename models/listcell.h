#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

#include "timeformat.h"

// Cell values the lists' rows share: which roles carry a value, how times and numbers show.
namespace ListCell {

// Display, tool tip and edit carry a cell's value; the other roles are styling.
inline bool carriesValue(int role)
{
    return role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::EditRole;
}

// The time itself for the edit role; to show, the console's one format (TimeFormat::text).
inline QVariant time(const QDateTime &time, int role)
{
    if (role == Qt::EditRole)
        return time;
    return TimeFormat::text(time);
}

// Numbers are right-aligned; everything else takes the view's default.
inline QVariant alignment(bool numeric)
{
    return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
}

} // namespace ListCell
