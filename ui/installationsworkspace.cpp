#include "installationsworkspace.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QTimer>

#include "installationlist.h"

using namespace Qt::StringLiterals;

InstallationsWorkspace::InstallationsWorkspace(QWidget *parent)
    : ListWorkspace(InstallationList::definition(), parent)
{
    m_search = new QLineEdit;
    m_search->setAccessibleName(u"Search installations"_s);
    m_search->setPlaceholderText(u"Search: Account name"_s);
    m_search->setClearButtonEnabled(true);
    filterBar()->addWidget(m_search, 1);
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(300);
    connect(m_typing, &QTimer::timeout, this, &InstallationsWorkspace::applyFilters);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &InstallationsWorkspace::applyFilters);
}

QVariantMap InstallationsWorkspace::filterValues() const
{
    QVariantMap filters;
    if (const QString term = m_search->text().trimmed(); !term.isEmpty())
        filters.insert(u"search"_s, term);
    return filters;
}
