#include "githubcontextpane.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include "github/githubclient.h"

using namespace Qt::StringLiterals;

GitHubContextPane::GitHubContextPane(const QString &subject, QWidget *parent)
    : QWidget(parent)
    , m_subject(subject)
    , m_status(new QLabel)
    , m_refresh(new QToolButton)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(u"GitHub %1 status"_s.arg(subject));
    bar->addWidget(m_status, 1);
    bar->addStretch();   // keeps Refresh on the right while the status line is hidden

    auto *refresh = new QAction(u"Refresh"_s, this);
    refresh->setObjectName(u"Refresh %1"_s.arg(subject));   // its accessible name, as for every action with a shortcut
    // Not F5 (the window's "refresh connection details") nor Ctrl+R (a list's reload): an
    // ambiguous shortcut would fire neither.
    refresh->setShortcut(QKeySequence(u"Ctrl+Shift+R"_s));
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    refresh->setToolTip(u"Load the %1 from GitHub again (%2)"_s.arg(subject, refresh->shortcut().toString(QKeySequence::NativeText)));
    connect(refresh, &QAction::triggered, this, &GitHubContextPane::refresh);
    addAction(refresh);
    m_refresh->setDefaultAction(refresh);
    m_refresh->setAccessibleName(u"Refresh %1"_s.arg(subject));
    bar->addWidget(m_refresh);
    m_layout->addLayout(bar);
    setState(State::Empty, QString());
}

void GitHubContextPane::setGitHubClient(GitHubClient *client)
{
    m_client = client;
}

GitHubClient *GitHubContextPane::gitHubClient() const
{
    return m_client;
}

QString GitHubContextPane::statusText() const
{
    return m_status->text();
}

void GitHubContextPane::setContent(QWidget *content)
{
    m_layout->addWidget(content, 1);
}

void GitHubContextPane::refresh()
{
    if (!hasTarget())
        return;
    ++m_generation;
    if (!m_client) {
        clearContent();
        setFailed(u"GitHub is not set up: the %1 cannot be loaded (Settings › GitHub)."_s.arg(m_subject));
        return;
    }
    setState(State::Loading, u"Loading %1…"_s.arg(m_subject));
    startLoad(m_generation);
}

void GitHubContextPane::clear()
{
    ++m_generation;
    clearContent();
    setState(State::Empty, QString());
}

void GitHubContextPane::setLoaded(const QString &status)
{
    setState(State::Loaded, status);
}

void GitHubContextPane::setFailed(const QString &message)
{
    setState(State::Failed, message);
}

QString GitHubContextPane::describe(const GitHubError &error, const QString &what)
{
    const ApiError::Kind kind = error.api ? error.api->kind : ApiError::Kind::Http;
    if (error.kind == GitHubError::Kind::Api && error.httpStatus() == 404)
        return u"%1 was not found on GitHub (404): it does not exist, or the App's installation cannot see it."_s.arg(what);
    if (error.kind == GitHubError::Kind::Api && error.httpStatus() == 403)
        return u"GitHub refused access to %1 (403): %2"_s.arg(what, error.api->apiMessage.isEmpty() ? error.text() : error.api->apiMessage);
    if (error.kind == GitHubError::Kind::Api && (kind == ApiError::Kind::Transport || kind == ApiError::Kind::Timeout))
        return u"GitHub could not be reached for %1: %2"_s.arg(what, error.text());
    return u"%1 could not be loaded: %2"_s.arg(what, error.text());
}

void GitHubContextPane::setState(State state, const QString &status)
{
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
    m_refresh->setEnabled(state != State::Empty);
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}
