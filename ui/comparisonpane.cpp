#include "comparisonpane.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeWidget>

#include "diffhighlighter.h"
#include "github/githubclient.h"

using namespace Qt::StringLiterals;

// What came back for the current load so far.
struct ComparisonPane::Pending
{
    quint64 generation = 0;
    std::optional<std::expected<Comparison, GitHubError>> comparison;
    std::optional<std::expected<QString, GitHubError>> diff;
};

ComparisonPane::ComparisonPane(QWidget *parent)
    : GitHubContextPane(u"comparison"_s, parent)
    , m_files(new QTreeWidget)
    , m_diff(new QPlainTextEdit)
{
    m_files->setAccessibleName(u"Files changed"_s);
    m_files->setHeaderLabels({u"File"_s, u"Status"_s, u"Added"_s, u"Removed"_s});
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(FileName, QHeaderView::Stretch);
    connect(m_files, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { scrollToFile(item); });

    m_diff->setAccessibleName(u"Diff"_s);
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(m_diff->document());

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_files);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    setContent(splitter);
}

ComparisonPane::~ComparisonPane() = default;

void ComparisonPane::showComparison(const QString &repository, const QString &base, const QString &head)
{
    if (repository != m_repository || base != m_base || head != m_head)
        clearContent();
    m_repository = repository;
    m_base = base;
    m_head = head;
    refresh();
}

bool ComparisonPane::hasTarget() const
{
    return !m_repository.isEmpty() && !m_base.isEmpty() && !m_head.isEmpty();
}

void ComparisonPane::startLoad(quint64 generation)
{
    const auto repo = RepoRef::parse(m_repository);
    if (!repo) {
        clearContent();
        setFailed(u"The comparison cannot be loaded: \"%1\" is not a repository name of the form owner/name."_s.arg(m_repository));
        return;
    }
    m_pending = std::make_unique<Pending>();
    m_pending->generation = generation;
    gitHubClient()->compare(*repo, m_base, m_head, this, [this, generation](std::expected<Comparison, GitHubError> result) {
        if (!isCurrent(generation) || !m_pending)
            return;
        m_pending->comparison = std::move(result);
        finishIfComplete(generation);
    });
    gitHubClient()->compareDiff(*repo, m_base, m_head, this, [this, generation](std::expected<QString, GitHubError> result) {
        if (!isCurrent(generation) || !m_pending)
            return;
        m_pending->diff = std::move(result);
        finishIfComplete(generation);
    });
}

void ComparisonPane::clearContent()
{
    m_pending.reset();
    m_files->clear();
    m_diff->clear();
}

void ComparisonPane::finishIfComplete(quint64 generation)
{
    if (!m_pending || m_pending->generation != generation || !m_pending->comparison || !m_pending->diff)
        return;
    const std::unique_ptr<Pending> done = std::move(m_pending);
    const QString what = u"%1 %2...%3"_s.arg(m_repository, m_base, m_head);
    if (!done->comparison->has_value()) {
        clearContent();
        setFailed(describe(done->comparison->error(), u"The comparison "_s + what));
        return;
    }
    const Comparison &comparison = done->comparison->value();
    const int scroll = m_diff->verticalScrollBar() ? m_diff->verticalScrollBar()->value() : 0;
    m_diff->setPlainText(done->diff->value_or(QString()));
    m_diff->verticalScrollBar()->setValue(scroll);
    showFiles(comparison);
    if (!done->diff->has_value()) {
        setFailed(describe(done->diff->error(), u"The diff of "_s + what));
        return;
    }
    int additions = 0;
    int deletions = 0;
    for (const ComparisonFile &file : comparison.files) {
        additions += file.additions;
        deletions += file.deletions;
    }
    QString relation;
    switch (comparison.status) {
    case ComparisonStatus::Ahead:
        relation = u"ahead by %1"_s.arg(comparison.aheadBy);
        break;
    case ComparisonStatus::Behind:
        relation = u"behind by %1"_s.arg(comparison.behindBy);
        break;
    case ComparisonStatus::Diverged:
        relation = u"diverged: ahead by %1, behind by %2"_s.arg(comparison.aheadBy).arg(comparison.behindBy);
        break;
    case ComparisonStatus::Identical:
        relation = u"identical"_s;
        break;
    case ComparisonStatus::Unknown:
        relation = comparison.statusName;
        break;
    }
    setLoaded(u"%1...%2: %3 · %4 · +%5 −%6"_s.arg(m_base, m_head, relation,
                                                  comparison.files.size() == 1 ? u"1 file changed"_s
                                                                               : u"%1 files changed"_s.arg(comparison.files.size()))
                  .arg(additions)
                  .arg(deletions));
}

void ComparisonPane::showFiles(const Comparison &comparison)
{
    m_files->clear();
    for (const ComparisonFile &file : comparison.files) {
        auto *item = new QTreeWidgetItem(m_files);
        item->setText(FileName, file.previousFilename ? u"%1 → %2"_s.arg(*file.previousFilename, file.filename)
                                                      : file.filename);
        item->setData(FileName, Qt::UserRole, file.filename);
        item->setText(FileStatus, file.status);
        item->setText(FileAdditions, u"+%1"_s.arg(file.additions));
        item->setForeground(FileAdditions, DiffHighlighter::foreground(DiffHighlighter::LineKind::Addition));
        item->setTextAlignment(FileAdditions, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(FileDeletions, u"−%1"_s.arg(file.deletions));
        item->setForeground(FileDeletions, DiffHighlighter::foreground(DiffHighlighter::LineKind::Deletion));
        item->setTextAlignment(FileDeletions, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_files->resizeColumnToContents(FileStatus);
    m_files->resizeColumnToContents(FileAdditions);
    m_files->resizeColumnToContents(FileDeletions);
}

void ComparisonPane::scrollToFile(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString marker = u" b/"_s + item->data(FileName, Qt::UserRole).toString();
    for (QTextBlock block = m_diff->document()->begin(); block.isValid(); block = block.next()) {
        const QString line = block.text();
        if (line.startsWith(u"diff --git "_s) && line.endsWith(marker)) {
            QTextCursor cursor(block);
            m_diff->setTextCursor(cursor);
            m_diff->verticalScrollBar()->setValue(m_diff->verticalScrollBar()->maximum());
            m_diff->ensureCursorVisible();
            return;
        }
    }
}
