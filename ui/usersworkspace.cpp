#include "usersworkspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>

#include "detailtabs.h"
#include "github/githublogindirectory.h"
#include "githublogindelegate.h"
#include "listtableview.h"
#include "pagedlistmodel.h"
#include "userdetailpane.h"
#include "userdetailstore.h"
#include "userlist.h"

using namespace Qt::StringLiterals;

UsersWorkspace::UsersWorkspace(QWidget *parent)
    : ListWorkspace(UserList::definition(), parent)
{
    addSearchField(u"Search users"_s, u"Search: GitHub login, GitHub id or Stripe customer id prefix"_s);
    m_loginSearch = new QLabel;
    m_loginSearch->setTextFormat(Qt::PlainText);
    m_loginSearch->setVisible(false);
    filterBar()->addWidget(m_loginSearch);
    m_loginDelegate = new GitHubLoginDelegate(view(), UserList::GithubId, this);

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
    if (model()) {
        connect(model(), &PagedListModel::pageLoaded, this, [this](int page) {
            if (page != 0 || m_foundGithubId.isEmpty())
                return;
            // The id is searched as a prefix: select the user it names exactly.
            for (int row = 0; row < model()->rowCount() && model()->isLoaded(row); ++row) {
                if (model()->index(row, UserList::GithubId).data().toString() == m_foundGithubId) {
                    view()->selectRow(row);
                    break;
                }
            }
            m_foundGithubId.clear();
        });
    }
    // Room for "id · login" unless the user has laid the columns out already.
    if (model() && !QSettings().contains(u"workspaces/users/header"_s)) {
        const int width = view()->fontMetrics().horizontalAdvance(u"000000000 · abcdefghijklmn"_s) + 16;
        view()->setColumnWidth(UserList::GithubId, std::max(width, view()->columnWidth(UserList::GithubId)));
    }
}

void UsersWorkspace::setLoginDirectory(GitHubLoginDirectory *directory)
{
    if (m_logins)
        disconnect(m_logins, nullptr, this, nullptr);
    m_logins = directory;
    m_loginDelegate->setDirectory(directory);
    m_detail->setLoginDirectory(directory);
    if (directory) {
        connect(directory, &GitHubLoginDirectory::userLookedUp, this, [this](const QString &login) {
            if (searchField()->text().trimmed().toLower() == login)
                applyFilters();
        });
        connect(directory, &GitHubLoginDirectory::cleared, this, [this] {
            if (isLogin(searchField()->text().trimmed()))
                applyFilters();
        });
    }
}

bool UsersWorkspace::isLogin(const QString &term)
{
    static const QRegularExpression login(u"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"_s);
    static const QRegularExpression letter(u"[A-Za-z]"_s);
    return login.match(term).hasMatch() && letter.match(term).hasMatch();
}

QString UsersWorkspace::loginSearchText() const
{
    return m_loginSearch->text();
}

QVariantMap UsersWorkspace::filterValues() const
{
    QVariantMap filters = ListWorkspace::filterValues();
    const QString term = filters.value(u"search"_s).toString();
    m_foundGithubId.clear();
    const auto say = [this](const QString &text) {
        m_loginSearch->setText(text);
        m_loginSearch->setAccessibleName(text);
        m_loginSearch->setVisible(!text.isEmpty());
    };
    if (!isLogin(term)) {
        say({});
        return filters;
    }
    if (!m_logins) {
        say(u"GitHub is not available to resolve “%1”"_s.arg(term));
        return filters;
    }
    // Until the login is resolved the term stays a prefix search (a Stripe customer id may match).
    const GitHubLoginDirectory::UserLookup lookup = m_logins->userId(term);
    switch (lookup.state) {
    case GitHubLoginDirectory::UserLookup::State::Pending:
        say(u"resolving “%1”…"_s.arg(term));
        break;
    case GitHubLoginDirectory::UserLookup::State::Found:
        say(u"GitHub user %1 is id %2"_s.arg(term, QString::number(lookup.id)));
        filters.insert(u"search"_s, QString::number(lookup.id));
        m_foundGithubId = QString::number(lookup.id);
        break;
    case GitHubLoginDirectory::UserLookup::State::Missing:
        say(u"no GitHub user %1"_s.arg(term));
        break;
    case GitHubLoginDirectory::UserLookup::State::Failed:
        say(u"could not resolve %1: %2"_s.arg(term, lookup.error));
        break;
    }
    return filters;
}

void UsersWorkspace::showUser(qint64 id)
{
    if (!selectLoadedRow(id))
        load(id);
}

void UsersWorkspace::currentRowChanged(int row)
{
    load(row >= 0 && model() ? model()->idAt(row) : -1);
}

void UsersWorkspace::load(qint64 id)
{
    if (m_tabs->select(id) && m_store)
        m_tabs->load(m_store->loadUser(m_tabs->selectedId()), [this](const UserDetail &user) { m_detail->showUser(user); });
}
