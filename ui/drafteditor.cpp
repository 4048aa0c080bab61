#include "drafteditor.h"

#include <QAction>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include "comparisonpane.h"
#include "issuecontextpane.h"
#include "markdownpreview.h"
#include "metadatatree.h"
#include "settings.h"
#include "timeformat.h"
#include "userdetailstore.h"
#include "whenfinished.h"
#include "worddiff.h"

using namespace Qt::StringLiterals;

namespace {

QString metadataText(const QJsonObject &metadata, const QString &key, const QString &fallbackKey)
{
    const QJsonValue value = metadata.value(key);
    return value.isString() ? value.toString() : metadata.value(fallbackKey).toString();
}

QPushButton *makeButton(const QString &text, const QString &accessibleName, const QString &toolTip)
{
    auto *button = new QPushButton(text);
    button->setAccessibleName(accessibleName);
    button->setToolTip(toolTip);
    return button;
}

} // namespace

DraftEditor::DraftEditor(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(u"Review editor"_s);
    m_header = new QLabel;
    // No fixed accessible name: a screen reader hears the header's text (the draft, or what to do).
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_readOnlyNote = new QLabel;
    m_readOnlyNote->setAccessibleName(u"Why the editor is read-only"_s);
    m_readOnlyNote->setWordWrap(true);
    m_takeOver = makeButton(u"Take over"_s, u"Take over the claim"_s,
                            u"End the other reviewer's claim and edit this draft (staff_admin)"_s);
    m_takeOver->hide();
    connect(m_takeOver, &QPushButton::clicked, this, [this] {
        if (m_draft)
            emit takeOverRequested(m_draft->id);
    });
    m_status = new QLabel;
    m_status->setAccessibleName(u"Editor status"_s);
    m_status->setWordWrap(true);
    m_retry = makeButton(u"&Retry"_s, u"Retry saving"_s, u"Save again"_s);
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, &DraftEditor::save);

    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_readOnlyNote, 1);
    noteRow->addWidget(m_takeOver);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_retry);

    m_prFields = new QWidget;
    auto *form = new QFormLayout(m_prFields);
    form->setContentsMargins(0, 0, 0, 0);
    m_title = new QLineEdit;
    m_title->setAccessibleName(u"Pull request title"_s);
    m_head = new QLineEdit;
    m_head->setAccessibleName(u"Head branch"_s);
    m_base = new QLineEdit;
    m_base->setAccessibleName(u"Base branch"_s);
    auto *branches = new QHBoxLayout;
    branches->addWidget(m_head, 1);
    branches->addWidget(new QLabel(u"into"_s));
    branches->addWidget(m_base, 1);
    auto *titleLabel = new QLabel(u"&Title"_s);
    titleLabel->setBuddy(m_title);
    auto *headLabel = new QLabel(u"&Head"_s);   // a row holding a layout gets no buddy by itself
    headLabel->setBuddy(m_head);
    form->addRow(titleLabel, m_title);
    form->addRow(headLabel, branches);
    for (QLineEdit *field : {m_title, m_head, m_base})
        connect(field, &QLineEdit::textChanged, this, &DraftEditor::updateModified);
    // Edited branches: the comparison follows once the field is left (or Return pressed).
    for (QLineEdit *field : {m_head, m_base}) {
        connect(field, &QLineEdit::editingFinished, this, [this] {
            if (isPullRequest() && (m_head->text().trimmed() != m_comparison->head() || m_base->text().trimmed() != m_comparison->base()))
                m_comparison->showComparison(m_draft->githubRepo, m_base->text().trimmed(), m_head->text().trimmed());
        });
    }

    m_source = new QPlainTextEdit;
    m_source->setAccessibleName(u"Draft source (Markdown)"_s);
    m_source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_source->setTabChangesFocus(true);
    m_preview = new MarkdownPreview;
    m_preview->setAccessibleName(u"Draft preview"_s);
    connect(m_source->document(), &QTextDocument::modificationChanged, this, &DraftEditor::updateModified);
    connect(m_source, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            m_preview->scheduleMarkdown(m_source->toPlainText());
    });
    auto *sourceAndPreview = new QSplitter(Qt::Horizontal);
    sourceAndPreview->addWidget(m_source);
    sourceAndPreview->addWidget(m_preview);

    m_context = new QTabWidget;
    m_context->setAccessibleName(u"Draft context"_s);
    m_issue = new IssueContextPane;
    m_comparison = new ComparisonPane;
    m_metadata = new MetadataTree;
    m_context->addTab(m_issue, u"Issue"_s);
    m_context->addTab(m_comparison, u"Comparison"_s);
    m_context->addTab(m_metadata, u"Metadata"_s);
    m_context->addTab(buildFactsPanel(), u"Run and owner"_s);

    auto *vertical = new QSplitter(Qt::Vertical);
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_prFields);
    topLayout->addWidget(buildConflictPanel());
    topLayout->addWidget(sourceAndPreview, 1);
    vertical->addWidget(top);
    vertical->addWidget(m_context);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(noteRow);
    layout->addLayout(statusRow);
    layout->addWidget(vertical, 1);

    m_save = new QAction(u"&Save draft"_s, this);
    m_save->setObjectName(u"Save the draft"_s);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_save, &QAction::triggered, this, &DraftEditor::save);
    m_back = new QAction(u"Back to the list"_s, this);
    m_back->setObjectName(u"Return to the drafts list"_s);
    m_back->setShortcut(QKeySequence(Qt::Key_Escape));
    m_back->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_back);
    connect(m_back, &QAction::triggered, this, &DraftEditor::backToListRequested);

    closeDraft();
}

DraftEditor::~DraftEditor() = default;

QWidget *DraftEditor::buildConflictPanel()
{
    m_conflict = new QWidget;
    m_conflict->setAccessibleName(u"Conflicting version"_s);
    m_conflictText = new QLabel;
    m_conflictText->setWordWrap(true);
    m_theirs = new QPlainTextEdit;
    m_theirs->setReadOnly(true);
    m_theirs->setAccessibleName(u"Their version (read-only)"_s);
    m_theirs->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff = new QTextBrowser;
    m_diff->setAccessibleName(u"Their version against mine (word diff)"_s);
    auto *versions = new QSplitter(Qt::Horizontal);
    versions->addWidget(m_theirs);
    versions->addWidget(m_diff);
    m_keepMine = makeButton(u"&Keep mine"_s, u"Keep my version"_s, u"Save my version over theirs"_s);
    m_takeTheirs = makeButton(u"Take &theirs"_s, u"Take their version"_s, u"Drop my edit and load their version"_s);
    m_mergeByHand = makeButton(u"&Merge by hand"_s, u"Merge by hand"_s,
                               u"Keep editing mine with theirs beside it; saving then replaces theirs"_s);
    connect(m_keepMine, &QPushButton::clicked, this, &DraftEditor::keepMine);
    connect(m_takeTheirs, &QPushButton::clicked, this, &DraftEditor::takeTheirs);
    connect(m_mergeByHand, &QPushButton::clicked, this, &DraftEditor::mergeByHand);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_keepMine);
    buttons->addWidget(m_takeTheirs);
    buttons->addWidget(m_mergeByHand);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(m_conflict);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_conflictText);
    layout->addWidget(versions, 1);
    layout->addLayout(buttons);
    m_conflict->hide();
    return m_conflict;
}

QWidget *DraftEditor::buildFactsPanel()
{
    auto *panel = new QWidget;
    auto *form = new QFormLayout(panel);
    m_runId = new QLabel;
    m_runId->setAccessibleName(u"Workflow run id"_s);
    m_runId->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *copy = new QToolButton;
    m_copyRunId = copy;
    copy->setText(u"Copy"_s);
    copy->setAccessibleName(u"Copy the workflow run id"_s);
    copy->setToolTip(u"Copy the workflow run id to the clipboard"_s);
    connect(copy, &QToolButton::clicked, this, [this] {
        if (m_draft)
            QGuiApplication::clipboard()->setText(m_draft->workflowRunId);
    });
    m_runLink = new QLabel;
    m_runLink->setAccessibleName(u"Workflow run link"_s);
    m_runLink->setOpenExternalLinks(true);
    m_runLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *run = new QHBoxLayout;
    run->addWidget(m_runId);
    run->addWidget(copy);
    run->addWidget(m_runLink, 1);
    m_owner = new QLabel;
    m_owner->setAccessibleName(u"Owner"_s);
    m_owner->setWordWrap(true);
    m_owner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(u"Workflow run"_s, run);
    form->addRow(u"Owner"_s, m_owner);
    return panel;
}

void DraftEditor::setStore(DraftStore *store)
{
    m_store = store;
    ++m_generation;   // answers for the old store are dropped
    m_saving = false;
}

void DraftEditor::setOwnerStore(UserDetailStore *store)
{
    m_ownerStore = store;
}

void DraftEditor::setGitHubClient(GitHubClient *client)
{
    m_issue->setGitHubClient(client);
    m_comparison->setGitHubClient(client);
}

void DraftEditor::setRunUrlTemplate(const QString &urlTemplate)
{
    m_runUrlTemplate = urlTemplate;
    if (m_draft)
        load(*m_draft);
}

void DraftEditor::setPolicy(const RolePolicy &policy)
{
    m_policy = policy;
    updateReadOnly();
}

void DraftEditor::setClaimedBy(const QString &login, bool canTakeOver)
{
    m_claimedBy = login;
    m_takeOver->setVisible(!login.isEmpty() && canTakeOver);
    updateReadOnly();
}

void DraftEditor::setClaimError(const QString &sentence)
{
    m_claimError = sentence;
    updateReadOnly();
}

QString DraftEditor::runUrl() const
{
    return m_draft ? Settings::runUrl(m_runUrlTemplate, m_draft->workflowRunId) : QString();
}

void DraftEditor::openDraft(const DraftDetail &draft)
{
    ++m_generation;
    m_saving = false;
    m_claimedBy.clear();
    m_claimError.clear();
    m_takeOver->hide();
    hideConflict();
    setStatus({});
    load(draft);
    loadOwner();
    m_issue->showIssue(draft.githubRepo, draft.githubIssueId);
    if (isPullRequest()) {
        m_context->setTabEnabled(m_context->indexOf(m_comparison), true);
        m_comparison->showComparison(draft.githubRepo, m_base->text(), m_head->text());
    } else {
        m_context->setTabEnabled(m_context->indexOf(m_comparison), false);
        m_comparison->clear();
    }
}

void DraftEditor::load(const DraftDetail &draft)
{
    m_loading = true;
    m_draft = draft;
    m_basedOn = draft.version;
    const QJsonObject metadata = QJsonDocument::fromJson(draft.metadata.toUtf8()).object();
    m_loadedFields = {metadataText(metadata, u"title"_s, u"pr_title"_s),
                      metadataText(metadata, u"head"_s, u"head_branch"_s),
                      metadataText(metadata, u"base"_s, u"base_branch"_s)};
    m_title->setText(m_loadedFields.title);
    m_head->setText(m_loadedFields.head);
    m_base->setText(m_loadedFields.base);
    m_prFields->setVisible(isPullRequest());
    m_source->setPlainText(draft.content);
    m_source->document()->setModified(false);
    m_preview->showMarkdown(draft.content);
    m_metadata->showJson(draft.metadata);
    m_runId->setText(draft.workflowRunId);
    const QString url = runUrl();
    m_runLink->setText(url.isEmpty() ? u"(set [workflow] run_url to link runs)"_s
                                     : u"<a href=\"%1\">Open the run</a>"_s.arg(url.toHtmlEscaped()));
    m_loading = false;
    updateModified();
    updateReadOnly();
    updateHeader();
}

void DraftEditor::closeDraft()
{
    ++m_generation;
    m_saving = false;
    m_draft.reset();
    m_theirsDraft.reset();
    m_loading = true;
    m_source->clear();
    m_source->document()->setModified(false);
    for (QLineEdit *field : {m_title, m_head, m_base})
        field->clear();
    m_loadedFields = {};
    m_preview->clear();
    m_metadata->clear();
    m_runId->clear();
    m_runLink->clear();
    m_owner->clear();
    m_issue->clear();
    m_comparison->clear();
    m_prFields->hide();
    m_loading = false;
    m_claimedBy.clear();
    m_claimError.clear();
    m_takeOver->hide();
    hideConflict();
    setStatus({});
    updateModified();
    updateReadOnly();
    updateHeader();
}

bool DraftEditor::isPullRequest() const
{
    return m_draft && m_draft->contentType == u"pull_request"_s;
}

std::optional<PullRequestFields> DraftEditor::pullRequestFields() const
{
    if (!isPullRequest())
        return std::nullopt;
    return PullRequestFields{m_title->text(), m_head->text().trimmed(), m_base->text().trimmed()};
}

void DraftEditor::updateModified()
{
    if (m_loading)
        return;
    bool modified = m_source->document()->isModified();
    if (isPullRequest()) {
        modified = modified || m_title->text() != m_loadedFields.title || m_head->text().trimmed() != m_loadedFields.head
                   || m_base->text().trimmed() != m_loadedFields.base;
    }
    if (modified == m_modified)
        return;
    m_modified = modified;
    updateHeader();
    emit modificationChanged(modified);
}

QString DraftEditor::readOnlyReason() const
{
    if (!m_draft)
        return u"No draft is open."_s;
    if (!m_policy.allows(RolePolicy::Capability::EditDrafts))
        return u"Read-only: "_s + m_policy.reason(RolePolicy::Capability::EditDrafts);
    if (!m_claimedBy.isEmpty())
        return u"Being reviewed by %1: read-only."_s.arg(m_claimedBy);
    if (!m_claimError.isEmpty())
        return m_claimError;
    if (m_draft->status != u"draft"_s)
        return u"Read-only: this draft is %1."_s.arg(m_draft->status);
    return {};
}

bool DraftEditor::isReadOnly() const
{
    return !readOnlyReason().isEmpty();
}

void DraftEditor::updateReadOnly()
{
    const QString reason = readOnlyReason();
    const bool readOnly = !reason.isEmpty();
    m_source->setReadOnly(readOnly);
    for (QLineEdit *field : {m_title, m_head, m_base})
        field->setReadOnly(readOnly);
    m_readOnlyNote->setText(m_draft ? reason : QString());
    m_readOnlyNote->setVisible(m_draft && readOnly);
    const bool canSave = !readOnly && !m_saving;
    m_save->setEnabled(canSave);
    m_save->setToolTip(readOnly ? reason : u"Save the draft (%1)"_s.arg(m_save->shortcut().toString(QKeySequence::NativeText)));
    for (QPushButton *button : {m_keepMine, m_mergeByHand, m_retry})
        button->setEnabled(!readOnly);
}

void DraftEditor::updateHeader()
{
    if (!m_draft) {
        m_header->setText(u"Open a draft from the list (Enter or double-click)."_s);
        return;
    }
    const DraftDetail &d = *m_draft;
    m_header->setText(u"%1Draft #%2 · %3 · %4#%5 · %6"_s.arg(m_modified ? u"* "_s : QString())
                          .arg(d.id)
                          .arg(d.contentType == u"pull_request"_s ? u"pull request"_s : u"comment"_s, d.githubRepo)
                          .arg(d.githubIssueId)
                          .arg(d.status + (m_modified ? u" · unsaved changes"_s : QString())));
}

QString DraftEditor::headerText() const
{
    return m_header->text();
}

QString DraftEditor::statusText() const
{
    return m_status->text();
}

void DraftEditor::setStatus(const QString &text, bool retry)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_retry->setVisible(retry);
}

bool DraftEditor::isConflictShown() const
{
    return !m_conflict->isHidden();
}

void DraftEditor::save()
{
    if (!m_store || !m_draft || isReadOnly() || m_saving)
        return;
    m_saving = true;
    updateReadOnly();
    setStatus(u"Saving…"_s);
    const qint64 id = m_draft->id;
    const quint64 generation = ++m_generation;
    const QString content = m_source->toPlainText();
    const std::optional<PullRequestFields> fields = pullRequestFields();
    whenFinished(this, m_store->save(id, m_basedOn, content, fields),
                 [this, id, generation, content, fields](const std::expected<QString, DraftWriteError> &result) {
        if (generation != m_generation)
            return;
        m_saving = false;
        updateReadOnly();
        if (result) {
            m_draft->content = content;
            m_draft->version = *result;
            m_basedOn = *result;
            if (fields)
                m_loadedFields = *fields;
            m_theirsDraft.reset();
            hideConflict();
            m_source->document()->setModified(false);
            updateModified();
            setStatus(u"Saved."_s);
            emit saved(id, *result);
            return;
        }
        const DraftWriteError &error = result.error();
        if (error.error.kind == DbError::Kind::Conflict && error.theirs) {
            showConflict(*error.theirs);
            setStatus(u"Not saved: someone else changed this draft. Choose below."_s);
        } else if (error.error.kind == DbError::Kind::ConnectionLost) {
            setStatus(u"The connection was lost while saving: it is not known to be saved. Your edit is kept "
                      u"here; Retry saves it again."_s,
                      true);
        } else {
            setStatus(u"Not saved: "_s + error.error.message, error.error.kind != DbError::Kind::Permission);
        }
        emit saveFailed(id);
    });
}

void DraftEditor::showConflict(const DraftConflict &conflict)
{
    m_theirsDraft = conflict.current;
    QString who = conflict.changedBy.isEmpty() ? u"Someone"_s : conflict.changedBy;
    QString when = conflict.changedAt.isValid() ? u" at "_s + TimeFormat::text(conflict.changedAt) : QString();
    m_conflictText->setText(u"%1 changed this draft%2 since you opened it (now %3). Left: their version; right: "
                            u"their version against yours."_s
                                .arg(who, when, conflict.current.status));
    m_theirs->setPlainText(conflict.current.content);
    m_diff->setHtml(WordDiff::toHtml(WordDiff::compare(conflict.current.content, m_source->toPlainText())));
    for (QPushButton *button : {m_keepMine, m_takeTheirs, m_mergeByHand})
        button->show();
    m_conflict->show();
    emit conflictShown(m_draft ? m_draft->id : -1);
}

void DraftEditor::hideConflict()
{
    m_conflict->hide();
    m_theirs->clear();
    m_diff->clear();
}

void DraftEditor::keepMine()
{
    if (!m_theirsDraft)
        return;
    m_basedOn = m_theirsDraft->version;
    save();
}

void DraftEditor::takeTheirs()
{
    if (!m_theirsDraft)
        return;
    const DraftDetail theirs = *m_theirsDraft;
    m_theirsDraft.reset();
    hideConflict();
    load(theirs);
    setStatus(u"Their version is loaded; your edit was dropped."_s);
}

void DraftEditor::mergeByHand()
{
    if (!m_theirsDraft)
        return;
    m_basedOn = m_theirsDraft->version;
    for (QPushButton *button : {m_keepMine, m_takeTheirs, m_mergeByHand})
        button->hide();
    m_conflictText->setText(u"Merging by hand: their version is on the left to copy from. Saving replaces it."_s);
    setStatus({});
    m_source->setFocus(Qt::OtherFocusReason);
}

QString DraftEditor::ownerText() const
{
    return m_owner->text();
}

QString DraftEditor::runIdText() const
{
    return m_runId->text();
}

// The owner as the database has them: GitHub id, the permission on the installation of the
// repository's owner account, and the switches of each preferences row (a user may have none or several).
void DraftEditor::loadOwner()
{
    if (!m_draft)
        return;
    if (m_draft->userId <= 0) {
        m_owner->setText(u"No user (user_id is NULL)."_s);
        return;
    }
    if (!m_ownerStore) {
        m_owner->setText(u"GitHub id %1 (user #%2)"_s.arg(m_draft->userGithubId).arg(m_draft->userId));
        return;
    }
    m_owner->setText(u"Loading user #%1…"_s.arg(m_draft->userId));
    const qint64 draftId = m_draft->id;
    whenFinished(this, m_ownerStore->loadUser(m_draft->userId), [this, draftId](const std::expected<UserDetail, DbError> &user) {
        if (!m_draft || m_draft->id != draftId)
            return;
        if (!user) {
            m_owner->setText(u"The owner could not be read: "_s + user.error().message);
            return;
        }
        showOwner(*user);
    });
}

namespace {

QString onOff(const std::optional<bool> &value)
{
    return value ? (*value ? u"on"_s : u"off"_s) : u"not set"_s;
}

} // namespace

void DraftEditor::showOwner(const UserDetail &user)
{
    QStringList lines;
    lines << u"GitHub id %1 (user #%2)"_s.arg(user.githubId).arg(user.id);
    const QString account = m_draft->githubRepo.section(u'/', 0, 0);
    QString permission = u"No installation of %1 lists this user: no permission on %2."_s.arg(account, m_draft->githubRepo);
    for (const UserMembership &membership : user.installations) {
        if (membership.accountName.compare(account, Qt::CaseInsensitive) == 0) {
            permission = u"Permission on %1: %2 (installation %3 of the %4 %5)"_s.arg(
                m_draft->githubRepo, membership.permissionLevel, membership.githubInstallationId,
                membership.accountType, membership.accountName);
            break;
        }
    }
    lines << permission;
    if (user.preferences.isEmpty())
        lines << u"No preferences row: testing mode and auto-publish are off (the column defaults)."_s;
    for (const UserPreferenceRow &row : user.preferences) {
        lines << u"%1testing mode %2 · auto-publish comments %3 · auto-publish pull requests %4"_s.arg(
            user.preferences.size() > 1 ? u"Preferences #%1: "_s.arg(row.id) : u"Preferences: "_s,
            onOff(row.testingMode), onOff(row.autoPublishComments), onOff(row.autoPublishPrs));
    }
    m_owner->setText(lines.join(u'\n'));
}
