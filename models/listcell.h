#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

#include "pgtimestamp.h"
#include "timeformat.h"

// Cell values the lists' rows share: which roles carry a value, how times and numbers show.
namespace ListCell {

// The exact value for a file (CSV export): as the edit role, but a PgTimestamp's ISO text with its
// microseconds. (PagedListModel::IdRole is Qt::UserRole + 1.)
inline constexpr int ExportRole = Qt::UserRole + 2;

// Display, tool tip, edit and export carry a cell's value; the other roles are styling.
inline bool carriesValue(int role)
{
    return role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::EditRole || role == ExportRole;
}

// The time itself for the edit and export roles; to show, the console's one format (TimeFormat::text).
inline QVariant time(const QDateTime &time, int role)
{
    if (role == Qt::EditRole || role == ExportRole)
        return time;
    return TimeFormat::text(time);
}

// The same for a time with microseconds: ISO 8601 UTC text with all six digits to export.
inline QVariant time(const PgTimestamp &time, int role)
{
    if (role == ExportRole)
        return time.toIsoString();
    return ListCell::time(time.toDateTime(), role);
}

// Numbers are right-aligned; everything else takes the view's default.
inline QVariant alignment(bool numeric)
{
    return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
}

} // namespace ListCell
