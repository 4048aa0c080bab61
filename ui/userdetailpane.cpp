#include "userdetailpane.h"

#include <QHeaderView>
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
    addSection(u"&Installations"_s, m_installations, 1);
    addSection(u"&Preferences"_s, m_preferences, 2);
    showMessage(u"Select a user to see them."_s);
}

void UserDetailPane::showUser(const UserDetail &user)
{
    m_id = user.id;
    QStringList drafts;
    for (const auto &[status, count] : user.draftsByStatus)
        drafts.append(u"%1 %2"_s.arg(QString::number(count), status.isEmpty() ? u"without status"_s : status));
    showRecord(u"User %1"_s.arg(user.githubId),
               {{u"GitHub id"_s, user.githubId},
                {u"Stripe customer"_s, user.stripeCustomerId.isEmpty() ? u"—"_s : user.stripeCustomerId},
                {u"Created"_s, localTime(user.createdAt)},
                {u"Drafts"_s, drafts.isEmpty() ? u"none"_s : drafts.join(u", "_s)}});

    m_installations->clear();
    for (const UserMembership &membership : user.installations) {
        m_installations->addTopLevelItem(new QTreeWidgetItem(
            QStringList{membership.accountName, membership.accountType, membership.githubInstallationId,
                        membership.permissionLevel}));
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
    m_preferenceRows = 0;
    m_installations->clear();
    m_preferences->clear();
}
