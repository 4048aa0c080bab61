#pragma once

#include <memory>
#include <optional>

#include "githubcontextpane.h"

struct Issue;
struct IssueComment;
class MarkdownPreview;

// The GitHub issue a draft answers: title, number, state, labels (coloured as on GitHub), author,
// creation date, the body rendered as GitHub renders it, and the latest kLatestComments comments
// (author, date, body). The issue and its comments load in parallel through the GitHubClient,
// with the repository's installation token; HttpClient's ETag cache answers an unchanged issue
// with a 304 and the content it already has.
class IssueContextPane : public GitHubContextPane
{
    Q_OBJECT

public:
    static constexpr int kLatestComments = 10;

    explicit IssueContextPane(QWidget *parent = nullptr);
    ~IssueContextPane() override;

    // `repository` is "owner/name". Shows "Loading issue…" at once; the content follows.
    void showIssue(const QString &repository, int number);
    QString repository() const { return m_repository; }
    int issueNumber() const { return m_number; }
    QString renderedText() const;   // what the pane shows, as plain text

protected:
    bool hasTarget() const override;
    void startLoad(quint64 generation) override;
    void clearContent() override;

private:
    struct Pending;
    void finishIfComplete(quint64 generation);
    QString issueHtml(const Issue &issue) const;
    QString commentsHtml(const QList<IssueComment> &comments) const;

    QString m_repository;
    int m_number = 0;
    std::unique_ptr<Pending> m_pending;
    MarkdownPreview *m_view = nullptr;
};
