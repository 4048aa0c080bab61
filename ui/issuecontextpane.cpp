#include "issuecontextpane.h"

#include <QColor>
#include <QLocale>

#include "github/githubclient.h"
#include "markdownpreview.h"
#include "markdownrenderer.h"

using namespace Qt::StringLiterals;

namespace {

QString when(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : u"—"_s;
}

QString login(const std::optional<Account> &account)
{
    return account ? account->login : u"ghost"_s;
}

// A rounded-looking chip: Qt's rich text has no border-radius, so padding with non-breaking spaces.
QString chip(const QString &text, const QColor &background)
{
    const QColor foreground = background.lightnessF() > 0.6 ? QColor(0x1f, 0x23, 0x28) : QColor(Qt::white);
    return u"<span style=\"background-color:%1; color:%2;\">&nbsp;%3&nbsp;</span>"_s.arg(
        background.name(), foreground.name(), text.toHtmlEscaped());
}

QString stateChip(const Issue &issue)
{
    switch (issue.state) {
    case IssueState::Open:
        return chip(u"Open"_s, QColor(0x1f, 0x88, 0x3d));
    case IssueState::Closed:
        return issue.stateReason == u"not_planned"_s ? chip(u"Closed (not planned)"_s, QColor(0x59, 0x63, 0x6e))
                                                     : chip(u"Closed"_s, QColor(0x82, 0x50, 0xdf));
    case IssueState::Unknown:
        break;
    }
    return chip(issue.stateName.isEmpty() ? u"unknown"_s : issue.stateName, QColor(0x59, 0x63, 0x6e));
}

} // namespace

// What came back for the current load so far.
struct IssueContextPane::Pending
{
    quint64 generation = 0;
    std::optional<std::expected<Issue, GitHubError>> issue;
    std::optional<std::expected<QList<IssueComment>, GitHubError>> comments;
};

IssueContextPane::IssueContextPane(QWidget *parent)
    : GitHubContextPane(u"issue"_s, parent)
    , m_view(new MarkdownPreview)
{
    m_view->setAccessibleName(u"GitHub issue"_s);
    setContent(m_view);
}

IssueContextPane::~IssueContextPane() = default;

void IssueContextPane::showIssue(const QString &repository, int number)
{
    if (repository != m_repository || number != m_number)
        m_view->clear();
    m_repository = repository;
    m_number = number;
    refresh();
}

QString IssueContextPane::renderedText() const
{
    return m_view->toPlainText();
}

bool IssueContextPane::hasTarget() const
{
    return !m_repository.isEmpty() && m_number > 0;
}

void IssueContextPane::startLoad(quint64 generation)
{
    const QString what = u"Issue %1#%2"_s.arg(m_repository).arg(m_number);
    const auto repo = RepoRef::parse(m_repository);
    if (!repo) {
        clearContent();
        setFailed(u"%1 cannot be loaded: \"%2\" is not a repository name of the form owner/name."_s.arg(what, m_repository));
        return;
    }
    m_pending = std::make_unique<Pending>();
    m_pending->generation = generation;
    gitHubClient()->getIssue(*repo, m_number, this, [this, generation](std::expected<Issue, GitHubError> result) {
        if (!isCurrent(generation) || !m_pending)
            return;
        m_pending->issue = std::move(result);
        finishIfComplete(generation);
    });
    gitHubClient()->listIssueComments(*repo, m_number, this,
                                      [this, generation](std::expected<QList<IssueComment>, GitHubError> result) {
                                          if (!isCurrent(generation) || !m_pending)
                                              return;
                                          m_pending->comments = std::move(result);
                                          finishIfComplete(generation);
                                      });
}

void IssueContextPane::clearContent()
{
    m_pending.reset();
    m_view->clear();
}

void IssueContextPane::finishIfComplete(quint64 generation)
{
    if (!m_pending || m_pending->generation != generation || !m_pending->issue || !m_pending->comments)
        return;
    const std::unique_ptr<Pending> done = std::move(m_pending);
    const QString what = u"Issue %1#%2"_s.arg(m_repository).arg(m_number);
    if (!done->issue->has_value()) {
        m_view->clear();
        setFailed(describe(done->issue->error(), what));
        return;
    }
    const Issue &issue = done->issue->value();
    QString body = issueHtml(issue);
    if (done->comments->has_value()) {
        body += commentsHtml(done->comments->value());
        m_view->showRenderedBody(body);
        setLoaded(QString());
    } else {
        m_view->showRenderedBody(body);
        setFailed(describe(done->comments->error(), u"The comments of %1#%2"_s.arg(m_repository).arg(m_number)));
    }
}

QString IssueContextPane::issueHtml(const Issue &issue) const
{
    QString labels;
    for (const Label &label : issue.labels) {
        const QColor colour(u'#' + label.color);
        labels += u' ' + chip(label.name, colour.isValid() ? colour : QColor(0xed, 0xed, 0xed));
    }
    QString html = u"<h2>%1 <span style=\"color:#59636e; font-weight:normal;\">#%2</span></h2>"_s.arg(
                       issue.title.toHtmlEscaped())
                       .arg(issue.number);
    html += u"<p>"_s + stateChip(issue) + labels + u"</p>"_s;
    html += u"<p style=\"color:#59636e;\"><b>%1</b> opened this issue on %2</p>"_s.arg(
        login(issue.user).toHtmlEscaped(), when(issue.createdAt).toHtmlEscaped());
    const QString body = issue.body.value_or(QString());
    html += body.trimmed().isEmpty() ? u"<p><i>No description provided.</i></p>"_s : MarkdownRenderer::toHtmlFragment(body);
    return html;
}

QString IssueContextPane::commentsHtml(const QList<IssueComment> &comments) const
{
    if (comments.isEmpty())
        return u"<hr/><p style=\"color:#59636e;\"><i>No comments yet.</i></p>"_s;
    const qsizetype first = std::max<qsizetype>(0, comments.size() - kLatestComments);
    QString html = u"<hr/><h3>%1</h3>"_s.arg(first == 0 ? u"Comments"_s
                                                       : u"Latest %1 of %2 comments"_s.arg(kLatestComments).arg(comments.size()));
    for (qsizetype i = first; i < comments.size(); ++i) {
        const IssueComment &comment = comments.at(i);
        html += u"<p style=\"background-color:#f6f8fa;\"><b>%1</b> commented on %2</p>"_s.arg(
            login(comment.user).toHtmlEscaped(), when(comment.createdAt).toHtmlEscaped());
        html += MarkdownRenderer::toHtmlFragment(comment.body.value_or(QString()));
    }
    return html;
}
