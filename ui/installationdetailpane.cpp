#include "installationdetailpane.h"

#include <QHeaderView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

InstallationDetailPane::InstallationDetailPane(QWidget *parent)
    : RecordPane(parent)
{
    m_members = makeTable(u"Installation's members"_s, {u"GitHub id"_s, u"Permission"_s, u"Member since"_s});
    addSection(u"&Members"_s, m_members, 1);
    showMessage(u"Select an installation to see it."_s);
}

void InstallationDetailPane::showInstallation(const InstallationDetail &installation)
{
    m_id = installation.id;
    showRecord(installation.accountName,
               {{u"GitHub installation id"_s, installation.githubInstallationId},
                {u"Account"_s, u"%1 (%2)"_s.arg(installation.accountName, installation.accountType)},
                {u"Created"_s, localTime(installation.createdAt)},
                {u"Members"_s, QString::number(installation.members.size())}});
    m_members->clear();
    for (const InstallationMember &member : installation.members) {
        m_members->addTopLevelItem(new QTreeWidgetItem(
            QStringList{member.githubId, member.permissionLevel, localTime(member.memberSince)}));
    }
    if (installation.members.isEmpty())
        m_members->addTopLevelItem(new QTreeWidgetItem(QStringList{u"No members"_s}));
    m_members->header()->resizeSections(QHeaderView::ResizeToContents);
}

void InstallationDetailPane::clearRecord()
{
    m_id = -1;
    m_members->clear();
}
