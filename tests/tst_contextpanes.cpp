#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>

#include "comparisonpane.h"
#include "diffhighlighter.h"
#include "githubharness.h"
#include "issuecontextpane.h"
#include "markdownpreview.h"
#include "testrsakey.h"

using namespace Qt::StringLiterals;

namespace {

const QString kIssuePath = u"/repos/octocat/Hello-World/issues/1347"_s;
const QString kCommentsPath = u"/repos/octocat/Hello-World/issues/1347/comments"_s;
const QString kComparePath = u"/repos/octocat/Hello-World/compare/master...topic"_s;

// Answers like GitHub: an ETag on every 200, a 304 without body when If-None-Match matches.
FakeHttpServer::Handler withETag(const QByteArray &body, const QByteArray &etag)
{
    return [body, etag](const RecordedRequest &request) {
        if (request.header("if-none-match") == etag)
            return FakeResponse{304, {{"ETag", etag}}, {}};
        return FakeResponse::json(200, body).withHeader("ETag", etag);
    };
}

QRegularExpression exactly(const QString &path)
{
    return QRegularExpression(QRegularExpression::escape(path) + u"(\\?.*)?"_s);
}

// The colour the highlighter gave the line `text` of the diff view.
QTextCharFormat lineFormat(QPlainTextEdit *view, const QString &text)
{
    for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next()) {
        if (block.text() != text)
            continue;
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        return formats.isEmpty() ? QTextCharFormat() : formats.first().format;
    }
    return {};
}

} // namespace

// The GitHub context panes of the review editor against the fake GitHub serving the fixtures.
class TestContextPanes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void issuePaneShowsTheIssueAndItsComments();
    void issuePaneShowsLoadingWithoutBlocking();
    void secondLoadRevalidatesWithETagAnd304KeepsTheContent();
    void missingIssueSaysNotFound();
    void refusedIssueSaysRefused();
    void unreachableGitHubSaysSo();
    void withoutClientSaysGitHubIsNotSetUp();
    void laterIssueSupersedesEarlierLoad();
    void comparisonPaneListsFilesAndColoursTheDiff();
    void comparisonPaneChoosingAFileScrollsToIt();
    void missingBranchComparisonSaysNotFound();

private:
    void serveIssue(GitHubHarness &h);
    std::unique_ptr<TestRsaKey> m_key;
};

void TestContextPanes::initTestCase()
{
    m_key = std::make_unique<TestRsaKey>();
}

void TestContextPanes::serveIssue(GitHubHarness &h)
{
    h.server.addRoute("GET", exactly(kIssuePath), withETag(Fixtures::github(u"GET_issue.json"_s), "\"issue-v1\""));
    h.server.addRoute("GET", exactly(kCommentsPath),
                      withETag(Fixtures::github(u"GET_issue_comments.json"_s), "\"comments-v1\""));
}

void TestContextPanes::issuePaneShowsTheIssueAndItsComments()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    const QString text = pane.renderedText();
    QVERIFY2(text.contains(u"Found a bug #1347"_s), qPrintable(text));
    QVERIFY(text.contains(u"Open"_s));
    QVERIFY(text.contains(u"bug"_s));
    QVERIFY(text.contains(u"octocat opened this issue"_s));
    QVERIFY(text.contains(u"I'm having a problem with this."_s));
    QVERIFY(text.contains(u"octocat commented on"_s));
    QVERIFY(text.contains(u"Me too"_s));
    QVERIFY(text.indexOf(u"I'm having a problem"_s) < text.indexOf(u"Me too"_s));
    // The label is a chip in its GitHub colour.
    const QString html = pane.findChild<MarkdownPreview *>()->toHtml();
    QVERIFY2(html.contains(u"#f29513"_s), qPrintable(html));
    // Both came with the repository installation's token.
    QCOMPARE(h.server.requests("GET", kIssuePath).first().header("Authorization"), "Bearer ghs_1");
    QCOMPARE(h.server.requests("GET", kCommentsPath).first().header("Authorization"), "Bearer ghs_1");
}

void TestContextPanes::issuePaneShowsLoadingWithoutBlocking()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    h.server.addRoute("GET", exactly(kIssuePath), FakeResponse::json(200, Fixtures::github(u"GET_issue.json"_s))
                                                      .withDelay(std::chrono::milliseconds(300)));
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    QSignalSpy states(&pane, &GitHubContextPane::stateChanged);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    // showIssue() returned before any answer: the pane says it is loading.
    QCOMPARE(pane.state(), GitHubContextPane::State::Loading);
    QCOMPARE(pane.statusText(), u"Loading issue…"_s);
    QCOMPARE(h.server.requests("GET", kIssuePath).size(), 0);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    QCOMPARE(states.count(), 2);
    QVERIFY(pane.renderedText().contains(u"Found a bug"_s));
}

void TestContextPanes::secondLoadRevalidatesWithETagAnd304KeepsTheContent()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    QVERIFY(!h.server.requests("GET", kIssuePath).first().hasHeader("if-none-match"));

    pane.clear();
    QVERIFY(pane.renderedText().isEmpty());
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    const auto issueRequests = h.server.requests("GET", kIssuePath);
    const auto commentRequests = h.server.requests("GET", kCommentsPath);
    QCOMPARE(issueRequests.size(), 2);
    QCOMPARE(issueRequests.last().header("if-none-match"), "\"issue-v1\"");
    QCOMPARE(commentRequests.last().header("if-none-match"), "\"comments-v1\"");
    // The server answered 304 without a body; the pane shows the issue from the cache.
    const QString text = pane.renderedText();
    QVERIFY2(text.contains(u"Found a bug"_s), qPrintable(text));
    QVERIFY(text.contains(u"Me too"_s));

    pane.refresh();
    QTRY_COMPARE(h.server.requests("GET", kIssuePath).size(), 3);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    QVERIFY(pane.renderedText().contains(u"Found a bug"_s));
}

void TestContextPanes::missingIssueSaysNotFound()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    h.server.addRoute("GET", exactly(kIssuePath), FakeResponse::json(404, Fixtures::github(u"ERROR_404_not_found.json"_s)));
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Failed);
    QVERIFY2(pane.statusText().contains(u"octocat/Hello-World#1347 was not found"_s), qPrintable(pane.statusText()));
    QVERIFY(pane.renderedText().isEmpty());
}

void TestContextPanes::refusedIssueSaysRefused()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    h.server.addRoute("GET", exactly(kIssuePath),
                      FakeResponse::json(403, R"({"message": "Resource not accessible by integration",
                                                  "documentation_url": "https://docs.github.com/rest"})"));
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Failed);
    QVERIFY2(pane.statusText().contains(u"refused access"_s), qPrintable(pane.statusText()));
    QVERIFY(pane.statusText().contains(u"Resource not accessible by integration"_s));
}

void TestContextPanes::unreachableGitHubSaysSo()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    HttpClientConfig config = h.http.config();
    config.maxRetries = 0;
    h.http.setConfig(config);
    h.server.addRoute("GET", exactly(kIssuePath), FakeResponse::dropped());
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Failed);
    QVERIFY2(pane.statusText().contains(u"could not be reached"_s), qPrintable(pane.statusText()));
}

void TestContextPanes::withoutClientSaysGitHubIsNotSetUp()
{
    IssueContextPane pane;
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    QCOMPARE(pane.state(), GitHubContextPane::State::Failed);
    QVERIFY(pane.statusText().contains(u"GitHub is not set up"_s));
    ComparisonPane comparison;
    comparison.showComparison(u"octocat/Hello-World"_s, u"master"_s, u"topic"_s);
    QCOMPARE(comparison.state(), GitHubContextPane::State::Failed);
}

void TestContextPanes::laterIssueSupersedesEarlierLoad()
{
    GitHubHarness h(m_key->pkcs1Pem());
    serveIssue(h);
    h.server.addRoute("GET", exactly(kIssuePath), FakeResponse::json(200, Fixtures::github(u"GET_issue.json"_s))
                                                      .withDelay(std::chrono::milliseconds(400)));
    const QString other = u"/repos/octocat/Hello-World/issues/7"_s;
    QByteArray otherIssue = Fixtures::github(u"GET_issue.json"_s);
    otherIssue.replace("Found a bug", "A different issue");
    h.server.addRoute("GET", exactly(other), FakeResponse::json(200, otherIssue));
    h.server.addRoute("GET", exactly(other + u"/comments"_s), FakeResponse::json(200, "[]"));
    IssueContextPane pane;
    pane.setGitHubClient(&h.client);
    pane.showIssue(u"octocat/Hello-World"_s, 1347);
    pane.showIssue(u"octocat/Hello-World"_s, 7);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    QTRY_COMPARE(h.server.requests("GET", kIssuePath).size(), 1);
    QTest::qWait(500);   // the slow answer to the first load arrives now, and must be ignored
    QVERIFY(pane.renderedText().contains(u"A different issue"_s));
    QVERIFY(!pane.renderedText().contains(u"Found a bug"_s));
    QVERIFY(pane.renderedText().contains(u"No comments yet."_s));
}

void TestContextPanes::comparisonPaneListsFilesAndColoursTheDiff()
{
    GitHubHarness h(m_key->pkcs1Pem());
    const QByteArray diff = Fixtures::github(u"GET_compare.diff"_s);
    h.server.addRoute("GET", exactly(kComparePath), [diff](const RecordedRequest &request) {
        if (request.header("accept").contains("diff"))
            return FakeResponse::text(200, diff, "application/vnd.github.diff; charset=utf-8");
        return FakeResponse::json(200, Fixtures::github(u"GET_compare.json"_s));
    });
    ComparisonPane pane;
    pane.setGitHubClient(&h.client);
    pane.showComparison(u"octocat/Hello-World"_s, u"master"_s, u"topic"_s);
    QCOMPARE(pane.state(), GitHubContextPane::State::Loading);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    QVERIFY2(pane.statusText().contains(u"master...topic"_s), qPrintable(pane.statusText()));
    QVERIFY(pane.statusText().contains(u"1 file changed · +103 −21"_s));

    QTreeWidget *files = pane.fileList();
    QCOMPARE(files->topLevelItemCount(), 1);
    QTreeWidgetItem *file = files->topLevelItem(0);
    QCOMPARE(file->text(ComparisonPane::FileName), u"file1.txt"_s);
    QCOMPARE(file->text(ComparisonPane::FileStatus), u"added"_s);
    QCOMPARE(file->text(ComparisonPane::FileAdditions), u"+103"_s);
    QCOMPARE(file->text(ComparisonPane::FileDeletions), u"−21"_s);
    const QColor added = file->foreground(ComparisonPane::FileAdditions).color();
    const QColor removed = file->foreground(ComparisonPane::FileDeletions).color();
    QVERIFY(added.green() > added.red() && added.green() > added.blue());
    QVERIFY(removed.red() > removed.green() && removed.red() > removed.blue());

    QPlainTextEdit *view = pane.diffView();
    QCOMPARE(view->toPlainText(), QString::fromUtf8(diff));
    QVERIFY(view->isReadOnly());
    QVERIFY(QFontInfo(view->font()).fixedPitch());
    const QColor plus = lineFormat(view, u"+test change"_s).foreground().color();
    const QColor minus = lineFormat(view, u"-test"_s).foreground().color();
    const QColor hunk = lineFormat(view, u"@@ -1 +1 @@"_s).foreground().color();
    QVERIFY2(plus.green() > plus.red() && plus.green() > plus.blue(), qPrintable(plus.name()));
    QVERIFY2(minus.red() > minus.green() && minus.red() > minus.blue(), qPrintable(minus.name()));
    QVERIFY2(hunk.blue() > hunk.red() && hunk.blue() > hunk.green(), qPrintable(hunk.name()));
    // "+++ b/testfile" is a file header, not an added line.
    QVERIFY(lineFormat(view, u"+++ b/testfile"_s).fontWeight() == QFont::Bold);
    QVERIFY(lineFormat(view, u"+++ b/testfile"_s).foreground().color() != plus);
    // JSON and diff were asked for with their media types.
    const auto requests = h.server.requests("GET", kComparePath);
    QCOMPARE(requests.size(), 2);
    QSet<QByteArray> accepts{requests.at(0).header("accept"), requests.at(1).header("accept")};
    QVERIFY(accepts.contains("application/vnd.github.diff"));
    QVERIFY(accepts.contains("application/vnd.github+json"));
}

void TestContextPanes::comparisonPaneChoosingAFileScrollsToIt()
{
    GitHubHarness h(m_key->pkcs1Pem());
    QByteArray diff;
    QJsonArray files;
    for (int f = 0; f < 3; ++f) {
        const QByteArray name = "src/file" + QByteArray::number(f) + ".cpp";
        diff += "diff --git a/" + name + " b/" + name + "\nindex 1111111..2222222 100644\n--- a/" + name
            + "\n+++ b/" + name + "\n@@ -1,60 +1,60 @@\n";
        for (int i = 0; i < 60; ++i)
            diff += "-old " + QByteArray::number(i) + "\n+new " + QByteArray::number(i) + "\n";
        files.append(QJsonObject{{u"filename"_s, QString::fromLatin1(name)}, {u"status"_s, u"modified"_s},
                                 {u"additions"_s, 60}, {u"deletions"_s, 60}, {u"changes"_s, 120}});
    }
    QJsonObject comparison = QJsonDocument::fromJson(Fixtures::github(u"GET_compare.json"_s)).object();
    comparison[u"files"_s] = files;
    const QByteArray json = QJsonDocument(comparison).toJson(QJsonDocument::Compact);
    h.server.addRoute("GET", exactly(kComparePath), [diff, json](const RecordedRequest &request) {
        return request.header("accept").contains("diff")
            ? FakeResponse::text(200, diff, "application/vnd.github.diff; charset=utf-8")
            : FakeResponse::json(200, json);
    });
    ComparisonPane pane;
    pane.resize(700, 500);
    pane.show();
    pane.setGitHubClient(&h.client);
    pane.showComparison(u"octocat/Hello-World"_s, u"master"_s, u"topic"_s);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Loaded);
    QCOMPARE(pane.fileList()->topLevelItemCount(), 3);
    pane.fileList()->setCurrentItem(pane.fileList()->topLevelItem(2));
    QCOMPARE(pane.diffView()->textCursor().block().text(), u"diff --git a/src/file2.cpp b/src/file2.cpp"_s);
    QVERIFY(pane.diffView()->verticalScrollBar()->value() > 0);
}

void TestContextPanes::missingBranchComparisonSaysNotFound()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", exactly(kComparePath), FakeResponse::json(404, Fixtures::github(u"ERROR_404_not_found.json"_s)));
    ComparisonPane pane;
    pane.setGitHubClient(&h.client);
    pane.showComparison(u"octocat/Hello-World"_s, u"master"_s, u"topic"_s);
    QTRY_COMPARE(pane.state(), GitHubContextPane::State::Failed);
    QVERIFY2(pane.statusText().contains(u"was not found on GitHub (404)"_s), qPrintable(pane.statusText()));
    QCOMPARE(pane.fileList()->topLevelItemCount(), 0);
    QVERIFY(pane.diffView()->toPlainText().isEmpty());
}

QTEST_MAIN(TestContextPanes)
#include "tst_contextpanes.moc"
