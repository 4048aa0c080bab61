#pragma once

#include <QPointer>

#include "installationdetailstore.h"
#include "recordpane.h"

class GitHubLoginDirectory;
class QTreeWidget;

// Read-only view of one GitHub App installation: ids, account, creation time and its members with
// their permission levels. Members show their GitHub login beside the id once the directory knows
// it (read with this installation's token); a member row (activated) opens the user (linkActivated).
class InstallationDetailPane : public RecordPane
{
    Q_OBJECT

public:
    explicit InstallationDetailPane(QWidget *parent = nullptr);

    void setLoginDirectory(GitHubLoginDirectory *directory);
    void showInstallation(const InstallationDetail &installation);
    qint64 installationId() const { return m_id; }
    QTreeWidget *members() const { return m_members; }

protected:
    void clearRecord() override;

private:
    void showLogins();

    QPointer<GitHubLoginDirectory> m_logins;
    std::optional<qint64> m_githubInstallationId;
    qint64 m_id = -1;
    QTreeWidget *m_members = nullptr;
};
