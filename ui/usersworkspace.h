#pragma once

#include <QPointer>

#include <memory>

#include "listworkspace.h"

class DetailTabs;
class GitHubLoginDelegate;
class GitHubLoginDirectory;
class QLabel;
class UserDetailPane;
class UserDetailStore;

// Support's list of users, searched by GitHub id or Stripe customer id prefix, or by a GitHub login
// (resolved to its id through the login directory), with the selected user (read-only) and its
// History in a side pane. GitHub ids show their login once the directory knows it.
class UsersWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit UsersWorkspace(QWidget *parent = nullptr);
    ~UsersWorkspace() override;

    UserDetailPane *detailPane() const { return m_detail; }
    DetailTabs *detailTabs() const { return m_tabs; }
    GitHubLoginDelegate *loginDelegate() const { return m_loginDelegate; }
    QString loginSearchText() const;   // "resolving…", "no GitHub user …"; empty unless a login is searched

    void setLoginDirectory(GitHubLoginDirectory *directory);
    // Shows user `id` (users.id): selected in the list when loaded, else in the detail pane alone.
    void showUser(qint64 id);
    // A search term that is a GitHub login (letters, digits, single hyphens; not only digits).
    static bool isLogin(const QString &term);

protected:
    QVariantMap filterValues() const override;
    void currentRowChanged(int row) override;

private:
    void onModelChanged();
    void load(qint64 id);

    UserDetailPane *m_detail = nullptr;
    DetailTabs *m_tabs = nullptr;
    std::unique_ptr<UserDetailStore> m_store;
    QPointer<GitHubLoginDirectory> m_logins;
    GitHubLoginDelegate *m_loginDelegate = nullptr;
    QLabel *m_loginSearch = nullptr;
    mutable QString m_foundGithubId;   // a login search's id: its row is selected once loaded
};
