#include "draftstatusdelegate.h"

#include "listtableview.h"
#include "pagedlistmodel.h"

using namespace Qt::StringLiterals;

DraftStatusDelegate::DraftStatusDelegate(ListTableView *view, int column, NoteFor note, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_view(view)
    , m_column(column)
    , m_note(std::move(note))
{
    view->setItemDelegateForColumn(column, this);
}

QString DraftStatusDelegate::noteAt(const QModelIndex &index) const
{
    const auto *model = qobject_cast<const PagedListModel *>(index.model());
    if (!model || !m_note)
        return {};
    const qint64 id = model->idAt(index.row());
    return id >= 0 ? m_note(id) : QString();
}

void DraftStatusDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (const QString note = noteAt(index); !note.isEmpty()) {
        option->text += u" · "_s + note;
        option->font.setItalic(true);
    }
}

QString DraftStatusDelegate::textAt(int row) const
{
    if (!m_view->model())
        return {};
    const QModelIndex index = m_view->model()->index(row, m_column);
    QStyleOptionViewItem option;
    initStyleOption(&option, index);
    return option.text;
}

void DraftStatusDelegate::repaint()
{
    m_view->viewport()->update();
}
