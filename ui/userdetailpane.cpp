#include "userdetailpane.h"

#include <QHeaderView>

#include "github/githublogindirectory.h"
#include "githublogindelegate.h"
#include "recordref.h"

#include <QTextBrowser>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

QString yesNo(const std::optional<bool> &value)
{
    return value ? (*value ? u"yes"_s : u"no"_s) : u"—"_s;
}

QString preferenceHtml(const UserPreferenceRow &row)
{
    QString html = u"<p><b>Preferences #%1</b><br><span style='color:gray'>created %2 · updated %3</span></p>"_s.arg(
        QString::number(row.id), RecordPane::localTime(row.createdAt), RecordPane::localTime(row.updatedAt));
    html += u"<table>"_s;
    const QList<std::pair<QString, QString>> flags{{u"Auto-publish comments"_s, yesNo(row.autoPublishComments)},
                                                   {u"Auto-publish pull requests"_s, yesNo(row.autoPublishPrs)},
                                                   {u"Testing mode"_s, yesNo(row.testingMode)}};
    for (const auto &[label, value] : flags)
        html += u"<tr><td style='padding-right:12px'>%1</td><td>%2</td></tr>"_s.arg(label, value);
    html += u"</table><p>Notification settings:</p>"_s;
    html += row.notificationSettings.isNull() ? u"<p style='color:gray'>none (NULL)</p>"_s
                                              : u"<pre>%1</pre>"_s.arg(row.notificationSettings.toHtmlEscaped());
    return html;
}

} // namespace

UserDetailPane::UserDetailPane(QWidget *parent)
    : RecordPane(parent)
{
    m_installations = makeTable(u"User's installations"_s,
                                {u"Account"_s, u"Type"_s, u"Installation id"_s, u"Permission"_s});
    m_preferences = new QTextBrowser;
    m_preferences->setAccessibleName(u"User's preferences"_s);
    m_installations->setToolTip(u"Activate an installation (Enter, double-click) to open it"_s);
    connect(m_installations, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const qint64 id = item->data(0, Qt::UserRole).toLongLong(); id > 0)
            emit linkActivated(RecordRef::installation(id).toUrl());
    });
    addSection(u"&Installations"_s, m_installations, 1);
    addSection(u"&Preferences"_s, m_preferences, 2);
    showMessage(u"Select a user to see them."_s);
}

void UserDetailPane::setLoginDirectory(GitHubLoginDirectory *directory)
{
    if (m_logins)
        disconnect(m_logins, nullptr, this, nullptr);
    m_logins = directory;
    if (directory) {
        connect(directory, &GitHubLoginDirectory::resolved, this, [this](qint64 githubId) {
            if (m_id >= 0 && m_user.githubId == QString::number(githubId))
                showFacts();
        });
    }
}

void UserDetailPane::showFacts()
{
    std::optional<QString> login;
    if (m_logins) {
        std::optional<qint64> via;
        for (const UserMembership &membership : std::as_const(m_user.installations)) {
            bool ok = false;
            if (const qint64 id = membership.githubInstallationId.toLongLong(&ok); ok) {
                via = id;
                break;
            }
        }
        login = m_logins->login(m_user.githubId, via);
    }
    QStringList drafts;
    FactLinks links;
    for (const auto &[status, count] : std::as_const(m_user.draftsByStatus)) {
        const QString text = u"%1 %2"_s.arg(QString::number(count), status.isEmpty() ? u"without status"_s : status);
        drafts.append(text);
        if (!status.isEmpty())
            links.append({u"Drafts"_s, text, RecordRef::userDrafts(m_user.githubId, status).toUrl()});
    }
    showRecord(login ? u"User %1 (%2)"_s.arg(m_user.githubId, *login) : u"User %1"_s.arg(m_user.githubId),
               {{u"GitHub id"_s, GitHubLoginDelegate::withLogin(m_user.githubId, login)},
                {u"Stripe customer"_s, m_user.stripeCustomerId.isEmpty() ? u"—"_s : m_user.stripeCustomerId},
                {u"Created"_s, localTime(m_user.createdAt)},
                {u"Drafts"_s, drafts.isEmpty() ? u"none"_s : drafts.join(u", "_s)}},
               links);
}

void UserDetailPane::showUser(const UserDetail &user)
{
    m_id = user.id;
    m_user = user;
    showFacts();

    m_installations->clear();
    for (const UserMembership &membership : user.installations) {
        auto *item = new QTreeWidgetItem(QStringList{membership.accountName, membership.accountType,
                                                     membership.githubInstallationId, membership.permissionLevel});
        item->setData(0, Qt::UserRole, membership.installationId);
        item->setToolTip(0, u"Open installation %1 (Enter)"_s.arg(membership.accountName));
        m_installations->addTopLevelItem(item);
    }
    if (user.installations.isEmpty())
        m_installations->addTopLevelItem(new QTreeWidgetItem(QStringList{u"No installations"_s}));
    m_installations->header()->resizeSections(QHeaderView::ResizeToContents);

    m_preferenceRows = int(user.preferences.size());
    QString html;
    for (const UserPreferenceRow &row : user.preferences)
        html += preferenceHtml(row);
    m_preferences->setHtml(html.isEmpty() ? u"<p style='color:gray'>No preference rows.</p>"_s : html);
}

void UserDetailPane::clearRecord()
{
    m_id = -1;
    m_user = {};
    m_preferenceRows = 0;
    m_installations->clear();
    m_preferences->clear();
}
