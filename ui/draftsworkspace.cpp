#include "draftsworkspace.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>

#include "draftdetailpane.h"
#include "draftlist.h"
#include "draftstore.h"
#include "historyview.h"
#include "pagedlistmodel.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

namespace {

const QDate kAnyDate(2000, 1, 1);

QDateEdit *makeDateEdit(const QString &name)
{
    auto *edit = new QDateEdit;
    edit->setAccessibleName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(u"yyyy-MM-dd"_s);
    edit->setMinimumDate(kAnyDate);
    edit->setSpecialValueText(u"any"_s);
    edit->setDate(kAnyDate);
    return edit;
}

} // namespace

DraftsWorkspace::DraftsWorkspace(QWidget *parent)
    : ListWorkspace(DraftList::definition(), parent)
{
    m_status = new QComboBox;
    m_status->setAccessibleName(u"Status filter"_s);
    m_status->addItem(u"Drafts"_s, u"draft"_s);
    m_status->addItem(u"Published"_s, u"published"_s);
    m_status->addItem(u"Discarded"_s, u"discarded"_s);
    m_status->addItem(u"Any status"_s, QString());
    m_type = new QComboBox;
    m_type->setAccessibleName(u"Type filter"_s);
    m_type->addItem(u"Any type"_s, QString());
    m_type->addItem(u"Comments"_s, u"comment"_s);
    m_type->addItem(u"Pull requests"_s, u"pull_request"_s);
    m_repository = makeFilterField(u"Repository filter"_s, u"owner/repository"_s);
    m_user = makeFilterField(u"User filter"_s, u"user's GitHub id"_s);
    m_from = makeDateEdit(u"Created from"_s);
    m_to = makeDateEdit(u"Created until"_s);
    m_search = makeFilterField(u"Search content"_s, u"Search content (3+ characters)"_s);

    filterBar()->addWidget(m_status);
    filterBar()->addWidget(m_type);
    filterBar()->addWidget(m_repository, 2);
    filterBar()->addWidget(m_user, 1);
    filterBar()->addWidget(new QLabel(u"Created"_s));
    filterBar()->addWidget(m_from);
    filterBar()->addWidget(new QLabel(u"–"_s));
    filterBar()->addWidget(m_to);
    filterBar()->addWidget(m_search, 3);
    setSearchField(m_search);

    for (QComboBox *box : {m_status, m_type})
        connect(box, &QComboBox::currentIndexChanged, this, &DraftsWorkspace::applyFilters);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &DraftsWorkspace::applyFilters);

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

void DraftsWorkspace::onModelChanged()
{
    m_wanted = -1;
    m_store = connectionFactory() ? std::make_unique<DraftStore>(connectionFactory()) : nullptr;
    m_history->setConnectionFactory(connectionFactory());
    m_detail->showMessage(connectionFactory() ? u"Select a draft to read it."_s : u"Not connected."_s);
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
    put(u"user"_s, m_user->text().trimmed());
    if (m_from->date() != kAnyDate)
        filters.insert(u"createdFrom"_s, m_from->date());
    if (m_to->date() != kAnyDate)
        filters.insert(u"createdTo"_s, m_to->date());
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
    const QSignalBlocker blockStatus(m_status), blockType(m_type), blockFrom(m_from), blockTo(m_to),
        blockRepository(m_repository), blockUser(m_user), blockSearch(m_search);
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    m_type->setCurrentIndex(0);
    m_repository->clear();
    m_user->setText(userGithubId);
    m_from->setDate(kAnyDate);
    m_to->setDate(kAnyDate);
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
    m_wanted = id;
    if (id < 0 || !m_store) {
        m_detail->showMessage(u"Select a draft to read it."_s);
        m_history->clear();
        return;
    }
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
        m_detail->showDraft(*draft);
        emit draftShown(id);
    });
}
