#include "worddiff.h"

#include <QStringList>

#include <dtl/dtl.hpp>

#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Above this many cells (differing units before × after) the middle is not diffed word by word:
// the edit script's time grows with their product in the worst case.
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
        // dtl (Wu's O(NP) shortest edit script) over the differing middle.
        std::vector<QString> from(a.begin() + head, a.begin() + head + n);
        std::vector<QString> to(b.begin() + head, b.begin() + head + m);
        dtl::Diff<QString, std::vector<QString>> diff(from, to);
        diff.compose();
        // Within each changed run the deletions come first, so a replacement reads "[-old-]{+new+}".
        QString deleted, inserted;
        const auto flush = [&] {
            append(segments, Kind::Deleted, std::exchange(deleted, {}));
            append(segments, Kind::Inserted, std::exchange(inserted, {}));
        };
        for (const auto &[unit, info] : diff.getSes().getSequence()) {
            switch (info.type) {
            case dtl::SES_COMMON:
                flush();
                append(segments, Kind::Kept, unit);
                break;
            case dtl::SES_DELETE:
                deleted += unit;
                break;
            case dtl::SES_ADD:
                inserted += unit;
                break;
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
