#include "datefilteredit.h"

DateFilterEdit::DateFilterEdit(QWidget *parent)
    : QDateEdit(parent)
{
}

bool DateFilterEdit::focusNextPrevChild(bool next)
{
    // QDateTimeEdit's version moves to the next section and returns false, which hands the key to
    // keyPressEvent(); with the special value text shown that accepts the key and does nothing.
    return QWidget::focusNextPrevChild(next);
}
