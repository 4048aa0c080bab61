#include "installationsworkspace.h"

#include "detailtabs.h"
#include "installationdetailpane.h"
#include "installationdetailstore.h"
#include "installationlist.h"
#include "pagedlistmodel.h"

using namespace Qt::StringLiterals;

InstallationsWorkspace::InstallationsWorkspace(QWidget *parent)
    : ListWorkspace(InstallationList::definition(), parent)
{
    addSearchField(u"Search installations"_s, u"Search: Account name"_s);

    m_detail = new InstallationDetailPane;
    m_tabs = new DetailTabs(m_detail, u"github_app_installations"_s,
                            {u"Installation"_s, u"Select an installation to see it."_s,
                             u"This installation no longer exists."_s});
    setDetailPane(m_tabs);
    connect(this, &ListWorkspace::modelChanged, this, &InstallationsWorkspace::onModelChanged);
}

InstallationsWorkspace::~InstallationsWorkspace() = default;

void InstallationsWorkspace::onModelChanged()
{
    m_store = connectionFactory() ? std::make_unique<InstallationDetailStore>(connectionFactory()) : nullptr;
    m_tabs->setConnectionFactory(connectionFactory());
}

void InstallationsWorkspace::setLoginDirectory(GitHubLoginDirectory *directory)
{
    m_detail->setLoginDirectory(directory);
}

void InstallationsWorkspace::showInstallation(qint64 id)
{
    if (!selectLoadedRow(id))
        load(id);
}

void InstallationsWorkspace::currentRowChanged(int row)
{
    load(row >= 0 && model() ? model()->idAt(row) : -1);
}

void InstallationsWorkspace::load(qint64 id)
{
    if (m_tabs->select(id) && m_store)
        m_tabs->load(m_store->loadInstallation(m_tabs->selectedId()),
                     [this](const InstallationDetail &installation) { m_detail->showInstallation(installation); });
}
