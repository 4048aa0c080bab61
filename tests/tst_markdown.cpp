#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextList>
#include <QTextTable>

#include <ctime>

#include "draftdetailpane.h"
#include "markdownpreview.h"
#include "markdownrenderer.h"

using namespace Qt::StringLiterals;

namespace {

// The rendering as QTextBrowser shows it.
std::unique_ptr<QTextDocument> shown(const QString &markdown)
{
    auto document = std::make_unique<QTextDocument>();
    document->setHtml(MarkdownRenderer::toHtmlDocument(markdown));
    return document;
}

QList<QTextTable *> tablesOf(QTextDocument &document)
{
    QList<QTextTable *> tables;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        QTextCursor cursor(block);
        if (QTextTable *table = cursor.currentTable(); table && !tables.contains(table))
            tables.append(table);
    }
    return tables;
}

QTextBlock blockWithText(QTextDocument &document, const QString &text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.text().contains(text))
            return block;
    }
    return {};
}

QTextCharFormat formatOf(QTextDocument &document, const QString &text)
{
    const QTextBlock block = blockWithText(document, text);
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        if (it.fragment().text().contains(text))
            return it.fragment().charFormat();
    }
    return {};
}

// About 100 KB of the Markdown reviewers read: headings, lists, tables, code, links.
QString largeDraft()
{
    QString markdown;
    for (int i = 0; markdown.size() < 100 * 1024; ++i) {
        markdown += u"## Section %1\n\nThe retry loop in `client.cpp` hides **upstream timeouts**; see "
                    u"https://github.com/acme/api/issues/%1 and ~~the old fix~~.\n\n"
                    u"- [x] reproduce\n- [ ] fix\n- item with [a link](https://example.com/%1)\n\n"
                    u"| step | result |\n|---|---|\n| %1 | ok |\n| %1 | failed |\n\n"
                    u"```cpp\nfor (int i = 0; i < %1; ++i)\n    retry(i);\n```\n\n"_s.arg(i);
    }
    return markdown;
}

qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

} // namespace

// GitHub-flavoured Markdown through cmark-gfm, as QTextBrowser shows it: the preview, and the
// draft detail pane that uses it.
class TestMarkdown : public QObject
{
    Q_OBJECT

private slots:
    void tableRendersAsBorderedTable();
    void taskListShowsCheckedAndUnchecked();
    void strikethroughIsStruckOut();
    void scriptIsShownAsText();
    void inlineHtmlIsShownAsSource();
    void autolinksBecomeLinks();
    void javascriptLinksLoseTheirTarget();
    void codeBlocksAreMonospaceOnShade();
    void largeDraftRendersWithinTheTypingPause();
    void previewRendersOnceTypingPauses();
    void previewKeepsScrollPosition();
    void draftPaneShowsTheRenderedDraft();
};

void TestMarkdown::tableRendersAsBorderedTable()
{
    const QString markdown = u"| Step | Result |\n|:--|--:|\n| build | ok |\n| test | **failed** |\n"_s;
    const QString html = MarkdownRenderer::toHtmlFragment(markdown);
    QVERIFY2(html.contains(u"<th align=\"left\">Step</th>"_s), qPrintable(html));
    auto document = shown(markdown);
    const QList<QTextTable *> tables = tablesOf(*document);
    QCOMPARE(tables.size(), 1);
    QCOMPARE(tables.first()->rows(), 3);
    QCOMPARE(tables.first()->columns(), 2);
    QCOMPARE(tables.first()->cellAt(2, 1).firstCursorPosition().block().text(), u"failed"_s);
    QVERIFY(tables.first()->format().border() >= 1);
    QVERIFY(tables.first()->cellAt(1, 1).firstCursorPosition().blockFormat().alignment() & Qt::AlignRight);
    QVERIFY(!(tables.first()->cellAt(1, 0).firstCursorPosition().blockFormat().alignment() & Qt::AlignRight));
}

void TestMarkdown::taskListShowsCheckedAndUnchecked()
{
    const QString markdown = u"- [x] reproduced on main\n- [ ] verified on staging\n- plain item\n"_s;
    auto document = shown(markdown);
    const QTextBlock done = blockWithText(*document, u"reproduced on main"_s);
    const QTextBlock open = blockWithText(*document, u"verified on staging"_s);
    const QTextBlock plain = blockWithText(*document, u"plain item"_s);
    QVERIFY(done.isValid() && open.isValid() && plain.isValid());
    QCOMPARE(done.text(), u"reproduced on main"_s);   // no "[x]" left in the text
    QCOMPARE(done.blockFormat().marker(), QTextBlockFormat::MarkerType::Checked);
    QCOMPARE(open.blockFormat().marker(), QTextBlockFormat::MarkerType::Unchecked);
    QCOMPARE(plain.blockFormat().marker(), QTextBlockFormat::MarkerType::NoMarker);
    QVERIFY(done.textList() && done.textList() == open.textList());
}

void TestMarkdown::strikethroughIsStruckOut()
{
    const QString markdown = u"Use ~~the old retry~~ the new one.\n"_s;
    QVERIFY(MarkdownRenderer::toHtmlFragment(markdown).contains(u"<del>the old retry</del>"_s));
    auto document = shown(markdown);
    QVERIFY(formatOf(*document, u"the old retry"_s).fontStrikeOut());
    QVERIFY(!formatOf(*document, u"the new one"_s).fontStrikeOut());
}

void TestMarkdown::scriptIsShownAsText()
{
    const QString markdown = u"Before.\n\n<script>alert(1)</script>\n\nAfter.\n"_s;
    const QString html = MarkdownRenderer::toHtmlFragment(markdown);
    QVERIFY2(!html.contains(u"<script"_s, Qt::CaseInsensitive), qPrintable(html));
    QVERIFY2(!html.contains(u"raw HTML omitted"_s), qPrintable(html));
    auto document = shown(markdown);
    const QString text = document->toPlainText();
    QVERIFY2(text.contains(u"<script>alert(1)</script>"_s), qPrintable(text));
    QVERIFY(text.indexOf(u"Before."_s) < text.indexOf(u"<script>"_s));
    QVERIFY(text.indexOf(u"<script>"_s) < text.indexOf(u"After."_s));
    // Shown as source: in monospace, like code.
    QVERIFY(formatOf(*document, u"alert(1)"_s).fontFixedPitch()
            || formatOf(*document, u"alert(1)"_s).fontFamilies().toStringList().join(u',').contains(u"Mono"_s));
}

void TestMarkdown::inlineHtmlIsShownAsSource()
{
    const QString markdown = u"Click <b>here</b> <img src=x onerror=alert(1)> now.\n"_s;
    const QString html = MarkdownRenderer::toHtmlFragment(markdown);
    QVERIFY2(!html.contains(u"<b>"_s) && !html.contains(u"<img"_s), qPrintable(html));
    const QString text = shown(markdown)->toPlainText();
    QVERIFY2(text.contains(u"Click <b>here</b> <img src=x onerror=alert(1)> now."_s), qPrintable(text));
}

void TestMarkdown::autolinksBecomeLinks()
{
    const QString markdown = u"See https://github.com/acme/api/issues/42 and www.example.com.\n"_s;
    auto document = shown(markdown);
    const QTextCharFormat full = formatOf(*document, u"https://github.com/acme/api/issues/42"_s);
    QVERIFY(full.isAnchor());
    QCOMPARE(full.anchorHref(), u"https://github.com/acme/api/issues/42"_s);
    const QTextCharFormat www = formatOf(*document, u"www.example.com"_s);
    QVERIFY(www.isAnchor());
    QCOMPARE(www.anchorHref(), u"http://www.example.com"_s);
    QVERIFY(!formatOf(*document, u"See "_s).isAnchor());
}

void TestMarkdown::javascriptLinksLoseTheirTarget()
{
    const QString html = MarkdownRenderer::toHtmlFragment(u"[click](javascript:alert(1))\n"_s);
    QVERIFY2(!html.contains(u"javascript:"_s), qPrintable(html));
    QVERIFY(html.contains(u">click</a>"_s));
}

void TestMarkdown::codeBlocksAreMonospaceOnShade()
{
    auto document = shown(u"Text\n\n```cpp\nint retries = 3;\n```\n"_s);
    const QTextBlock code = blockWithText(*document, u"int retries = 3;"_s);
    QVERIFY(code.isValid());
    const QTextCharFormat format = formatOf(*document, u"int retries"_s);
    QVERIFY(format.fontFixedPitch() || format.fontFamilies().toStringList().join(u',').contains(u"Mono"_s));
    QCOMPARE(code.blockFormat().background().color(), QColor(u"#f6f8fa"_s));
    QVERIFY(!blockWithText(*document, u"Text"_s).blockFormat().background().color().isValid()
            || blockWithText(*document, u"Text"_s).blockFormat().background().style() == Qt::NoBrush);
}

void TestMarkdown::largeDraftRendersWithinTheTypingPause()
{
    const QString markdown = largeDraft();
    QVERIFY(markdown.size() >= 100 * 1024);
    MarkdownPreview preview;
    preview.resize(800, 600);
    preview.showMarkdown(u"warm up"_s);
    // CPU time of this thread: the machine running the tests is shared, wall time is noise.
    qint64 parseNs = 0;
    qint64 wholeNs = 0;
    QString html;
    for (int run = 0; run < 3; ++run) {
        const qint64 start = threadCpuNs();
        html = MarkdownRenderer::toHtmlDocument(markdown);
        const qint64 parsed = threadCpuNs();
        preview.showMarkdown(markdown + QString(run, u' '));
        const qint64 shownAt = threadCpuNs();
        parseNs = run == 0 ? parsed - start : std::min(parseNs, parsed - start);
        wholeNs = run == 0 ? shownAt - parsed : std::min(wholeNs, shownAt - parsed);
    }
    qInfo("100 KB draft, CPU time (best of 3): cmark-gfm to HTML %lld ms; preview (render + QTextBrowser::setHtml) %lld ms",
          parseNs / 1000000, wholeNs / 1000000);
    QVERIFY(html.contains(u"<table"_s));
    QVERIFY(blockWithText(*preview.document(), u"Section 1"_s).isValid());
    // The parser is far below the typing pause; the whole preview (mostly Qt's HTML import and
    // layout) stays within it.
    QVERIFY2(parseNs / 1000000 < MarkdownPreview::kTypingPause.count() / 5, qPrintable(QString::number(parseNs)));
    QVERIFY2(wholeNs / 1000000 < MarkdownPreview::kTypingPause.count(), qPrintable(QString::number(wholeNs)));
}

void TestMarkdown::previewRendersOnceTypingPauses()
{
    MarkdownPreview preview;
    QSignalSpy rendered(&preview, &MarkdownPreview::rendered);
    preview.scheduleMarkdown(u"# T"_s);
    preview.scheduleMarkdown(u"# Ti"_s);
    preview.scheduleMarkdown(u"# Title ~~old~~"_s);
    QVERIFY(preview.isRenderPending());
    QCOMPARE(rendered.count(), 0);
    QCOMPARE(preview.toPlainText(), QString());
    QTRY_COMPARE(rendered.count(), 1);
    QVERIFY(!preview.isRenderPending());
    QCOMPARE(preview.toPlainText(), u"Title old"_s);
    preview.showMarkdown(u"now"_s);   // immediate
    QCOMPARE(rendered.count(), 2);
    QCOMPARE(preview.toPlainText(), u"now"_s);
}

void TestMarkdown::previewKeepsScrollPosition()
{
    MarkdownPreview preview;
    preview.resize(400, 200);
    preview.show();
    QString markdown;
    for (int i = 0; i < 200; ++i)
        markdown += u"Paragraph %1\n\n"_s.arg(i);
    preview.showMarkdown(markdown);
    QScrollBar *bar = preview.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum() / 2);
    const int position = bar->value();
    preview.showMarkdown(markdown + u"One more paragraph.\n"_s);
    QCOMPARE(bar->value(), position);
}

void TestMarkdown::draftPaneShowsTheRenderedDraft()
{
    DraftDetailPane pane;
    DraftDetail draft;
    draft.id = 7;
    draft.contentType = u"comment"_s;
    draft.githubRepo = u"acme/api"_s;
    draft.githubIssueId = 42;
    draft.status = u"draft"_s;
    draft.metadata = u"{}"_s;
    draft.content = u"| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ https://example.com\n\n"
                    u"<script>alert(1)</script>\n"_s;
    pane.showDraft(draft);
    auto *preview = pane.findChild<MarkdownPreview *>();
    QVERIFY(preview);
    QCOMPARE(preview->markdown(), draft.content);
    QTextDocument *document = preview->document();
    QCOMPARE(tablesOf(*document).size(), 1);
    QCOMPARE(blockWithText(*document, u"done"_s).blockFormat().marker(), QTextBlockFormat::MarkerType::Checked);
    QVERIFY(formatOf(*document, u"gone"_s).fontStrikeOut());
    QVERIFY(formatOf(*document, u"https://example.com"_s).isAnchor());
    QVERIFY(pane.renderedText().contains(u"<script>alert(1)</script>"_s));
    QVERIFY(!pane.renderedText().contains(u"| a | b |"_s));
}

QTEST_MAIN(TestMarkdown)
#include "tst_markdown.moc"
