#pragma once

#include <QList>
#include <QString>

// A word-level diff of two texts, for showing what an edit changed. Words and the whitespace
// between them are the units; a shortest edit script over the units that differ (after the
// common start and end are set aside; computed by Debian's dtl library) decides what was kept.
// Above a size limit the differing middle is shown as one deletion and one insertion instead.
class WordDiff
{
public:
    enum class Kind { Kept, Deleted, Inserted };
    struct Segment
    {
        Kind kind = Kind::Kept;
        QString text;   // words with their whitespace, newlines included
        bool operator==(const Segment &) const = default;
    };

    static QList<Segment> compare(const QString &before, const QString &after);

    // The segments as HTML for QTextDocument: deletions struck through on red, insertions
    // underlined on green, whitespace and line breaks kept; an anchor named firstChangeAnchor()
    // before the first change.
    static QString toHtml(const QList<Segment> &segments);
    static QString firstChangeAnchor();
    // The segments as plain text with "[-deleted-]" and "{+inserted+}" marks (as `git diff
    // --word-diff` writes them), for screen readers and tests.
    static QString toMarkedText(const QList<Segment> &segments);

    static QStringList split(const QString &text);   // words and whitespace runs, in order
};
