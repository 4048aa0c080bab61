#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(u"Keyboard shortcuts — Staff Console"_s);
    auto *table = new QTableWidget(0, 2, this);
    table->setAccessibleName(u"Keyboard shortcuts"_s);
    table->setHorizontalHeaderLabels({u"Action"_s, u"Shortcut"_s});
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    QList<const QAction *> shown(actions.cbegin(), actions.cend());
    if (parent) {
        QSet<std::pair<QString, QKeySequence>> seen;
        for (const QWidget *widget : parent->findChildren<QWidget *>()) {
            for (const QAction *action : widget->actions()) {
                const Qt::ShortcutContext context = action->shortcutContext();
                if (action->shortcut().isEmpty() || context == Qt::WindowShortcut || context == Qt::ApplicationShortcut)
                    continue;
                if (!seen.contains({action->text(), action->shortcut()})) {
                    seen.insert({action->text(), action->shortcut()});
                    shown.append(action);
                }
            }
        }
    }
    for (const QAction *action : std::as_const(shown)) {
        if (action->shortcut().isEmpty())
            continue;
        const int row = table->rowCount();
        table->insertRow(row);
        QString name = action->text();
        name.remove(u'&');
        name.remove(u"…"_s);
        table->setItem(row, 0, new QTableWidgetItem(name));
        table->setItem(row, 1, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(480, 640); // every shortcut visible without scrolling
}
