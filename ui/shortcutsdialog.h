#pragma once

#include <QDialog>
#include <QList>

class QAction;

// Lists the given actions with their shortcuts (Help → Keyboard shortcuts), then the shortcuts of
// actions on the parent's descendant widgets (workspace and field scoped, each text once). Non-modal.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};
