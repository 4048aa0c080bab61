#include "dialogfocusreturn.h"

#include <QApplication>
#include <QDialog>
#include <QEvent>

DialogFocusReturn::DialogFocusReturn(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    qApp->installEventFilter(this);
}

DialogFocusReturn::~DialogFocusReturn()
{
    qApp->removeEventFilter(this);
}

bool DialogFocusReturn::belongsToWindow(const QWidget *dialog) const
{
    for (const QWidget *w = dialog->parentWidget(); w; w = w->parentWidget()) {
        if (w == m_window)
            return true;
    }
    return false;
}

bool DialogFocusReturn::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::Show && type != QEvent::Hide)
        return false;
    auto *dialog = qobject_cast<QDialog *>(watched);
    if (!dialog || !dialog->isWindow() || !belongsToWindow(dialog))
        return false;
    if (type == QEvent::Show) {
        // The owner's focus widget is where its focus goes back when it is active again.
        if (!m_returnTo.contains(dialog)) {
            m_returnTo.insert(dialog, dialog->parentWidget()->window()->focusWidget());
            connect(dialog, &QObject::destroyed, this, [this, dialog] { m_returnTo.remove(dialog); });
        }
        return false;
    }
    const QPointer<QWidget> target = m_returnTo.take(dialog);
    if (target) {
        // After the hide has run its course: the dialog may open another one on its way out.
        QMetaObject::invokeMethod(this, [this, d = QPointer<QWidget>(dialog), target] { giveFocusBack(d, target); },
                                  Qt::QueuedConnection);
    }
    return false;
}

void DialogFocusReturn::giveFocusBack(QPointer<QWidget> dialog, QPointer<QWidget> target)
{
    if (!target || !target->isVisible())
        return;
    QWidget *active = QApplication::activeWindow();
    if (active && active != dialog && active->isVisible())
        return;   // another window (a dialog opened meanwhile) has the focus now
    QWidget *owner = target->window();
    owner->activateWindow();
    target->setFocus(Qt::ActiveWindowFocusReason);
}
