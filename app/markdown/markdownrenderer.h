#pragma once

#include <QString>

// GitHub-flavoured Markdown → HTML, parsed by cmark-gfm (GitHub's own parser) with GitHub's
// extensions: tables, strikethrough, autolinks, task lists and the tag filter. The HTML is shaped
// for QTextBrowser / QTextDocument (bordered tables, task-list markers, shaded code).
// Raw HTML in the Markdown is never rendered as HTML: it is shown as its source, in monospace, so
// a reviewer sees exactly what a draft would post (see markdownrenderer.cpp). Links with unsafe
// schemes (javascript:, vbscript:, file:, most data:) lose their target.
// Stateless and reentrant: callable from any thread.
class MarkdownRenderer
{
public:
    // The rendered body: block elements, no <html>/<head>.
    static QString toHtmlFragment(const QString &markdown);
    // A complete document (style sheet + body) for QTextBrowser::setHtml().
    static QString toHtmlDocument(const QString &markdown);
    // The CSS the fragments are written for (Qt's rich-text subset).
    static QString styleSheet();
    // Wraps a body (e.g. several fragments with headings) into a document with styleSheet().
    static QString document(const QString &body);
};
