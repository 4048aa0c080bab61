#pragma once

#include <memory>

#include "listworkspace.h"

class DetailTabs;
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

protected:
    void currentRowChanged(int row) override;

private:
    void onModelChanged();

    InstallationDetailPane *m_detail = nullptr;
    DetailTabs *m_tabs = nullptr;
    std::unique_ptr<InstallationDetailStore> m_store;
};
