#pragma once

#include "listworkspace.h"

class QLineEdit;
class QTimer;

// Support's list of GitHub App installations, searched by account name.
class InstallationsWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit InstallationsWorkspace(QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }

protected:
    QVariantMap filterValues() const override;

private:
    QLineEdit *m_search = nullptr;
    QTimer *m_typing = nullptr;
};
