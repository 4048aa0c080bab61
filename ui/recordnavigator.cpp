#include "recordnavigator.h"

#include <QAction>
#include <QDesktopServices>
#include <QInputDialog>

#include "auditworkspace.h"
#include "detailtabs.h"
#include "draftdetailpane.h"
#include "draftsworkspace.h"
#include "github/githubclient.h"
#include "github/githubweblinks.h"
#include "installationdetailpane.h"
#include "installationsworkspace.h"
#include "mainwindow.h"
#include "navigationhistory.h"
#include "userdetailpane.h"
#include "usersworkspace.h"

using namespace Qt::StringLiterals;

namespace {

QAction *makeAction(QObject *parent, const QString &text, const QKeySequence &shortcut, const QString &description)
{
    auto *action = new QAction(text, parent);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setObjectName(description);
    action->setStatusTip(description);
    action->setToolTip(u"%1 (%2)"_s.arg(description, shortcut.toString(QKeySequence::NativeText)));
    return action;
}

} // namespace

RecordNavigator::RecordNavigator(MainWindow &window, DraftsWorkspace *drafts, UsersWorkspace *users,
                                 InstallationsWorkspace *installations)
    : QObject(&window)
    , m_window(window)
    , m_drafts(drafts)
    , m_users(users)
    , m_installations(installations)
    , m_history(new NavigationHistory(this))
    , m_webBase([] { return GitHubWebLinks::webBase(GitHubClient::defaultBaseUrl()); })
    , m_open([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    m_back = makeAction(this, u"&Back"_s, QKeySequence(u"Alt+Left"_s), u"Go back to the previous record"_s);
    m_forward = makeAction(this, u"&Forward"_s, QKeySequence(u"Alt+Right"_s), u"Go forward to the next record"_s);
    m_goToDraft = makeAction(this, u"&Go to draft…"_s, QKeySequence(u"Ctrl+G"_s), u"Go to a draft by its number"_s);
    connect(m_back, &QAction::triggered, this, &RecordNavigator::back);
    connect(m_forward, &QAction::triggered, this, &RecordNavigator::forward);
    connect(m_goToDraft, &QAction::triggered, this, &RecordNavigator::askForDraft);
    connect(m_history, &NavigationHistory::changed, this, &RecordNavigator::updateActions);
    updateActions();

    connect(drafts, &DraftsWorkspace::draftShown, this, [this](qint64 id) { onShown(RecordRef::draft(id)); });
    connect(users->detailTabs(), &DetailTabs::recordShown, this, [this](qint64 id) { onShown(RecordRef::user(id)); });
    connect(installations->detailTabs(), &DetailTabs::recordShown, this,
            [this](qint64 id) { onShown(RecordRef::installation(id)); });
    for (RecordPane *pane : std::initializer_list<RecordPane *>{drafts->detailPane(), users->detailPane(),
                                                                installations->detailPane()})
        connect(pane, &RecordPane::linkActivated, this, &RecordNavigator::openLink);
}

void RecordNavigator::followAudit(AuditWorkspace *audit)
{
    connect(audit, &AuditWorkspace::recordRequested, this, [this](const QString &table, const QString &rowKey) {
        if (const auto record = RecordRef::fromAuditRow(table, rowKey))
            goTo(*record);
        else
            emit message(u"This entry's record (%1 %2) has no view of its own."_s.arg(table, rowKey));
    });
}

void RecordNavigator::setWebBase(std::function<QUrl()> webBase)
{
    m_webBase = std::move(webBase);
}

void RecordNavigator::setUrlOpener(std::function<bool(const QUrl &)> open)
{
    m_open = std::move(open);
}

void RecordNavigator::updateActions()
{
    m_back->setEnabled(m_history->canGoBack());
    m_forward->setEnabled(m_history->canGoForward());
}

QUrl RecordNavigator::issueUrl(const QString &repository, qint64 number) const
{
    return GitHubWebLinks::issueUrl(m_webBase(), repository, number);
}

void RecordNavigator::openLink(const QUrl &url)
{
    if (const auto record = RecordRef::fromUrl(url)) {
        goTo(*record);
    } else if (const auto issue = IssueRef::fromUrl(url)) {
        const QUrl page = issueUrl(issue->repository, issue->number);
        if (!page.isValid() || !m_open(page))
            emit message(u"Could not open %1#%2 in the browser."_s.arg(issue->repository).arg(issue->number));
    } else if (url.scheme() == u"https"_s || url.scheme() == u"http"_s) {
        m_open(url);
    }
}

void RecordNavigator::goTo(const RecordRef &record)
{
    if (m_history->current() == record) {
        show(record);
        return;
    }
    if (record.kind == RecordRef::Kind::UserDrafts) {
        m_history->visit(record);   // a list: nothing "shows" it later
    } else {
        m_linked = record;
    }
    show(record);
}

void RecordNavigator::back()
{
    if (const auto record = m_history->back())
        show(*record);
}

void RecordNavigator::forward()
{
    if (const auto record = m_history->forward())
        show(*record);
}

void RecordNavigator::show(const RecordRef &record)
{
    switch (record.kind) {
    case RecordRef::Kind::Draft:
        m_window.showWorkspace(m_drafts);
        m_drafts->showDraft(record.id);
        break;
    case RecordRef::Kind::User:
        m_window.showWorkspace(m_users);
        m_users->showUser(record.id);
        break;
    case RecordRef::Kind::Installation:
        m_window.showWorkspace(m_installations);
        m_installations->showInstallation(record.id);
        break;
    case RecordRef::Kind::UserDrafts:
        m_window.showWorkspace(m_drafts);
        m_drafts->showUserDrafts(record.userGithubId, record.status);
        break;
    }
}

void RecordNavigator::onShown(const RecordRef &record)
{
    const bool linked = m_linked == record;
    if (linked)
        m_linked.reset();
    m_history->visit(record, !linked);
}

void RecordNavigator::askForDraft()
{
    auto *dialog = new QInputDialog(&m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(u"Go to draft"_s);
    dialog->setLabelText(u"Draft &number:"_s);
    dialog->setInputMode(QInputDialog::IntInput);
    dialog->setIntRange(1, std::numeric_limits<int>::max());
    dialog->setIntValue(std::max<qint64>(1, m_drafts->detailPane()->draftId()));
    dialog->setAccessibleName(u"Go to draft"_s);
    connect(dialog, &QInputDialog::intValueSelected, this, [this](int id) { goTo(RecordRef::draft(id)); });
    dialog->open();
}
