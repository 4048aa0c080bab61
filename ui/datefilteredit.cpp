#include "datefilteredit.h"

#include <QKeyEvent>

DateFilterEdit::DateFilterEdit(QWidget *parent)
    : QDateEdit(parent)
{
}

bool DateFilterEdit::event(QEvent *event)
{
    // QDateTimeEdit's focusNextPrevChild() moves to the next section and returns false, which hands
    // Tab to keyPressEvent(); with the special value text shown that accepts the key and does
    // nothing. Tab and Shift+Tab are taken here, before that; the separators typed in a date
    // ("2026-12-01") still move between sections inside the field.
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool tab = key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab;
        if (tab && !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            const bool next = key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier);
            if (QWidget::focusNextPrevChild(next)) {
                event->accept();
                return true;
            }
        }
    }
    return QDateEdit::event(event);
}
