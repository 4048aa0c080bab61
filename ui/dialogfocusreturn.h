#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QWidget;

// Gives the keyboard focus back when a dialog closes. For every QDialog whose parent chain leads
// to `window` (message boxes, file dialogs and dialogs of dialogs included), the widget of the
// owning window that had the focus when the dialog was shown gets it again, and that window is
// activated. Without a window manager to do it (Xvfb, kiosks) no window was active afterwards,
// and the workspace shortcuts did nothing until the window was clicked.
// A child of `window`; it watches the application's Show and Hide events while it lives.
class DialogFocusReturn : public QObject
{
    Q_OBJECT

public:
    explicit DialogFocusReturn(QWidget *window);
    ~DialogFocusReturn() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool belongsToWindow(const QWidget *dialog) const;
    void giveFocusBack(QPointer<QWidget> dialog, QPointer<QWidget> target);

    QWidget *m_window;
    QHash<const QObject *, QPointer<QWidget>> m_returnTo;   // dialog shown → widget to return to
};
