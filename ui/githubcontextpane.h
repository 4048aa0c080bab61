#pragma once

#include <QPointer>
#include <QWidget>

class GitHubClient;
struct GitHubError;
class QLabel;
class QToolButton;
class QVBoxLayout;

// Base of the panes that show GitHub context beside a draft (the issue, the pull-request
// comparison): a status line ("Loading issue…", the error), a Refresh button (Ctrl+Shift+R while the
// focus is inside) and the GitHubClient to ask (not owned; null: the pane says GitHub is not set up).
// Loads never block: refresh() starts one through startLoad(); answers to a load that a later
// refresh or clear() superseded are dropped (isCurrent()).
class GitHubContextPane : public QWidget
{
    Q_OBJECT

public:
    enum class State { Empty, Loading, Loaded, Failed };
    Q_ENUM(State)

    void setGitHubClient(GitHubClient *client);
    GitHubClient *gitHubClient() const;
    State state() const { return m_state; }
    QString statusText() const;

public Q_SLOTS:
    void refresh();     // loads what the pane was asked to show again (the HTTP layer's ETags apply)
    void clear();

Q_SIGNALS:
    void stateChanged(GitHubContextPane::State state);

protected:
    // `subject` names what loads, for the status line: "issue", "comparison".
    GitHubContextPane(const QString &subject, QWidget *parent);

    void setContent(QWidget *content);
    virtual bool hasTarget() const = 0;
    virtual void startLoad(quint64 generation) = 0;
    virtual void clearContent() = 0;
    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    void setLoaded(const QString &status);
    void setFailed(const QString &message);
    // One line for a failed GitHub call about `what` (e.g. "octo/repo#12"): not found, refused,
    // unreachable.
    static QString describe(const GitHubError &error, const QString &what);

private:
    void setState(State state, const QString &status);

    QString m_subject;
    QPointer<GitHubClient> m_client;
    State m_state = State::Empty;
    quint64 m_generation = 0;
    QLabel *m_status = nullptr;
    QToolButton *m_refresh = nullptr;
    QVBoxLayout *m_layout = nullptr;
};
