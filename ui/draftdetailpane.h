#pragma once

#include <QPointer>

#include "draftstore.h"
#include "recordpane.h"

class GitHubLoginDirectory;
class QTextBrowser;

// Read-only view of one draft: its metadata and its content rendered as Markdown. The user (with
// the GitHub login once known) links to the user, repo#issue to the issue on GitHub (linkActivated).
class DraftDetailPane : public RecordPane
{
    Q_OBJECT

public:
    explicit DraftDetailPane(QWidget *parent = nullptr);

    void setLoginDirectory(GitHubLoginDirectory *directory);
    void showDraft(const DraftDetail &draft);
    qint64 draftId() const { return m_id; }
    QString renderedText() const;                // the content as rendered (plain text)

protected:
    void clearRecord() override;

private:
    void showFacts();

    QPointer<GitHubLoginDirectory> m_logins;
    DraftDetail m_draft;
    qint64 m_id = -1;
    QTextBrowser *m_content = nullptr;
};
