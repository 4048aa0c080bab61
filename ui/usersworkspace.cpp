#include "usersworkspace.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QTimer>

#include "userlist.h"

using namespace Qt::StringLiterals;

UsersWorkspace::UsersWorkspace(QWidget *parent)
    : ListWorkspace(UserList::definition(), parent)
{
    m_search = new QLineEdit;
    m_search->setAccessibleName(u"Search users"_s);
    m_search->setPlaceholderText(u"Search: GitHub id or Stripe customer id prefix"_s);
    m_search->setClearButtonEnabled(true);
    filterBar()->addWidget(m_search, 1);
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(300);
    connect(m_typing, &QTimer::timeout, this, &UsersWorkspace::applyFilters);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &UsersWorkspace::applyFilters);
}

QVariantMap UsersWorkspace::filterValues() const
{
    QVariantMap filters;
    if (const QString term = m_search->text().trimmed(); !term.isEmpty())
        filters.insert(u"search"_s, term);
    return filters;
}
