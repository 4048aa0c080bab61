#pragma once

#include <QFuture>
#include <QTabWidget>

#include <expected>

#include "connectionfactory.h"
#include "dberror.h"
#include "recordpane.h"
#include "rolepolicy.h"
#include "whenfinished.h"

class AuditReader;
class HistoryView;

// The side pane of a list workspace: the selected row's RecordPane and its History tab.
// select() then load() for each selection; a result for a row no longer selected is dropped.
// UI thread only.
class DetailTabs : public QTabWidget
{
    Q_OBJECT

public:
    struct Texts
    {
        QString record;    // tab title
        QString idle;      // nothing selected
        QString gone;      // the row was deleted
    };
    DetailTabs(RecordPane *pane, QString auditTable, Texts texts, QWidget *parent = nullptr);

    void setConnectionFactory(ConnectionFactory factory);   // also forgets the selection
    // Connected with the session's audit reader for the History tab (not owned; null: no
    // history), or not connected. Also forgets the selection.
    void setConnected(bool connected, AuditReader *audit);
    // The row with this id (negative: none) is now selected. True when it must be loaded.
    bool select(qint64 id);
    template <typename T, typename Show>
    void load(QFuture<std::expected<T, DbError>> future, Show show)
    {
        whenFinished(this, std::move(future), [this, id = m_wanted, generation = m_generation,
                                               show = std::move(show)](const std::expected<T, DbError> &result) {
            if (generation != m_generation)
                return;
            if (!result)
                return showError(result.error());
            show(*result);
            emit recordShown(id);
        });
    }

    // The History tab needs ReadAudit: disabled otherwise, its tooltip naming the roles.
    void setRolePolicy(const RolePolicy &policy);

    qint64 selectedId() const { return m_wanted; }
    HistoryView *history() const { return m_history; }

signals:
    void recordShown(qint64 id);

private:
    void showError(const DbError &error);

    RecordPane *m_pane = nullptr;
    HistoryView *m_history = nullptr;
    QString m_auditTable;
    Texts m_texts;
    bool m_connected = false;
    qint64 m_wanted = -1;
    quint64 m_generation = 0;   // bumped by every selection and connection change
};
