#pragma once

#include <QTextBrowser>

#include <chrono>

class QTimer;

// Read-only view of GitHub-flavoured Markdown as github.com renders it (MarkdownRenderer, cmark-gfm).
// showMarkdown() renders at once; scheduleMarkdown() renders once typing has paused for
// kTypingPause (a live preview: each call restarts the wait, the last text wins). Re-rendering
// keeps the scroll position. Links open in the desktop's browser (http, https and mailto only);
// nothing is fetched to show images.
class MarkdownPreview : public QTextBrowser
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kTypingPause{150};

    explicit MarkdownPreview(QWidget *parent = nullptr);

    void showMarkdown(const QString &markdown);
    void scheduleMarkdown(const QString &markdown);
    // Shows an HTML body written for MarkdownRenderer::styleSheet() (several rendered parts).
    void showRenderedBody(const QString &body);
    QString markdown() const { return m_markdown; }
    bool isRenderPending() const;

    QVariant loadResource(int type, const QUrl &name) override;

Q_SIGNALS:
    void rendered();   // after each render, scheduled or not

private:
    void render();
    void showHtml(const QString &html);

    QString m_markdown;
    QTimer *m_typingPause = nullptr;
};
