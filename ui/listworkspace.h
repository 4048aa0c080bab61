#pragma once

#include <QPointer>
#include <QVariantMap>
#include <QWidget>

#include <functional>
#include <memory>

#include "connectionfactory.h"
#include "listdefinition.h"

class CsvExport;
class QAction;
class QLineEdit;
class PagedListModel;
class QHBoxLayout;
class ListTableView;
class QLabel;
class QProgressDialog;
class QSplitter;
class QTimer;
class QToolButton;

// A workspace over one paged list: a filter bar (filled by the subclass), the table with fixed row
// heights, the count and hint labels, CSV export, and an optional detail pane in a splitter.
// Without a connection factory it shows nothing; setting one (re)creates the model.
// Header and splitter layouts persist in QSettings under "workspaces/<list name>".
// Its actions (search, export, reload, count exactly) have shortcuts in Qt::WidgetWithChildrenShortcut
// context, so each workspace's fire only while the focus is inside it; they are the widget's actions().
class ListWorkspace : public QWidget
{
    Q_OBJECT

public:
    ListWorkspace(ListDefinition definition, QWidget *parent = nullptr);
    ~ListWorkspace() override;

    void setConnectionFactory(ConnectionFactory factory);   // empty: disconnected
    PagedListModel *model() const { return m_model.get(); }
    ListTableView *view() const { return m_view; }
    QString countText() const;
    QString hintText() const;

    void exportTo(const QString &path);   // no file dialog; progress dialog; exportFinished()
    void exportWithDialog();
    // Replaces the save dialog of exportWithDialog() (tests); returns the path, empty to cancel.
    void setSaveFileChooser(std::function<QString(const QString &suggestedPath)> chooser);

    QLineEdit *searchField() const { return m_search; }
    QAction *focusSearchAction() const { return m_focusSearch; }
    QAction *clearSearchAction() const { return m_clearSearch; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *reloadAction() const { return m_reload; }
    QAction *countExactlyAction() const { return m_countExactlyAction; }

signals:
    void modelChanged();
    void exportFinished(qint64 rows, const QString &error);

protected:
    QHBoxLayout *filterBar() const { return m_filterBar; }
    void setDetailPane(QWidget *pane);
    void setSearchField(QLineEdit *search);   // once, from the subclass constructor
    // A text field for the filter bar (the caller adds it) that applies the filters after a short
    // pause in typing, and at once on Return.
    QLineEdit *makeFilterField(const QString &accessibleName, const QString &placeholder);
    // Such a field at the end of the filter bar, as the list's search field.
    QLineEdit *addSearchField(const QString &accessibleName, const QString &placeholder);
    void applyFilters();                        // pushes filterValues() to the model
    // The filters the bar's widgets set; by default the search field's text as "search".
    virtual QVariantMap filterValues() const;
    virtual void currentRowChanged(int row) { Q_UNUSED(row) }
    ConnectionFactory connectionFactory() const { return m_factory; }
    // Makes the loaded row with this id current (the detail follows) and returns true; else
    // (not loaded: the lists are paged) clears the current row and returns false.
    bool selectLoadedRow(qint64 id);

private:
    void buildActions();
    QAction *addShortcut(const QString &text, const QKeySequence &shortcut, const QString &toolTip);
    void saveLayout() const;
    void restoreLayout();
    void updateCount();
    void showHint();
    QString settingsGroup() const;

    ListDefinition m_definition;
    ConnectionFactory m_factory;
    std::unique_ptr<PagedListModel> m_model;
    QHBoxLayout *m_filterBar = nullptr;
    QTimer *m_typing = nullptr;         // pause in typing before a text filter applies
    QSplitter *m_splitter = nullptr;
    ListTableView *m_view = nullptr;
    QLabel *m_count = nullptr;
    QToolButton *m_countExactly = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_hint = nullptr;
    QLineEdit *m_search = nullptr;
    QAction *m_focusSearch = nullptr;
    QAction *m_clearSearch = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_reload = nullptr;
    QAction *m_countExactlyAction = nullptr;
    std::function<QString(const QString &)> m_chooseSaveFile;
    QPointer<CsvExport> m_exporting;
    QPointer<QProgressDialog> m_progress;
    bool m_layoutRestored = false;
};
