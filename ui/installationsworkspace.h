#pragma once

#include <memory>

#include "listworkspace.h"

class DetailTabs;
class GitHubLoginDirectory;
class InstallationDetailPane;
class InstallationDetailStore;

// Support's list of GitHub App installations, searched by account name, with the selected
// installation (read-only, with its members) and its History in a side pane.
class InstallationsWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit InstallationsWorkspace(QWidget *parent = nullptr);
    ~InstallationsWorkspace() override;

    InstallationDetailPane *detailPane() const { return m_detail; }
    DetailTabs *detailTabs() const { return m_tabs; }

    void setLoginDirectory(GitHubLoginDirectory *directory);   // members' logins
    // Shows installation `id`: selected in the list when loaded, else in the detail pane alone.
    void showInstallation(qint64 id);

protected:
    void currentRowChanged(int row) override;

private:
    void onModelChanged();
    void load(qint64 id);

    InstallationDetailPane *m_detail = nullptr;
    DetailTabs *m_tabs = nullptr;
    std::unique_ptr<InstallationDetailStore> m_store;
};
