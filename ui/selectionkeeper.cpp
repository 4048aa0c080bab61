#include "selectionkeeper.h"

#include <QAbstractItemView>

#include "pagedlistmodel.h"

SelectionKeeper::SelectionKeeper(QAbstractItemView *view, PagedListModel *model, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
{
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &SelectionKeeper::remember);
    connect(model, &PagedListModel::pageLoaded, this, &SelectionKeeper::onPageLoaded);
    connect(model, &PagedListModel::loadFailed, this, &SelectionKeeper::drop);
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            drop();   // a row picked before the first page was back (or restored: already dropped)
    });
}

void SelectionKeeper::remember()
{
    // During a run of resets (typing), the row current before the first of them is kept waiting.
    const QModelIndex current = m_view ? m_view->currentIndex() : QModelIndex();
    if (const qint64 id = current.isValid() ? m_model->idAt(current.row()) : -1; id >= 0)
        m_pending = id;
}

void SelectionKeeper::onPageLoaded(int page)
{
    if (page != 0 || m_pending < 0 || !m_view)
        return;
    const qint64 wanted = m_pending;
    const int rows = std::min(m_model->rowCount(), m_model->pageSize());
    for (int row = 0; row < rows; ++row) {
        if (m_model->idAt(row) == wanted) {
            m_pending = -1;
            const QModelIndex index = m_model->index(row, 0);
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            emit restored(row);
            return;
        }
    }
    drop();
}

void SelectionKeeper::drop()
{
    if (m_pending < 0)
        return;
    m_pending = -1;
    emit lost();
}
