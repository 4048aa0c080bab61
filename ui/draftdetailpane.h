#pragma once

#include <QPointer>

#include "draftstore.h"
#include "recordpane.h"

class GitHubLoginDirectory;
class MarkdownPreview;

// Read-only view of one draft: its metadata and its content rendered as GitHub renders it. The user
// (with the GitHub login once known) links to the user, repo#issue to the issue on GitHub
// (linkActivated). The list's search term, when set, is marked (case-insensitively) in the title and
// the rendered content.
class DraftDetailPane : public RecordPane
{
    Q_OBJECT

public:
    explicit DraftDetailPane(QWidget *parent = nullptr);

    void setLoginDirectory(GitHubLoginDirectory *directory);
    void showDraft(const DraftDetail &draft);
    qint64 draftId() const { return m_id; }
    QString renderedText() const;                // the content as rendered (plain text)
    void setHighlight(const QString &term);      // empty: nothing marked
    // "Being reviewed by LOGIN" among the facts (the draft's claim); empty: nobody else has it open.
    void setClaimNote(const QString &note);
    QString claimNote() const { return m_claimNote; }
    QString highlight() const { return m_highlight; }
    QStringList highlightedText() const;         // the marked stretches of the content, in order

protected:
    void clearRecord() override;

private:
    void applyHighlight();

    void showFacts();

    QPointer<GitHubLoginDirectory> m_logins;
    DraftDetail m_draft;
    qint64 m_id = -1;
    QString m_highlight;
    QString m_claimNote;
    MarkdownPreview *m_content = nullptr;
};
