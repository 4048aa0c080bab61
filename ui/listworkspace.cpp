#include "listworkspace.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "csvexport.h"
#include "listtableview.h"
#include "pagedlistmodel.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kTypingDelayMs = 300;

} // namespace

ListWorkspace::ListWorkspace(ListDefinition definition, QWidget *parent)
    : QWidget(parent)
    , m_definition(std::move(definition))
{
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingDelayMs);
    connect(m_typing, &QTimer::timeout, this, &ListWorkspace::applyFilters);

    auto *layout = new QVBoxLayout(this);
    m_filterBar = new QHBoxLayout;
    m_filterBar->setSpacing(6);
    layout->addLayout(m_filterBar);

    m_view = new ListTableView;
    m_view->setAccessibleName(m_definition.name + u" list"_s);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideRight);
    setFocusProxy(m_view);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(!m_definition.columns.isEmpty()
                                                      && m_definition.columns.last().widthChars == 0);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSortingEnabled(true);
    // Only some columns sort (in SQL); a click on another puts the indicator back where the list is sorted.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        QTimer::singleShot(0, this, [this] {
            if (m_model)
                m_view->sortByColumn(m_model->sortColumn(), m_model->sortOrder());
        });
    });
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint &at) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->setAccessibleName(u"Columns shown"_s);
        for (int column = 0; column < m_definition.columns.size(); ++column) {
            QAction *action = menu->addAction(m_definition.columns.at(column).title);
            action->setCheckable(true);
            action->setChecked(!m_view->isColumnHidden(column));
            connect(action, &QAction::toggled, this, [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
        }
        menu->popup(m_view->horizontalHeader()->mapToGlobal(at));   // no nested event loop
    });

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    layout->addWidget(m_splitter, 1);

    auto *footer = new QHBoxLayout;
    m_count = new QLabel;
    m_count->setObjectName(u"rowCount"_s);   // its text is what a screen reader reads: no fixed name
    m_hint = new QLabel;
    m_hint->setObjectName(u"searchHint"_s);
    m_hint->setStyleSheet(u"color: palette(mid);"_s);
    buildActions();
    m_countExactly = new QToolButton;
    m_countExactly->setDefaultAction(m_countExactlyAction);
    m_countExactly->setVisible(false);
    m_export = new QToolButton;
    m_export->setDefaultAction(m_exportAction);
    footer->addWidget(m_count);
    footer->addWidget(m_countExactly);
    footer->addSpacing(12);
    footer->addWidget(m_hint, 1);
    footer->addWidget(m_export);
    layout->addLayout(footer);
    updateCount();
}

void ListWorkspace::buildActions()
{
    m_focusSearch = addShortcut(u"Search the list"_s, QKeySequence::Find, u"Go to the search field"_s);
    m_focusSearch->setEnabled(false);
    connect(m_focusSearch, &QAction::triggered, this, [this] {
        if (m_search) {
            m_search->setFocus(Qt::ShortcutFocusReason);
            m_search->selectAll();
        }
    });
    m_exportAction = addShortcut(u"Export CSV…"_s, QKeySequence(u"Ctrl+E"_s),
                                 u"Export the rows of the current filter to a CSV file"_s);
    connect(m_exportAction, &QAction::triggered, this, &ListWorkspace::exportWithDialog);
    m_reload = addShortcut(u"Reload the list"_s, QKeySequence(u"Ctrl+R"_s),
                           u"Read the list again with the same filter and sort"_s);
    connect(m_reload, &QAction::triggered, this, [this] {
        if (m_model)
            m_model->refresh();
    });
    m_countExactlyAction = addShortcut(u"Count exactly"_s, QKeySequence(u"Ctrl+Shift+C"_s),
                                       u"Replace the estimate with an exact count (may take a while on big tables)"_s);
    connect(m_countExactlyAction, &QAction::triggered, this, [this] {
        if (m_model && m_model->isCountEstimated())
            m_model->countExactly();
    });
}

QAction *ListWorkspace::addShortcut(const QString &text, const QKeySequence &shortcut, const QString &toolTip)
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setObjectName(toolTip);
    action->setStatusTip(toolTip);
    action->setToolTip(u"%1 (%2)"_s.arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    action->setEnabled(false);
    addAction(action);
    return action;
}

void ListWorkspace::setSearchField(QLineEdit *search)
{
    m_search = search;
    // Typing in the list goes on in the search field.
    connect(m_view, &ListTableView::textTyped, m_search, [search](const QString &text) {
        search->setFocus(Qt::OtherFocusReason);
        search->insert(text);
    });
    m_search->setToolTip(u"%1 (%2)"_s.arg(m_search->accessibleName(), m_focusSearch->shortcut().toString(QKeySequence::NativeText)));
    m_focusSearch->setEnabled(true);
    m_clearSearch = new QAction(u"Clear the search"_s, m_search);
    m_clearSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    m_clearSearch->setShortcutContext(Qt::WidgetShortcut);
    m_clearSearch->setObjectName(u"Clear the search field"_s);
    m_clearSearch->setStatusTip(u"Clear the search field"_s);
    m_search->addAction(m_clearSearch);
    connect(m_clearSearch, &QAction::triggered, m_search, &QLineEdit::clear);
}

QLineEdit *ListWorkspace::makeFilterField(const QString &accessibleName, const QString &placeholder)
{
    auto *field = new QLineEdit;
    field->setAccessibleName(accessibleName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    connect(field, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(field, &QLineEdit::returnPressed, this, &ListWorkspace::applyFilters);
    return field;
}

QLineEdit *ListWorkspace::addSearchField(const QString &accessibleName, const QString &placeholder)
{
    QLineEdit *search = makeFilterField(accessibleName, placeholder);
    m_filterBar->addWidget(search, 1);
    setSearchField(search);
    return search;
}

void ListWorkspace::setSaveFileChooser(std::function<QString(const QString &)> chooser)
{
    m_chooseSaveFile = std::move(chooser);
}

ListWorkspace::~ListWorkspace()
{
    saveLayout();
    if (m_exporting)
        m_exporting->cancel();
}

QString ListWorkspace::settingsGroup() const
{
    return u"workspaces/"_s + m_definition.name;
}

void ListWorkspace::setDetailPane(QWidget *pane)
{
    m_splitter->addWidget(pane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
}

void ListWorkspace::setConnectionFactory(ConnectionFactory factory)
{
    if (m_model)
        saveLayout();
    m_factory = std::move(factory);
    m_view->setModel(nullptr);
    m_model.reset();
    if (m_factory) {
        m_model = std::make_unique<PagedListModel>(m_definition, m_factory);
        m_model->setFilters(filterValues());
        m_view->setModel(m_model.get());
        m_view->sortByColumn(m_model->sortColumn(), m_model->sortOrder());
        restoreLayout();
        connect(m_model.get(), &PagedListModel::countChanged, this, &ListWorkspace::updateCount);
        connect(m_model.get(), &PagedListModel::hintChanged, this, &ListWorkspace::showHint);
        connect(m_model.get(), &PagedListModel::loadFailed, this, [this](const QString &message) {
            updateCount();
            m_hint->setText(message.section(u'\n', 0, 0));
            m_hint->setToolTip(message);
        });
        connect(m_model.get(), &QAbstractItemModel::modelReset, this, [this] { currentRowChanged(-1); });
        connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex &current) { currentRowChanged(current.isValid() ? current.row() : -1); });
        // A row selected before its page arrived (Ctrl+End, a scroll bar drag) is shown once it has.
        connect(m_model.get(), &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
            const int row = m_view->currentIndex().row();
            if (row >= from.row() && row <= to.row())
                currentRowChanged(row);
        });
    }
    m_exportAction->setEnabled(bool(m_model));
    m_reload->setEnabled(bool(m_model));
    updateCount();
    showHint();
    currentRowChanged(-1);
    emit modelChanged();
}

bool ListWorkspace::selectLoadedRow(qint64 id)
{
    if (!m_model)
        return false;
    // The rows on screen and the first pages: where a record someone links to usually is.
    const int rows = m_model->rowCount();
    QList<std::pair<int, int>> ranges{{m_view->firstVisibleRow(), m_view->lastVisibleRow()},
                                      {0, std::min(rows, m_model->pageSize() * 4) - 1}};
    for (const auto &[first, last] : ranges) {
        for (int row = std::max(0, first); row <= last && row < rows; ++row) {
            if (m_model->isLoaded(row) && m_model->idAt(row) == id) {
                m_view->selectRow(row);
                return true;
            }
        }
    }
    m_view->selectionModel()->clear();
    return false;
}

void ListWorkspace::applyFilters()
{
    if (m_model)
        m_model->setFilters(filterValues());
}

QVariantMap ListWorkspace::filterValues() const
{
    QVariantMap filters;
    if (const QString term = m_search ? m_search->text().trimmed() : QString(); !term.isEmpty())
        filters.insert(u"search"_s, term);
    return filters;
}

QString ListWorkspace::countText() const
{
    return m_count->text();
}

QString ListWorkspace::hintText() const
{
    return m_hint->text();
}

void ListWorkspace::updateCount()
{
    if (!m_model) {
        m_count->setText(u"Not connected"_s);
        m_countExactly->setVisible(false);
        m_countExactlyAction->setEnabled(false);
        return;
    }
    m_count->setText(m_model->isCountKnown() || !m_model->lastError().isEmpty() ? u"%1 rows"_s.arg(m_model->countText())
                                                                             : u"Loading…"_s);
    m_countExactly->setVisible(m_model->isCountEstimated());
    m_countExactlyAction->setEnabled(m_model->isCountEstimated());
}

void ListWorkspace::showHint()
{
    const QString hint = m_model ? m_model->hint() : QString();
    m_hint->setText(hint);
    m_hint->setToolTip(hint);
}

void ListWorkspace::saveLayout() const
{
    if (!m_model || !m_layoutRestored)
        return;
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.setValue(u"header"_s, m_view->horizontalHeader()->saveState());
    settings.setValue(u"splitter"_s, m_splitter->saveState());
}

void ListWorkspace::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    const QByteArray header = settings.value(u"header"_s).toByteArray();
    if (header.isEmpty() || !m_view->horizontalHeader()->restoreState(header)) {
        const QFontMetrics metrics = m_view->fontMetrics();
        for (int column = 0; column < m_definition.columns.size(); ++column) {
            const ListColumn &spec = m_definition.columns.at(column);
            const int title = metrics.horizontalAdvance(spec.title) + 28;
            const int chars = metrics.horizontalAdvance(QString(spec.widthChars > 0 ? spec.widthChars : 12, u'0')) + 10;
            m_view->setColumnWidth(column, std::max(title, chars));
            m_view->setColumnHidden(column, !spec.shownByDefault);
        }
    }
    const QByteArray splitter = settings.value(u"splitter"_s).toByteArray();
    if (splitter.isEmpty() || !m_splitter->restoreState(splitter)) {
        if (m_splitter->count() > 1)
            m_splitter->setSizes({width() * 2 / 3, width() / 3});
    }
    m_layoutRestored = true;
}

void ListWorkspace::exportWithDialog()
{
    if (!m_model)
        return;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = documents + u'/' + m_definition.name + u".csv"_s;
    if (m_chooseSaveFile) {
        if (const QString path = m_chooseSaveFile(suggested); !path.isEmpty())
            exportTo(path);
        return;
    }
    // Opened with open(), not a static getSaveFileName(): that runs its own event loop, and an
    // action pressed through the accessibility bus got no reply until the dialog closed. For the
    // same reason the overwrite question is ours (QFileDialog asks it with exec()).
    auto *dialog = new QFileDialog(this, u"Export %1"_s.arg(m_definition.name), suggested, u"CSV files (*.csv)"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->selectFile(suggested);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (path.isEmpty())
            return;
        if (!QFileInfo::exists(path)) {
            exportTo(path);
            return;
        }
        auto *replace = new QMessageBox(QMessageBox::Question, u"Export %1"_s.arg(m_definition.name),
                                        u"%1 already exists. Replace it?"_s.arg(path),
                                        QMessageBox::Yes | QMessageBox::No, this);
        replace->setDefaultButton(QMessageBox::No);
        replace->setAttribute(Qt::WA_DeleteOnClose);
        connect(replace, &QMessageBox::buttonClicked, this, [this, replace, path](QAbstractButton *button) {
            if (replace->standardButton(button) == QMessageBox::Yes)
                exportTo(path);
        });
        replace->open();
    });
    dialog->open();
}

void ListWorkspace::exportTo(const QString &path)
{
    if (!m_model || m_exporting)
        return;
    auto *exporting = new CsvExport(m_model->currentQuery(), path, m_factory, this);
    m_exporting = exporting;
    const qint64 total = m_model->totalCount();
    m_progress = new QProgressDialog(u"Exporting %1 to %2…"_s.arg(m_definition.name, path), u"Cancel"_s,
                                     0, int(std::max<qint64>(total, 1)), this);
    m_progress->setWindowTitle(u"Export"_s);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, exporting, &CsvExport::cancel);
    connect(exporting, &CsvExport::progress, this, [this, total](qint64 rows) {
        if (!m_progress)
            return;
        if (rows > m_progress->maximum())
            m_progress->setMaximum(int(std::min<qint64>(rows * 11 / 10, std::numeric_limits<int>::max())));
        m_progress->setValue(int(rows));
        Q_UNUSED(total)
    });
    connect(exporting, &CsvExport::finished, this, [this, exporting](qint64 rows, const QString &error) {
        if (m_progress)
            m_progress->close();
        exporting->deleteLater();
        m_hint->setText(error.isEmpty() ? u"Exported %1 rows."_s.arg(rows) : error);
        emit exportFinished(rows, error);
    });
    exporting->start();
}
