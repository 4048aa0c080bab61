#include "draftsworkspace.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QStringListModel>
#include <QTabWidget>

#include "daterangefilter.h"
#include "draftdetailpane.h"
#include "draftfiltersuggestions.h"
#include "draftlist.h"
#include "draftstore.h"
#include "historyview.h"
#include "listtableview.h"
#include "pagedlistmodel.h"
#include "selectionkeeper.h"
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
    m_history = new HistoryView;
    auto *detailTabs = new QTabWidget;
    detailTabs->setAccessibleName(u"Draft details"_s);
    detailTabs->addTab(m_detail, u"Draft"_s);
    detailTabs->addTab(m_history, u"History"_s);
    setDetailPane(detailTabs);
    connect(this, &ListWorkspace::modelChanged, this, &DraftsWorkspace::onModelChanged);
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

void DraftsWorkspace::onModelChanged()
{
    m_wanted = -1;
    m_store = connectionFactory() ? std::make_unique<DraftStore>(connectionFactory()) : nullptr;
    m_suggestions = connectionFactory() ? std::make_unique<DraftFilterSuggestions>(connectionFactory()) : nullptr;
    m_history->setConnectionFactory(connectionFactory());
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
    }
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
    if (!selectLoadedRow(id))
        load(id);
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
    load((row >= 0 && model()) ? model()->idAt(row) : -1);
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
        m_detail->setHighlight(appliedSearch());
        m_detail->showDraft(*draft);
        emit draftShown(id);
    });
}
