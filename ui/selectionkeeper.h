#pragma once

#include <QObject>
#include <QPointer>

class PagedListModel;
class QAbstractItemView;

// Keeps a list's current row across a reset of its PagedListModel (a filter, sort or reload): the
// current row's id is remembered as the reset starts and, once the new list's first page is back,
// the row with that id becomes current again and is scrolled to, if it is on that page. Ends with
// restored(row) or lost() (not on the page, the load failed, or the user picked a row meanwhile).
class SelectionKeeper : public QObject
{
    Q_OBJECT

public:
    SelectionKeeper(QAbstractItemView *view, PagedListModel *model, QObject *parent = nullptr);

    qint64 pendingId() const { return m_pending; }   // -1 unless a row waits for the first page

signals:
    void restored(int row);
    void lost();

private:
    void remember();
    void onPageLoaded(int page);
    void drop();

    QPointer<QAbstractItemView> m_view;
    QPointer<PagedListModel> m_model;
    qint64 m_pending = -1;
};
