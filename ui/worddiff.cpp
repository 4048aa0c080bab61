#include "worddiff.h"

#include <QStringList>

#include <algorithm>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Above this many cells (differing units before × after) the middle is not diffed word by word.
constexpr qsizetype kMaxCells = 4'000'000;

void append(QList<WordDiff::Segment> &segments, WordDiff::Kind kind, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!segments.isEmpty() && segments.last().kind == kind)
        segments.last().text += text;
    else
        segments.append({kind, text});
}

} // namespace

QStringList WordDiff::split(const QString &text)
{
    QStringList units;
    qsizetype start = 0;
    for (qsizetype i = 1; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i).isSpace() != text.at(start).isSpace()) {
            units.append(text.mid(start, i - start));
            start = i;
        }
    }
    return units;
}

QList<WordDiff::Segment> WordDiff::compare(const QString &before, const QString &after)
{
    const QStringList a = split(before);
    const QStringList b = split(after);
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;

    QList<Segment> segments;
    append(segments, Kind::Kept, a.mid(0, head).join(QString()));
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    if (n > 0 && m > 0 && n * m <= kMaxCells) {
        // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[head+i..] and b[head+j..]
        // (at most min(n, m) <= 2000 units: fits 16 bits).
        const auto at = [m](qsizetype i, qsizetype j) { return size_t(i * (m + 1) + j); };
        std::vector<quint16> lcs(size_t((n + 1) * (m + 1)), 0);
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j) {
                lcs[at(i, j)] = a.at(head + i) == b.at(head + j) ? quint16(lcs[at(i + 1, j + 1)] + 1)
                                                                 : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
            }
        }
        // Within each changed run the deletions come first, so a replacement reads "[-old-]{+new+}".
        QString deleted, inserted;
        const auto flush = [&] {
            append(segments, Kind::Deleted, std::exchange(deleted, {}));
            append(segments, Kind::Inserted, std::exchange(inserted, {}));
        };
        qsizetype i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.at(head + i) == b.at(head + j)) {
                flush();
                append(segments, Kind::Kept, a.at(head + i));
                ++i;
                ++j;
            } else if (j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)])) {
                inserted += b.at(head + j++);
            } else {
                deleted += a.at(head + i++);
            }
        }
        flush();
    } else {
        append(segments, Kind::Deleted, a.mid(head, n).join(QString()));
        append(segments, Kind::Inserted, b.mid(head, m).join(QString()));
    }
    append(segments, Kind::Kept, a.mid(a.size() - tail).join(QString()));
    return segments;
}

QString WordDiff::toHtml(const QList<Segment> &segments)
{
    QString html = u"<div style=\"white-space: pre-wrap;\">"_s;
    bool marked = false;
    for (const Segment &segment : segments) {
        QString text = segment.text.toHtmlEscaped();
        text.replace(u'\n', u"<br/>"_s);
        if (segment.kind != Kind::Kept && !std::exchange(marked, true))
            html += u"<a name=\"%1\"></a>"_s.arg(firstChangeAnchor());
        switch (segment.kind) {
        case Kind::Kept:
            html += text;
            break;
        case Kind::Deleted:
            html += u"<span style=\"background-color: #ffd7d5; color: #82071e; text-decoration: line-through;\">"_s
                    + text + u"</span>"_s;
            break;
        case Kind::Inserted:
            html += u"<span style=\"background-color: #ccffd8; color: #055d20; text-decoration: underline;\">"_s
                    + text + u"</span>"_s;
            break;
        }
    }
    return html + u"</div>"_s;
}

QString WordDiff::firstChangeAnchor()
{
    return u"first-change"_s;
}

QString WordDiff::toMarkedText(const QList<Segment> &segments)
{
    QString text;
    for (const Segment &segment : segments) {
        switch (segment.kind) {
        case Kind::Kept: text += segment.text; break;
        case Kind::Deleted: text += u"[-"_s + segment.text + u"-]"_s; break;
        case Kind::Inserted: text += u"{+"_s + segment.text + u"+}"_s; break;
        }
    }
    return text;
}
