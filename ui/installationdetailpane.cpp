#include "installationdetailpane.h"

#include <QHeaderView>
#include <QTreeWidget>

#include "github/githublogindirectory.h"
#include "githublogindelegate.h"
#include "recordref.h"

namespace {

constexpr int kGithubIdRole = Qt::UserRole + 1;

} // namespace

using namespace Qt::StringLiterals;

InstallationDetailPane::InstallationDetailPane(QWidget *parent)
    : RecordPane(parent)
{
    m_members = makeTable(u"Installation's members"_s, {u"GitHub id"_s, u"Permission"_s, u"Member since"_s});
    m_members->setToolTip(u"Activate a member (Enter, double-click) to open the user"_s);
    connect(m_members, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const qint64 id = item->data(0, Qt::UserRole).toLongLong(); id > 0)
            emit linkActivated(RecordRef::user(id).toUrl());
    });
    addSection(u"&Members"_s, m_members, 1);
    showMessage(u"Select an installation to see it."_s);
}

void InstallationDetailPane::setLoginDirectory(GitHubLoginDirectory *directory)
{
    if (m_logins)
        disconnect(m_logins, nullptr, this, nullptr);
    m_logins = directory;
    if (directory)
        connect(directory, &GitHubLoginDirectory::resolved, this, &InstallationDetailPane::showLogins);
}

void InstallationDetailPane::showLogins()
{
    if (!m_logins)
        return;
    for (int i = 0; i < m_members->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_members->topLevelItem(i);
        const QString githubId = item->data(0, kGithubIdRole).toString();
        if (!githubId.isEmpty())
            item->setText(0, GitHubLoginDelegate::withLogin(githubId, m_logins->login(githubId, m_githubInstallationId)));
    }
}

void InstallationDetailPane::showInstallation(const InstallationDetail &installation)
{
    m_id = installation.id;
    bool ok = false;
    const qint64 githubInstallationId = installation.githubInstallationId.toLongLong(&ok);
    m_githubInstallationId = ok ? std::optional<qint64>(githubInstallationId) : std::nullopt;
    showRecord(installation.accountName,
               {{u"GitHub installation id"_s, installation.githubInstallationId},
                {u"Account"_s, u"%1 (%2)"_s.arg(installation.accountName, installation.accountType)},
                {u"Created"_s, localTime(installation.createdAt)},
                {u"Members"_s, QString::number(installation.members.size())}});
    m_members->clear();
    for (const InstallationMember &member : installation.members) {
        auto *item = new QTreeWidgetItem(QStringList{member.githubId, member.permissionLevel,
                                                     localTime(member.memberSince)});
        item->setData(0, Qt::UserRole, member.userId);
        item->setData(0, kGithubIdRole, member.githubId);
        m_members->addTopLevelItem(item);
    }
    showLogins();
    if (installation.members.isEmpty())
        m_members->addTopLevelItem(new QTreeWidgetItem(QStringList{u"No members"_s}));
    m_members->header()->resizeSections(QHeaderView::ResizeToContents);
}

void InstallationDetailPane::clearRecord()
{
    m_id = -1;
    m_githubInstallationId.reset();
    m_members->clear();
}
