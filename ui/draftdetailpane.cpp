#include "draftdetailpane.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextDocument>

#include "markdownpreview.h"

#include "github/githublogindirectory.h"
#include "githublogindelegate.h"
#include "recordref.h"

using namespace Qt::StringLiterals;

DraftDetailPane::DraftDetailPane(QWidget *parent)
    : RecordPane(parent)
{
    m_content = new MarkdownPreview;
    m_content->setAccessibleName(u"Draft content"_s);
    addSection({}, m_content, 1);
    showMessage(u"Select a draft to read it."_s);
}

void DraftDetailPane::setLoginDirectory(GitHubLoginDirectory *directory)
{
    if (m_logins)
        disconnect(m_logins, nullptr, this, nullptr);
    m_logins = directory;
    if (directory) {
        connect(directory, &GitHubLoginDirectory::resolved, this, [this](qint64 githubId) {
            if (m_id >= 0 && m_draft.userGithubId == QString::number(githubId))
                showFacts();
        });
    }
}

void DraftDetailPane::showDraft(const DraftDetail &draft)
{
    m_draft = draft;
    showFacts();
    m_id = draft.id;
    m_content->showMarkdown(draft.content);
    applyHighlight();
}

void DraftDetailPane::showFacts()
{
    const DraftDetail &draft = m_draft;
    const std::optional<QString> login = m_logins ? m_logins->login(draft.userGithubId) : std::nullopt;
    const bool pullRequest = draft.contentType == u"pull_request"_s;
    const QJsonObject metadata = QJsonDocument::fromJson(draft.metadata.toUtf8()).object();
    QString title = metadata.value(u"title"_s).toString();
    if (title.isEmpty())
        title = u"%1 on %2#%3"_s.arg(pullRequest ? u"Pull request"_s : u"Comment"_s, draft.githubRepo)
                    .arg(draft.githubIssueId);
    Facts facts{{u"Draft"_s, u"#%1 · %2 · %3"_s.arg(draft.id).arg(draft.status, draft.contentType)},
                {u"Issue"_s, u"%1#%2"_s.arg(draft.githubRepo).arg(draft.githubIssueId)},
                {u"User"_s, draft.userGithubId.isEmpty() ? u"—"_s : GitHubLoginDelegate::withLogin(draft.userGithubId, login)}};
    FactLinks links{{u"Issue"_s, {}, IssueRef{draft.githubRepo, draft.githubIssueId}.toUrl()}};
    if (draft.userId > 0)
        links.append({u"User"_s, {}, RecordRef::user(draft.userId).toUrl()});
    if (pullRequest) {
        const QString head = metadata.value(u"head"_s).toString(metadata.value(u"head_branch"_s).toString());
        const QString base = metadata.value(u"base"_s).toString(metadata.value(u"base_branch"_s).toString());
        if (!head.isEmpty() || !base.isEmpty())
            facts.append({u"Branches"_s, u"%1 → %2"_s.arg(head, base)});
    }
    if (!m_claimNote.isEmpty())
        facts.append({u"Review"_s, m_claimNote});
    facts.append({u"Workflow run"_s, draft.workflowRunId});
    facts.append({u"Created"_s, localTime(draft.createdAt)});
    facts.append({u"Updated"_s, localTime(draft.updatedAt)});
    showRecord(title, facts, links);
    highlightTitle(m_highlight);   // the title was shown anew (e.g. once the login is known)
}

void DraftDetailPane::setClaimNote(const QString &note)
{
    if (note == m_claimNote)
        return;
    m_claimNote = note;
    if (m_id >= 0)
        showFacts();
}

void DraftDetailPane::setHighlight(const QString &term)
{
    if (term == m_highlight)
        return;
    m_highlight = term;
    applyHighlight();
}

// Extra selections mark the matches without touching the rendered document.
void DraftDetailPane::applyHighlight()
{
    QList<QTextEdit::ExtraSelection> marks;
    if (m_id >= 0 && !m_highlight.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(highlightColor());
        format.setForeground(Qt::black);
        QTextDocument *document = m_content->document();
        for (QTextCursor found = document->find(m_highlight); !found.isNull();
             found = document->find(m_highlight, found))
            marks.append({found, format});
    }
    m_content->setExtraSelections(marks);
    if (m_id >= 0)
        highlightTitle(m_highlight);
}

QStringList DraftDetailPane::highlightedText() const
{
    QStringList text;
    for (const QTextEdit::ExtraSelection &mark : m_content->extraSelections())
        text.append(mark.cursor.selectedText());
    return text;
}

void DraftDetailPane::clearRecord()
{
    m_id = -1;
    m_draft = {};
    m_content->setExtraSelections({});
    m_content->clear();
}

QString DraftDetailPane::renderedText() const
{
    return m_content->toPlainText();
}
