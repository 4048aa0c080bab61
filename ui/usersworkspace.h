#pragma once

#include <memory>

#include "listworkspace.h"

class DetailTabs;
class UserDetailPane;
class UserDetailStore;

// Support's list of users, searched by GitHub id or Stripe customer id prefix, with the selected
// user (read-only) and its History in a side pane.
class UsersWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit UsersWorkspace(QWidget *parent = nullptr);
    ~UsersWorkspace() override;

    UserDetailPane *detailPane() const { return m_detail; }
    DetailTabs *detailTabs() const { return m_tabs; }

protected:
    void currentRowChanged(int row) override;

private:
    void onModelChanged();

    UserDetailPane *m_detail = nullptr;
    DetailTabs *m_tabs = nullptr;
    std::unique_ptr<UserDetailStore> m_store;
};
