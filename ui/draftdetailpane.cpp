#include "draftdetailpane.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString when(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : u"—"_s;
}

QString row(const QString &label, const QString &value)
{
    return u"<tr><td style='padding-right:12px; color:gray'>%1</td><td>%2</td></tr>"_s.arg(
        label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

DraftDetailPane::DraftDetailPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    m_title = new QLabel;
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_facts = new QLabel;
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_content = new QTextBrowser;
    m_content->setAccessibleName(u"Draft content"_s);
    m_content->setOpenExternalLinks(true);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_content, 1);
    showMessage(u"Select a draft to read it."_s);
}

void DraftDetailPane::showDraft(const DraftDetail &draft)
{
    m_id = draft.id;
    const bool pullRequest = draft.contentType == u"pull_request"_s;
    const QJsonObject metadata = QJsonDocument::fromJson(draft.metadata.toUtf8()).object();
    QString title = metadata.value(u"title"_s).toString();
    if (title.isEmpty())
        title = u"%1 on %2#%3"_s.arg(pullRequest ? u"Pull request"_s : u"Comment"_s, draft.githubRepo)
                    .arg(draft.githubIssueId);
    m_title->setText(title);
    QString facts = u"<table>"_s;
    facts += row(u"Draft"_s, u"#%1 · %2 · %3"_s.arg(draft.id).arg(draft.status, draft.contentType));
    facts += row(u"Issue"_s, u"%1#%2"_s.arg(draft.githubRepo).arg(draft.githubIssueId));
    facts += row(u"User"_s, draft.userGithubId.isEmpty() ? u"—"_s : draft.userGithubId);
    if (pullRequest) {
        const QString head = metadata.value(u"head"_s).toString(metadata.value(u"head_branch"_s).toString());
        const QString base = metadata.value(u"base"_s).toString(metadata.value(u"base_branch"_s).toString());
        if (!head.isEmpty() || !base.isEmpty())
            facts += row(u"Branches"_s, u"%1 → %2"_s.arg(head, base));
    }
    facts += row(u"Workflow run"_s, draft.workflowRunId);
    facts += row(u"Created"_s, when(draft.createdAt));
    facts += row(u"Updated"_s, when(draft.updatedAt));
    facts += u"</table>"_s;
    m_facts->setText(facts);
    m_facts->setVisible(true);
    m_content->setMarkdown(draft.content);
}

void DraftDetailPane::showMessage(const QString &message)
{
    m_id = -1;
    m_title->setText(message);
    m_facts->clear();
    m_facts->setVisible(false);
    m_content->clear();
}

QString DraftDetailPane::renderedText() const
{
    return m_content->toPlainText();
}
