#include "githublogindelegate.h"

#include "github/githublogindirectory.h"
#include "listtableview.h"

using namespace Qt::StringLiterals;

GitHubLoginDelegate::GitHubLoginDelegate(ListTableView *view, int column, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_view(view)
    , m_column(column)
{
    view->setItemDelegateForColumn(column, this);
}

void GitHubLoginDelegate::setDirectory(GitHubLoginDirectory *directory)
{
    if (m_directory)
        disconnect(m_directory, nullptr, this, nullptr);
    m_directory = directory;
    if (directory) {
        connect(directory, &GitHubLoginDirectory::resolved, this, &GitHubLoginDelegate::repaintId);
        connect(directory, &GitHubLoginDirectory::cleared, this, [this] { m_view->viewport()->update(); });
    }
    m_view->viewport()->update();
}

QString GitHubLoginDelegate::withLogin(const QString &githubId, const std::optional<QString> &login)
{
    return login ? u"%1 · %2"_s.arg(githubId, *login) : githubId;
}

QString GitHubLoginDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    const QString id = value.toString();
    if (!m_directory || id.isEmpty())
        return QStyledItemDelegate::displayText(value, locale);
    return withLogin(id, m_directory->login(id));
}

QString GitHubLoginDelegate::textAt(int row) const
{
    const QAbstractItemModel *model = m_view->model();
    if (!model || row < 0 || row >= model->rowCount())
        return {};
    return displayText(model->index(row, m_column).data(), m_view->locale());
}

void GitHubLoginDelegate::repaintId(qint64 githubId)
{
    const QAbstractItemModel *model = m_view->model();
    if (!model || !m_view->isVisible())
        return;
    const QString id = QString::number(githubId);
    const int last = m_view->lastVisibleRow();
    for (int row = std::max(0, m_view->firstVisibleRow()); row <= last; ++row) {
        const QModelIndex index = model->index(row, m_column);
        if (index.data().toString() == id)
            m_view->update(index);
    }
}
