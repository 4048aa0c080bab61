#include "usersworkspace.h"

#include "detailtabs.h"
#include "pagedlistmodel.h"
#include "userdetailpane.h"
#include "userdetailstore.h"
#include "userlist.h"

using namespace Qt::StringLiterals;

UsersWorkspace::UsersWorkspace(QWidget *parent)
    : ListWorkspace(UserList::definition(), parent)
{
    addSearchField(u"Search users"_s, u"Search: GitHub id or Stripe customer id prefix"_s);

    m_detail = new UserDetailPane;
    m_tabs = new DetailTabs(m_detail, u"users"_s,
                            {u"User"_s, u"Select a user to see them."_s, u"This user no longer exists."_s});
    setDetailPane(m_tabs);
    connect(this, &ListWorkspace::modelChanged, this, &UsersWorkspace::onModelChanged);
}

UsersWorkspace::~UsersWorkspace() = default;

void UsersWorkspace::onModelChanged()
{
    m_store = connectionFactory() ? std::make_unique<UserDetailStore>(connectionFactory()) : nullptr;
    m_tabs->setConnectionFactory(connectionFactory());
}

void UsersWorkspace::currentRowChanged(int row)
{
    if (m_tabs->select(row >= 0 && model() ? model()->idAt(row) : -1) && m_store)
        m_tabs->load(m_store->loadUser(m_tabs->selectedId()), [this](const UserDetail &user) { m_detail->showUser(user); });
}
