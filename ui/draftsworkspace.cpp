#include "draftsworkspace.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStringListModel>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "daterangefilter.h"
#include "draftdetailpane.h"
#include "drafteditor.h"
#include "draftstatusdelegate.h"
#include "draftfiltersuggestions.h"
#include "draftlist.h"
#include "draftstore.h"
#include "historyview.h"
#include "listtableview.h"
#include "pagedlistmodel.h"
#include "selectionkeeper.h"
#include "userdetailstore.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kRepositorySuggestions = 20;

bool isGitHubId(const QString &text)
{
    static const QRegularExpression digits(u"^[0-9]{1,20}$"_s);
    return digits.match(text).hasMatch();
}

} // namespace

DraftsWorkspace::DraftsWorkspace(QWidget *parent)
    : ListWorkspace(DraftList::definition(), parent)
{
    m_status = new QComboBox;
    m_status->setAccessibleName(u"Status filter"_s);
    m_status->addItem(u"Status: draft"_s, u"draft"_s);
    m_status->addItem(u"Status: published"_s, u"published"_s);
    m_status->addItem(u"Status: discarded"_s, u"discarded"_s);
    m_status->addItem(u"Any status"_s, QString());
    m_type = new QComboBox;
    m_type->setAccessibleName(u"Type filter"_s);
    m_type->addItem(u"Any type"_s, QString());
    m_type->addItem(u"Type: comment"_s, u"comment"_s);
    m_type->addItem(u"Type: pull request"_s, u"pull_request"_s);
    m_repository = makeFilterField(u"Repository filter"_s, u"owner/repository"_s);
    m_repository->setToolTip(u"Repositories whose owner/name starts with this (any case): \"redwood\" finds redwood-…/…"_s);
    m_repositoryNames = new QStringListModel(this);
    m_repositoryCompleter = new QCompleter(m_repositoryNames, this);
    m_repositoryCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_repositoryCompleter->setCompletionMode(QCompleter::PopupCompletion);
    m_repositoryCompleter->setMaxVisibleItems(12);
    m_repository->setCompleter(m_repositoryCompleter);
    connect(m_repository, &QLineEdit::textEdited, this, &DraftsWorkspace::suggestRepositories);
    m_user = makeFilterField(u"User filter"_s, u"user's GitHub id"_s);
    m_userProblem = new QLabel;
    m_userProblem->setStyleSheet(u"color: #b00020;"_s);
    m_userProblem->setVisible(false);
    connect(m_user, &QLineEdit::textChanged, this, &DraftsWorkspace::checkUserFilter);
    m_dates = new DateRangeFilter;
    m_search = makeFilterField(u"Search content"_s, u"Search content and titles (3+ characters)"_s);

    filterBar()->addWidget(m_status);
    filterBar()->addWidget(m_type);
    filterBar()->addWidget(m_repository, 2);
    filterBar()->addWidget(m_user, 1);
    filterBar()->addWidget(m_userProblem);
    filterBar()->addWidget(m_dates);
    filterBar()->addWidget(m_search, 3);
    setSearchField(m_search);

    for (QComboBox *box : {m_status, m_type})
        connect(box, &QComboBox::currentIndexChanged, this, &DraftsWorkspace::applyFilters);
    connect(m_dates, &DateRangeFilter::rangeChanged, this, &DraftsWorkspace::applyFilters);

    m_detail = new DraftDetailPane;
    m_editor = new DraftEditor;
    m_history = new HistoryView;
    m_tabs = new QTabWidget;
    m_tabs->setAccessibleName(u"Draft details"_s);
    m_tabs->addTab(m_detail, u"Draft"_s);
    m_tabs->addTab(m_editor, u"Editor"_s);
    m_tabs->addTab(m_history, u"History"_s);
    buildSidePane();
    buildTriageActions();
    new DraftStatusDelegate(view(), DraftList::Status, [this](qint64 id) { return listNote(id); }, this);

    connect(view(), &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid() && model())
            openDraft(model()->idAt(index.row()));
    });
    connect(m_editor, &DraftEditor::backToListRequested, this, &DraftsWorkspace::backToList);
    connect(m_editor, &DraftEditor::takeOverRequested, this, [this](qint64 id) { claim(id, true); });
    connect(m_editor, &DraftEditor::modificationChanged, this, [this](bool modified) {
        m_tabs->setTabText(m_tabs->indexOf(m_editor), modified ? u"Editor *"_s : u"Editor"_s);
        repaintList();
    });
    connect(m_editor, &DraftEditor::saved, this, [this](qint64 id, const QString &) { afterWrite(id); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &DraftsWorkspace::updateActions);
    m_claimRefresh = new QTimer(this);
    m_claimRefresh->setInterval(kClaimRefreshMs);
    connect(m_claimRefresh, &QTimer::timeout, this, &DraftsWorkspace::refreshClaims);
    connect(this, &ListWorkspace::modelChanged, this, &DraftsWorkspace::onModelChanged);
    updateActions();
}

// The side pane: the actions as buttons, the notification bar (discard and its undo), the tabs.
void DraftsWorkspace::buildSidePane()
{
    m_notification = new QFrame;
    m_notification->setObjectName(u"draftNotification"_s);
    m_notification->setAccessibleName(u"Notification"_s);
    m_notification->setFrameShape(QFrame::StyledPanel);
    m_notification->setStyleSheet(u"#draftNotification { background: #fff4ce; border: 1px solid #e0c060; }"_s);
    m_notificationText = new QLabel;
    m_notificationText->setWordWrap(true);
    m_notificationText->setAccessibleName(u"Notification text"_s);
    m_notificationUndo = new QPushButton(u"&Undo"_s);
    m_notificationUndo->setAccessibleName(u"Undo the discard"_s);
    connect(m_notificationUndo, &QPushButton::clicked, this, &DraftsWorkspace::undoDiscard);
    auto *dismiss = new QToolButton;
    dismiss->setText(u"✕"_s);
    dismiss->setAccessibleName(u"Dismiss the notification"_s);
    dismiss->setToolTip(u"Dismiss"_s);
    connect(dismiss, &QToolButton::clicked, this, &DraftsWorkspace::hideNotification);
    auto *bar = new QHBoxLayout(m_notification);
    bar->setContentsMargins(6, 3, 3, 3);
    bar->addWidget(m_notificationText, 1);
    bar->addWidget(m_notificationUndo);
    bar->addWidget(dismiss);
    m_notification->hide();
    m_undoWindow = new QTimer(this);
    m_undoWindow->setSingleShot(true);
    m_undoWindow->setInterval(kUndoSeconds * 1000);
    connect(m_undoWindow, &QTimer::timeout, this, [this] {
        m_lastDiscard.reset();
        hideNotification();
        updateActions();
    });

    m_toolBar = new QToolBar;
    m_toolBar->setAccessibleName(u"Draft actions"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *side = new QWidget;
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_notification);
    layout->addWidget(m_tabs, 1);
    setDetailPane(side);
}

QAction *DraftsWorkspace::addTriageAction(const QString &text, const QString &accessibleName, const QKeySequence &shortcut,
                                          bool singleKey)
{
    auto *action = new QAction(text, this);
    action->setObjectName(accessibleName);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    if (singleKey)
        m_singleKeyActions.append({action, shortcut});
    return action;
}

// Shortcuts of the workspace (Qt::WidgetWithChildrenShortcut): they fire while the focus is in the
// list, the filters or a pane, except where a text field takes the key (typing "j" in the editor
// or a filter types a j).
void DraftsWorkspace::buildTriageActions()
{
    // Enter opens from the list only: in the filter fields Return applies the filter.
    m_open = new QAction(u"&Open in the editor"_s, this);
    m_open->setObjectName(u"Open the draft in the editor"_s);
    m_open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_open->setShortcutContext(Qt::WidgetShortcut);
    view()->addAction(m_open);
    m_next = addTriageAction(u"Next draft"_s, u"Next draft"_s, QKeySequence(Qt::Key_J), true);
    m_previous = addTriageAction(u"Previous draft"_s, u"Previous draft"_s, QKeySequence(Qt::Key_K), true);
    m_edit = addTriageAction(u"&Edit"_s, u"Go to the editor's text"_s, QKeySequence(Qt::Key_E), true);
    m_discard = addTriageAction(u"&Discard…"_s, u"Discard the draft"_s, QKeySequence(Qt::Key_D), true);
    m_undo = addTriageAction(u"&Undo discard"_s, u"Undo the discard"_s, QKeySequence(Qt::Key_U), true);
    m_restore = addTriageAction(u"&Restore"_s, u"Restore the discarded draft"_s,
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), false);
    m_takeOver = addTriageAction(u"&Take over"_s, u"Take over the claim"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                                 false);
    // Ctrl+S saves from anywhere in the workspace, not only from inside the editor.
    addAction(m_editor->saveAction());

    connect(m_open, &QAction::triggered, this, [this] { openDraft(selectedDraftId()); });
    connect(m_next, &QAction::triggered, this, [this] { moveBy(1); });
    connect(m_previous, &QAction::triggered, this, [this] { moveBy(-1); });
    connect(m_edit, &QAction::triggered, this, &DraftsWorkspace::editSelected);
    connect(m_discard, &QAction::triggered, this, &DraftsWorkspace::discardSelected);
    connect(m_undo, &QAction::triggered, this, &DraftsWorkspace::undoDiscard);
    connect(m_restore, &QAction::triggered, this, &DraftsWorkspace::restoreSelected);
    connect(m_takeOver, &QAction::triggered, this, [this] {
        if (m_editor->hasDraft())
            claim(m_editor->draftId(), true);
    });
    for (QAction *action : {m_open, m_edit, m_editor->saveAction(), m_discard, m_undo, m_restore, m_takeOver})
        m_toolBar->addAction(action);
}

DraftsWorkspace::~DraftsWorkspace() = default;

QDateEdit *DraftsWorkspace::createdFromFilter() const
{
    return m_dates->fromEdit();
}

QDateEdit *DraftsWorkspace::createdToFilter() const
{
    return m_dates->toEdit();
}

// The list's claims are read again every kClaimRefreshMs while there is a list and a claims service.
void DraftsWorkspace::updateClaimRefresh()
{
    if (m_claims && model())
        m_claimRefresh->start();
    else
        m_claimRefresh->stop();
}

void DraftsWorkspace::setServices(DraftStore *drafts, DraftClaims *claims, UserDetailStore *owners, AuditReader *audit)
{
    if (drafts == m_store && claims == m_claims && owners == m_owners) {
        m_history->setAuditReader(audit);
        return;
    }
    if (m_claims)
        m_claims->disconnect(this);
    // The editor's draft belongs to the old services: its edit goes with them (MainWindow asks first).
    m_editor->setStore(nullptr);
    m_editor->setOwnerStore(nullptr);
    m_editor->closeDraft();
    m_editorTarget = -1;
    m_editorClaimed = false;
    m_store = drafts;
    m_claims = claims;
    m_owners = owners;
    if (m_claims)
        connect(m_claims, &DraftClaims::claimLost, this, &DraftsWorkspace::onClaimLost);
    updateClaimRefresh();
    m_editor->setStore(m_store);
    m_editor->setOwnerStore(m_owners);
    m_history->setAuditReader(audit);
    updateActions();
}

void DraftsWorkspace::onModelChanged()
{
    m_wanted = -1;
    m_shown.reset();
    m_holders.clear();
    m_lastDiscard.reset();
    m_undoWindow->stop();
    hideNotification();
    if (m_leavePrompt)
        m_leavePrompt->deleteLater();
    updateClaimRefresh();
    m_suggestions = connectionFactory() ? std::make_unique<DraftFilterSuggestions>(connectionFactory()) : nullptr;
    m_detail->showMessage(connectionFactory() ? u"Select a draft to read it."_s : u"Not connected."_s);
    delete m_keeper;
    m_keeper = nullptr;
    if (model()) {
        m_keeper = new SelectionKeeper(view(), model(), this);
        connect(m_keeper, &SelectionKeeper::lost, this, [this] {
            if (!view()->currentIndex().isValid())
                clearDetail();
        });
        // The filter changed under the shown draft: mark the new search term in it.
        connect(model(), &QAbstractItemModel::modelReset, this, [this] { m_detail->setHighlight(appliedSearch()); });
        connect(model(), &QAbstractItemModel::modelReset, this, &DraftsWorkspace::refreshClaims);
        connect(model(), &QAbstractItemModel::rowsInserted, this, &DraftsWorkspace::refreshClaims);
    }
    updateActions();
    if (m_suggestions) {
        whenFinished(this, m_suggestions->newestDraftDay(), [this](const std::expected<QDate, DbError> &day) {
            if (day)
                m_dates->setDataDay(*day);
        });
    }
}

// Completion asks for the repositories under what was typed; an answer to older text is dropped.
void DraftsWorkspace::suggestRepositories(const QString &prefix)
{
    if (!m_suggestions)
        return;
    const int request = ++m_suggestionRequest;
    whenFinished(this, m_suggestions->repositories(prefix, kRepositorySuggestions),
                 [this, request, prefix](const std::expected<QStringList, DbError> &names) {
        if (request != m_suggestionRequest || !names)
            return;
        m_repositoryNames->setStringList(*names);
        if (m_repository->text() == prefix && m_repository->hasFocus() && !names->isEmpty()) {
            m_repositoryCompleter->setCompletionPrefix(prefix);
            m_repositoryCompleter->complete();
        }
        emit repositorySuggestionsShown(*names);
    });
}

// The user filter takes a numeric GitHub id. Other text is not applied (the list keeps its current
// user filter) and is reported here: the place where a GitHub login would be resolved to its id.
void DraftsWorkspace::checkUserFilter()
{
    const QString text = m_user->text().trimmed();
    const bool usable = text.isEmpty() || isGitHubId(text);
    m_userProblem->setText(usable ? QString() : u"A GitHub id is a number"_s);
    m_userProblem->setVisible(!usable);
    m_user->setStyleSheet(usable ? QString() : u"QLineEdit { border: 1px solid #b00020; }"_s);
    m_user->setToolTip(usable ? u"A user's numeric GitHub id, e.g. 583231"_s
                              : u"The user filter takes a user's numeric GitHub id (e.g. 583231); \"%1\" is not one, "
                                "so the list is not filtered by it."_s.arg(text));
    m_user->setAccessibleDescription(usable ? QString() : m_userProblem->text());
    if (!usable)
        emit userLoginTyped(text);
}

QString DraftsWorkspace::userFilterMessage() const
{
    return m_userProblem->text();
}

QString DraftsWorkspace::appliedSearch() const
{
    const QString term = model() ? model()->filters().value(u"search"_s).toString() : QString();
    return term.size() >= DraftList::kMinimumSearchLength ? term : QString();
}

void DraftsWorkspace::clearDetail()
{
    m_wanted = -1;
    m_shown.reset();
    updateActions();
    m_detail->showMessage(u"Select a draft to read it."_s);
    m_history->clear();
}

QVariantMap DraftsWorkspace::filterValues() const
{
    QVariantMap filters;
    auto put = [&filters](const QString &key, const QVariant &value) {
        if (!value.toString().isEmpty())
            filters.insert(key, value);
    };
    put(u"status"_s, m_status->currentData());
    put(u"type"_s, m_type->currentData());
    put(u"repository"_s, m_repository->text().trimmed());
    if (const QString user = m_user->text().trimmed(); user.isEmpty() || isGitHubId(user))
        put(u"user"_s, user);
    else if (model())
        put(u"user"_s, model()->filters().value(u"user"_s));   // not an id: nothing changes
    if (const QDate from = m_dates->from(); from.isValid())
        filters.insert(u"createdFrom"_s, from);
    if (const QDate to = m_dates->to(); to.isValid())
        filters.insert(u"createdTo"_s, to);
    put(u"search"_s, m_search->text());
    return filters;
}

void DraftsWorkspace::setLoginDirectory(GitHubLoginDirectory *directory)
{
    m_detail->setLoginDirectory(directory);
}

void DraftsWorkspace::showDraft(qint64 id)
{
    if (!selectLoadedRow(id)) {
        // No loaded row is this draft. Give the list a current row (unselected) first: a view
        // without one makes its first row current when the focus returns to it (after the Go to
        // draft dialog), which would open that row's draft instead of this one.
        if (model() && model()->rowCount() > 0 && !view()->currentIndex().isValid()) {
            const QSignalBlocker quiet(view()->selectionModel());
            view()->selectionModel()->setCurrentIndex(model()->index(0, 0), QItemSelectionModel::NoUpdate);
        }
        load(id);
    }
}

void DraftsWorkspace::showUserDrafts(const QString &userGithubId, const QString &status)
{
    const QSignalBlocker blockStatus(m_status), blockType(m_type), blockDates(m_dates),
        blockRepository(m_repository), blockUser(m_user), blockSearch(m_search);
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    m_type->setCurrentIndex(0);
    m_repository->clear();
    m_user->setText(userGithubId);
    checkUserFilter();
    m_dates->clear();
    m_search->clear();
    applyFilters();
}

void DraftsWorkspace::currentRowChanged(int row)
{
    const qint64 id = (row >= 0 && model()) ? model()->idAt(row) : -1;
    load(id);
    updateActions();
}

void DraftsWorkspace::load(qint64 id)
{
    if (id == m_wanted)
        return;
    // A reset by a filter change: the shown draft stays until the keeper knows whether it still matches.
    if (id < 0 && m_keeper && m_wanted >= 0 && m_keeper->pendingId() == m_wanted)
        return;
    if (id < 0 || !m_store) {
        clearDetail();
        return;
    }
    m_wanted = id;
    m_history->showRow(u"draft_content"_s, QString::number(id));
    m_detail->showMessage(u"Loading draft %1…"_s.arg(id));
    whenFinished(this, m_store->loadDraft(id), [this, id](const std::expected<DraftDetail, DbError> &draft) {
        if (id != m_wanted)
            return;
        if (!draft) {
            m_detail->showMessage(draft.error().kind == DbError::Kind::NotFound ? u"No draft #%1"_s.arg(id)
                                                                                : draft.error().message);
            return;
        }
        m_shown = *draft;
        m_detail->setHighlight(appliedSearch());
        m_detail->setClaimNote(claimNote(id));
        m_detail->showDraft(*draft);
        updateActions();
        emit draftShown(id);
    });
}

// ---- The review editor, claims and triage (issue 10) ----

void DraftsWorkspace::setRolePolicy(const RolePolicy &policy)
{
    m_policy = policy;
    m_editor->setPolicy(policy);
    updateActions();
}

void DraftsWorkspace::setGitHubClient(GitHubClient *client)
{
    m_editor->setGitHubClient(client);
}

void DraftsWorkspace::setRunUrlTemplate(const QString &urlTemplate)
{
    m_editor->setRunUrlTemplate(urlTemplate);
}

void DraftsWorkspace::setSingleKeyShortcutsEnabled(bool enabled)
{
    m_singleKeys = enabled;
    for (const auto &[action, shortcut] : std::as_const(m_singleKeyActions))
        action->setShortcut(enabled ? shortcut : QKeySequence());
}

void DraftsWorkspace::setDiscardReasonAsker(std::function<std::optional<QString>()> asker)
{
    m_askReason = std::move(asker);
}

qint64 DraftsWorkspace::selectedDraftId() const
{
    const QModelIndex current = view()->currentIndex();
    return (current.isValid() && model()) ? model()->idAt(current.row()) : -1;
}

bool DraftsWorkspace::hasUnsavedChanges() const
{
    return m_editor->hasDraft() && m_editor->isModified();
}

void DraftsWorkspace::openDraft(qint64 id)
{
    if (id < 0 || !m_store)
        return;
    if (id == m_editorTarget) {
        m_tabs->setCurrentWidget(m_editor);
        return;
    }
    askToLeave([this, id] { openNow(id); });
}

void DraftsWorkspace::openNow(qint64 id)
{
    const quint64 generation = ++m_openGeneration;
    m_editorClaimed = false;
    m_editorTarget = id;
    m_editor->closeDraft();
    m_tabs->setCurrentWidget(m_editor);
    if (selectedDraftId() != id)
        selectLoadedRow(id);   // the list shows the draft the editor has
    whenFinished(this, m_store->loadDraft(id), [this, id, generation](const std::expected<DraftDetail, DbError> &draft) {
        if (generation != m_openGeneration)
            return;
        if (!draft) {
            m_editorTarget = -1;
            showNotification(u"Draft #%1 could not be opened: %2"_s.arg(id).arg(draft.error().message), false);
            return;
        }
        m_editor->openDraft(*draft);
        m_editorClaimed = false;
        repaintList();
        // Only a draft this login may edit is claimed; the others open read-only and unclaimed.
        if (draft->status == u"draft"_s && m_policy.allows(RolePolicy::Capability::EditDrafts) && m_claims) {
            m_editor->setClaimError(u"Claiming the draft…"_s);
            claim(id, false);
        } else {
            if (m_claims)
                whenFinished(this, m_claims->release(), [](const std::expected<void, DbError> &) {});
            updateActions();
            emit draftOpened(id);
        }
    });
}

void DraftsWorkspace::askToLeave(std::function<void()> proceed)
{
    if (!hasUnsavedChanges()) {
        proceed();
        return;
    }
    if (m_leavePrompt) {
        m_leavePrompt->raise();
        m_leavePrompt->activateWindow();
        return;
    }
    const qint64 id = m_editor->draftId();
    auto *box = new QMessageBox(QMessageBox::Question, u"Unsaved edits"_s,
                                u"Draft #%1 has unsaved edits."_s.arg(id), QMessageBox::NoButton, this);
    box->setAccessibleName(u"Unsaved edits"_s);
    box->setInformativeText(u"Save them, discard the edit, or stay on this draft?"_s);
    QPushButton *save = box->addButton(u"&Save"_s, QMessageBox::AcceptRole);
    QPushButton *drop = box->addButton(u"&Discard edit"_s, QMessageBox::DestructiveRole);
    QPushButton *stay = box->addButton(u"S&tay"_s, QMessageBox::RejectRole);
    save->setEnabled(m_editor->saveAction()->isEnabled());
    box->setDefaultButton(save->isEnabled() ? save : stay);
    box->setEscapeButton(stay);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_leavePrompt = box;
    connect(box, &QMessageBox::finished, this, [this, box, save, drop, id, proceed = std::move(proceed)] {
        QAbstractButton *clicked = box->clickedButton();
        if (clicked == save) {
            // Leave once this save lands; a failed save keeps the edit and says why in the editor.
            auto done = std::make_shared<QMetaObject::Connection>();
            auto failed = std::make_shared<QMetaObject::Connection>();
            *done = connect(m_editor, &DraftEditor::saved, this, [done, failed, proceed](qint64, const QString &) {
                disconnect(*done);
                disconnect(*failed);
                proceed();
            });
            *failed = connect(m_editor, &DraftEditor::saveFailed, this, [done, failed](qint64) {
                disconnect(*done);
                disconnect(*failed);
            });
            m_editor->save();
        } else if (clicked == drop && m_editor->draftId() == id) {
            m_editor->closeDraft();
            m_editorTarget = -1;
            repaintList();
            proceed();
        } else {
            // Stay: the list goes back to the editor's draft.
            m_tabs->setCurrentWidget(m_editor);
            if (selectedDraftId() != id)
                selectLoadedRow(id);
        }
    });
    box->open();
}

void DraftsWorkspace::backToList()
{
    view()->setFocus(Qt::ShortcutFocusReason);
}

void DraftsWorkspace::moveBy(int delta)
{
    if (!model() || model()->rowCount() == 0)
        return;
    const QModelIndex current = view()->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, model()->rowCount() - 1) : 0;
    view()->selectRow(row);
    if (!view()->hasFocus() && !m_editor->source()->hasFocus())
        view()->setFocus(Qt::ShortcutFocusReason);
    // With the editor in front, j / k take it from draft to draft.
    if (m_tabs->currentWidget() == m_editor && m_editorTarget >= 0)
        openDraft(selectedDraftId());
}

void DraftsWorkspace::editSelected()
{
    const qint64 id = selectedDraftId();
    if (m_editor->hasDraft() && (id < 0 || id == m_editor->draftId())) {
        m_tabs->setCurrentWidget(m_editor);
        m_editor->source()->setFocus(Qt::ShortcutFocusReason);
        return;
    }
    if (id < 0)
        return;
    // Open it, then the focus goes to the text.
    auto focus = std::make_shared<QMetaObject::Connection>();
    *focus = connect(this, &DraftsWorkspace::draftOpened, this, [this, focus, id](qint64 opened) {
        disconnect(*focus);
        if (opened == id)
            m_editor->source()->setFocus(Qt::ShortcutFocusReason);
    });
    openDraft(id);
}

namespace {

// Enabled only when the policy allows it and `ready`; the tooltip says what it does, or why not.
void enableFrom(QAction *action, const RolePolicy &policy, RolePolicy::Capability capability, bool ready,
                const QString &what, const QString &notNow)
{
    const bool allowed = policy.allows(capability);
    action->setEnabled(allowed && ready);
    const QString keys = action->shortcut().isEmpty() ? QString()
                                                       : u" (%1)"_s.arg(action->shortcut().toString(QKeySequence::NativeText));
    QString tip;
    if (!allowed)
        tip = what + u" — "_s + policy.reason(capability);
    else if (ready)
        tip = what + keys;
    else
        tip = what + u" — "_s + notNow;
    action->setToolTip(tip);
}

} // namespace

void DraftsWorkspace::updateActions()
{
    const std::optional<DraftDetail> target = actionTarget();
    const bool connected = m_store != nullptr;
    m_open->setEnabled(connected && selectedDraftId() >= 0);
    m_next->setEnabled(connected);
    m_previous->setEnabled(connected);
    m_edit->setEnabled(connected && (m_editor->hasDraft() || selectedDraftId() >= 0));

    const QString heldBy = target ? claimHolder(target->id) : QString();
    const bool discardable = target && target->status == u"draft"_s && heldBy.isEmpty();
    enableFrom(m_discard, m_policy, RolePolicy::Capability::PublishDrafts, connected && discardable,
               u"Discard the draft, with an optional reason"_s,
               !heldBy.isEmpty() ? u"being reviewed by %1"_s.arg(heldBy) : u"select a draft in 'draft' status"_s);
    enableFrom(m_undo, m_policy, RolePolicy::Capability::PublishDrafts,
               connected && m_lastDiscard && m_undoWindow->isActive(), u"Undo the last discard"_s,
               u"only for %1 seconds after a discard"_s.arg(kUndoSeconds));
    enableFrom(m_restore, m_policy, RolePolicy::Capability::RestoreDrafts,
               connected && m_shown && m_shown->status == u"discarded"_s, u"Return the discarded draft to 'draft'"_s,
               u"select a discarded draft"_s);
    const QString editorHolder = m_editor->hasDraft() ? claimHolder(m_editor->draftId()) : QString();
    enableFrom(m_takeOver, m_policy, RolePolicy::Capability::TakeOverDraftClaims,
               connected && m_editor->hasDraft() && !m_editorClaimed && !editorHolder.isEmpty(),
               u"End the other reviewer's claim and edit this draft"_s, u"nobody else holds the open draft"_s);
}
