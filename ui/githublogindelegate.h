#pragma once

#include <QPointer>
#include <QStyledItemDelegate>

#include <optional>

class GitHubLoginDirectory;
class ListTableView;

// Paints a column of numeric GitHub user ids as "583231 · octocat" once the directory knows the
// login: painting asks the directory (which never waits, and queues a lookup for the rows being
// painted), and a login that arrives repaints the rows on screen that show its id. Set it on one
// column of `view`; without a directory it paints the ids alone. UI thread.
class GitHubLoginDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    GitHubLoginDelegate(ListTableView *view, int column, QObject *parent = nullptr);

    void setDirectory(GitHubLoginDirectory *directory);
    QString displayText(const QVariant &value, const QLocale &locale) const override;
    // What the cell of `row` shows (tests, assistive descriptions).
    QString textAt(int row) const;
    // "583231 · octocat", or the id alone while the login is unknown.
    static QString withLogin(const QString &githubId, const std::optional<QString> &login);

private:
    void repaintId(qint64 githubId);

    ListTableView *m_view;
    int m_column;
    QPointer<GitHubLoginDirectory> m_directory;
};
