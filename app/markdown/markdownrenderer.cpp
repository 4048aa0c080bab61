#include "markdownrenderer.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <QByteArray>
#include <QList>

#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace {

// The extensions github.com enables for issues, comments and pull requests.
constexpr std::array kExtensions{"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

struct ParserDeleter
{
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter
{
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};

// Raw HTML. GitHub renders it after its sanitizer (which keeps <details>, <br>, <sub>, … and drops
// <script>, <style>, event handlers); the tag filter alone would show <script> escaped but hand
// every other tag to QTextBrowser, and cmark's safe mode would replace all of it with an invisible
// "<!-- raw HTML omitted -->". Neither lets a reviewer see what the draft really contains, so each
// raw HTML node becomes code showing its source: a block as a code block, inline HTML as a code
// span. The draft's text is unchanged; only the preview shows the markup instead of obeying it.
// (Safe mode stays on, so `javascript:` link targets are still emptied.)
void showRawHtmlAsSource(cmark_node *document)
{
    QList<cmark_node *> html;
    cmark_iter *iter = cmark_iter_new(document);
    for (cmark_event_type event = cmark_iter_next(iter); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter)) {
        cmark_node *node = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE))
            html.append(node);
    }
    cmark_iter_free(iter);

    for (cmark_node *node : std::as_const(html)) {
        const bool block = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK;
        cmark_node *source = cmark_node_new(block ? CMARK_NODE_CODE_BLOCK : CMARK_NODE_CODE);
        cmark_node_set_literal(source, cmark_node_get_literal(node));
        if (block)
            cmark_node_set_fence_info(source, "html");
        cmark_node_replace(node, source);
        cmark_node_free(node);
    }
}

// cmark-gfm's task-list items carry an <input type="checkbox">, which Qt's rich text ignores; Qt
// draws a checkbox marker for <li class="checked|unchecked"> (what QTextDocument::toHtml writes).
QByteArray adaptForQt(QByteArray html)
{
    html.replace(R"(<li><input type="checkbox" checked="" disabled="" /> )", R"(<li class="checked">)");
    html.replace(R"(<li><input type="checkbox" disabled="" /> )", R"(<li class="unchecked">)");
    // Qt draws a table's grid from the table's attributes; CSS borders on cells are not enough.
    html.replace("<table>", R"(<table border="1" cellspacing="0" cellpadding="6" class="md">)");
    return html;
}

QByteArray renderHtml(const QByteArray &markdown)
{
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

    const int options = CMARK_OPT_DEFAULT;  // safe: no CMARK_OPT_UNSAFE (see showRawHtmlAsSource)
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
    for (const char *name : kExtensions) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
    cmark_parser_feed(parser.get(), markdown.constData(), size_t(markdown.size()));
    std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
    showRawHtmlAsSource(document.get());
    char *html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    QByteArray result(html);
    std::free(html);
    return adaptForQt(std::move(result));
}

} // namespace

QString MarkdownRenderer::toHtmlFragment(const QString &markdown)
{
    return QString::fromUtf8(renderHtml(markdown.toUtf8()));
}

QString MarkdownRenderer::toHtmlDocument(const QString &markdown)
{
    return document(toHtmlFragment(markdown));
}

QString MarkdownRenderer::styleSheet()
{
    // Close to github.com's light theme, within what Qt's rich text understands.
    return uR"(
pre { background-color: #f6f8fa; font-family: "DejaVu Sans Mono", monospace; }
code { background-color: #eff1f3; font-family: "DejaVu Sans Mono", monospace; }
table.md { border-color: #d0d7de; border-style: solid; }
th { background-color: #f6f8fa; font-weight: bold; }
blockquote { color: #59636e; }
del { text-decoration: line-through; }
a { color: #0969da; }
)"_s;
}

QString MarkdownRenderer::document(const QString &body)
{
    return u"<html><head><meta charset=\"utf-8\"><style>"_s + styleSheet() + u"</style></head><body>"_s + body
        + u"</body></html>"_s;
}
