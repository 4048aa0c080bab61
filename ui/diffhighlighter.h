#pragma once

#include <QSyntaxHighlighter>

// Colours a unified diff as GitHub does: added lines green, removed lines red, hunk headers (@@)
// blue, file headers (diff --git, index, ---, +++) bold. Attach it to the diff view's document.
class DiffHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class LineKind { Context, Addition, Deletion, Hunk, FileHeader };

    explicit DiffHighlighter(QTextDocument *document);

    static LineKind kindOf(const QString &line);
    static QColor foreground(LineKind kind);
    static QColor background(LineKind kind);

protected:
    void highlightBlock(const QString &text) override;
};
