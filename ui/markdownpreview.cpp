#include "markdownpreview.h"

#include <QDesktopServices>
#include <QScrollBar>
#include <QTimer>

#include "markdownrenderer.h"

using namespace Qt::StringLiterals;

MarkdownPreview::MarkdownPreview(QWidget *parent)
    : QTextBrowser(parent)
    , m_typingPause(new QTimer(this))
{
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == u"https"_s || scheme == u"http"_s || scheme == u"mailto"_s)
            QDesktopServices::openUrl(url);
    });
    m_typingPause->setSingleShot(true);
    m_typingPause->setInterval(kTypingPause);
    connect(m_typingPause, &QTimer::timeout, this, &MarkdownPreview::render);
}

void MarkdownPreview::showMarkdown(const QString &markdown)
{
    m_markdown = markdown;
    m_typingPause->stop();
    render();
}

void MarkdownPreview::scheduleMarkdown(const QString &markdown)
{
    m_markdown = markdown;
    m_typingPause->start();
}

void MarkdownPreview::showRenderedBody(const QString &body)
{
    m_markdown.clear();
    m_typingPause->stop();
    showHtml(MarkdownRenderer::document(body));
}

bool MarkdownPreview::isRenderPending() const
{
    return m_typingPause->isActive();
}

QVariant MarkdownPreview::loadResource(int type, const QUrl &name)
{
    // Images in drafts point at GitHub or anywhere on the web (or at local files): the preview
    // neither fetches nor reads them. The style sheet comes inline.
    Q_UNUSED(type);
    Q_UNUSED(name);
    return {};
}

void MarkdownPreview::render()
{
    showHtml(MarkdownRenderer::toHtmlDocument(m_markdown));
}

void MarkdownPreview::showHtml(const QString &html)
{
    const int scroll = verticalScrollBar()->value();
    setHtml(html);
    verticalScrollBar()->setValue(scroll);
    Q_EMIT rendered();
}
