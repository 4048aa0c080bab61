#pragma once

#include <QStyledItemDelegate>

#include <functional>

class ListTableView;

// The Drafts list's Status column with what the database alone does not say: "being reviewed by
// LOGIN" (another login's claim) and "unsaved edits" (the draft open in this console's editor).
// `note(id)` gives that text for a draft id; empty: the status alone. Installs itself on the view.
class DraftStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using NoteFor = std::function<QString(qint64 draftId)>;

    DraftStatusDelegate(ListTableView *view, int column, NoteFor note, QObject *parent = nullptr);

    QString textAt(int row) const;   // what the cell shows (tests)
    void repaint();                  // the notes changed

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QString noteAt(const QModelIndex &index) const;

    ListTableView *m_view;
    int m_column;
    NoteFor m_note;
};
