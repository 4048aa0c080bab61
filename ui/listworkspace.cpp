#include "listworkspace.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "csvexport.h"
#include "pagedlistmodel.h"

using namespace Qt::StringLiterals;

ListWorkspace::ListWorkspace(ListDefinition definition, QWidget *parent)
    : QWidget(parent)
    , m_definition(std::move(definition))
{
    auto *layout = new QVBoxLayout(this);
    m_filterBar = new QHBoxLayout;
    m_filterBar->setSpacing(6);
    layout->addLayout(m_filterBar);

    m_view = new QTableView;
    m_view->setAccessibleName(m_definition.name + u" list"_s);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(!m_definition.columns.isEmpty()
                                                      && m_definition.columns.last().widthChars == 0);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu;
        for (int column = 0; column < m_definition.columns.size(); ++column) {
            QAction *action = menu.addAction(m_definition.columns.at(column).title);
            action->setCheckable(true);
            action->setChecked(!m_view->isColumnHidden(column));
            connect(action, &QAction::toggled, this, [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
        }
        menu.exec(m_view->horizontalHeader()->mapToGlobal(at));
    });

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    layout->addWidget(m_splitter, 1);

    auto *footer = new QHBoxLayout;
    m_count = new QLabel;
    m_count->setAccessibleName(u"Row count"_s);
    m_countExactly = new QToolButton;
    m_countExactly->setText(u"Count exactly"_s);
    m_countExactly->setToolTip(u"Replace the estimate with an exact count (may take a while on big tables)"_s);
    m_countExactly->setVisible(false);
    connect(m_countExactly, &QToolButton::clicked, this, [this] {
        if (m_model)
            m_model->countExactly();
    });
    m_hint = new QLabel;
    m_hint->setAccessibleName(u"Search hint"_s);
    m_hint->setStyleSheet(u"color: palette(mid);"_s);
    m_export = new QToolButton;
    m_export->setText(u"Export CSV…"_s);
    m_export->setToolTip(u"Export the rows of the current filter to a CSV file"_s);
    m_export->setEnabled(false);
    connect(m_export, &QToolButton::clicked, this, &ListWorkspace::exportWithDialog);
    footer->addWidget(m_count);
    footer->addWidget(m_countExactly);
    footer->addSpacing(12);
    footer->addWidget(m_hint, 1);
    footer->addWidget(m_export);
    layout->addLayout(footer);
    updateCount();
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
            m_hint->setText(message.section(u'\n', 0, 0));
            m_hint->setToolTip(message);
        });
        connect(m_model.get(), &QAbstractItemModel::modelReset, this, [this] { currentRowChanged(-1); });
        connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex &current) { currentRowChanged(current.isValid() ? current.row() : -1); });
    }
    m_export->setEnabled(bool(m_model));
    updateCount();
    showHint();
    currentRowChanged(-1);
    emit modelChanged();
}

void ListWorkspace::applyFilters()
{
    if (m_model)
        m_model->setFilters(filterValues());
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
        return;
    }
    m_count->setText(u"%1 rows"_s.arg(m_model->countText()));
    m_countExactly->setVisible(m_model->isCountEstimated());
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
    const QString path = QFileDialog::getSaveFileName(this, u"Export %1"_s.arg(m_definition.name),
                                                      documents + u'/' + m_definition.name + u".csv"_s,
                                                      u"CSV files (*.csv)"_s);
    if (!path.isEmpty())
        exportTo(path);
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
