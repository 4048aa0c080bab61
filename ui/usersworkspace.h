#pragma once

#include "listworkspace.h"

class QLineEdit;
class QTimer;

// Support's list of users, searched by GitHub id or Stripe customer id prefix.
class UsersWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit UsersWorkspace(QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }

protected:
    QVariantMap filterValues() const override;

private:
    QLineEdit *m_search = nullptr;
    QTimer *m_typing = nullptr;
};
