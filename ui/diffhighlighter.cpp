#include "diffhighlighter.h"

using namespace Qt::StringLiterals;

DiffHighlighter::DiffHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

DiffHighlighter::LineKind DiffHighlighter::kindOf(const QString &line)
{
    if (line.startsWith(u"diff --git "_s) || line.startsWith(u"index "_s) || line.startsWith(u"--- "_s)
        || line.startsWith(u"+++ "_s) || line.startsWith(u"new file mode"_s)
        || line.startsWith(u"deleted file mode"_s) || line.startsWith(u"rename "_s)
        || line.startsWith(u"similarity index"_s) || line.startsWith(u"Binary files"_s))
        return LineKind::FileHeader;
    if (line.startsWith(u"@@"_s))
        return LineKind::Hunk;
    if (line.startsWith(u'+'))
        return LineKind::Addition;
    if (line.startsWith(u'-'))
        return LineKind::Deletion;
    return LineKind::Context;
}

QColor DiffHighlighter::foreground(LineKind kind)
{
    switch (kind) {
    case LineKind::Addition:
        return QColor(0x11, 0x63, 0x29);
    case LineKind::Deletion:
        return QColor(0xa4, 0x0e, 0x26);
    case LineKind::Hunk:
        return QColor(0x05, 0x50, 0xae);
    case LineKind::FileHeader:
        return QColor(0x1f, 0x23, 0x28);
    case LineKind::Context:
        break;
    }
    return {};
}

QColor DiffHighlighter::background(LineKind kind)
{
    switch (kind) {
    case LineKind::Addition:
        return QColor(0xda, 0xfb, 0xe1);
    case LineKind::Deletion:
        return QColor(0xff, 0xeb, 0xe9);
    case LineKind::Hunk:
        return QColor(0xdd, 0xf4, 0xff);
    case LineKind::FileHeader:
        return QColor(0xf6, 0xf8, 0xfa);
    case LineKind::Context:
        break;
    }
    return {};
}

void DiffHighlighter::highlightBlock(const QString &text)
{
    const LineKind kind = kindOf(text);
    if (kind == LineKind::Context)
        return;
    QTextCharFormat format;
    format.setForeground(foreground(kind));
    format.setBackground(background(kind));
    if (kind == LineKind::FileHeader)
        format.setFontWeight(QFont::Bold);
    setFormat(0, int(text.size()), format);
}
