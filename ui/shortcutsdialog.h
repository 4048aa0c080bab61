#pragma once

#include <QDialog>
#include <QList>

class QAction;

// Lists the given actions with their shortcuts (Help → Keyboard shortcuts). Non-modal.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};
