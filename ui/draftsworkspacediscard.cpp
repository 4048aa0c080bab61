#include "draftsworkspace.h"

#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

#include "draftdetailpane.h"
#include "drafteditor.h"
#include "listtableview.h"
#include "pagedlistmodel.h"
#include "selectionkeeper.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

// The Drafts workspace's writes besides saving: discard (with an optional reason), undo within
// kUndoSeconds from the notification bar, an admin's restore, and the notification bar itself.

// The draft "d" and Discard act on: the editor's when it is in front, else the selected one.
std::optional<DraftDetail> DraftsWorkspace::actionTarget() const
{
    if (m_tabs->currentWidget() == m_editor && m_editor->hasDraft()) {
        DraftDetail draft = *m_editor->draft();
        draft.version = m_editor->basedOnVersion();
        return draft;
    }
    return m_shown;
}

void DraftsWorkspace::discardSelected()
{
    const std::optional<DraftDetail> target = actionTarget();
    if (!m_store || !target || !m_discard->isEnabled())
        return;
    const DraftDetail draft = *target;
    if (!m_askReason) {
        auto *dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(u"Discard draft #%1"_s.arg(draft.id));
        dialog->setLabelText(m_editor->draftId() == draft.id && m_editor->isModified()
                                 ? u"Reason (optional). Your unsaved edits of this draft are dropped."_s
                                 : u"Reason (optional; kept in the draft's metadata):"_s);
        dialog->setOkButtonText(u"Discard"_s);
        dialog->setAccessibleName(u"Discard reason"_s);
        connect(dialog, &QInputDialog::textValueSelected, this, [this, draft](const QString &reason) {
            discardNow(draft.id, draft.version, reason.trimmed());
        });
        dialog->open();
        return;
    }
    if (const std::optional<QString> reason = m_askReason())
        discardNow(draft.id, draft.version, reason->trimmed());
}

QString DraftsWorkspace::describeWriteError(qint64 id, const DraftWriteError &error)
{
    if (error.error.kind == DbError::Kind::Conflict && error.theirs) {
        const QString who = error.theirs->changedBy.isEmpty() ? u"someone"_s : error.theirs->changedBy;
        return u"Draft #%1 changed since it was loaded (by %2; now %3): nothing was written. Look at it again."_s
            .arg(id)
            .arg(who, error.theirs->current.status);
    }
    if (error.error.kind == DbError::Kind::ConnectionLost)
        return u"The connection was lost: it is not known whether draft #%1 was written. Reload it."_s.arg(id);
    return error.error.message;
}

void DraftsWorkspace::discardNow(qint64 id, const QString &version, const QString &reason)
{
    whenFinished(this, m_store->discard(id, version, reason), [this, id](const std::expected<QString, DraftWriteError> &result) {
        if (!result) {
            const QString message = u"Not discarded. "_s + describeWriteError(id, result.error());
            showNotification(message, false);
            emit writeFailed(message);
            return;
        }
        m_lastDiscard = Discarded{id, *result};
        // Triage goes on: once the list is back without it, the row where it was is current.
        if (m_keeper && selectedDraftId() == id) {
            const int row = view()->currentIndex().row();
            auto next = std::make_shared<QMetaObject::Connection>();
            auto kept = std::make_shared<QMetaObject::Connection>();
            *next = connect(m_keeper, &SelectionKeeper::lost, this, [this, row, next, kept] {
                disconnect(*next);
                disconnect(*kept);
                if (model() && model()->rowCount() > 0 && !view()->currentIndex().isValid())
                    view()->selectRow(std::min(row, model()->rowCount() - 1));
            });
            *kept = connect(m_keeper, &SelectionKeeper::restored, this, [next, kept](int) {
                disconnect(*next);
                disconnect(*kept);
            });
        }
        if (m_editor->draftId() == id) {
            m_editor->closeDraft();
            m_editorTarget = -1;
            if (m_claims)
                whenFinished(this, m_claims->release(), [](const std::expected<void, DbError> &) {});
        }
        showNotification(u"Draft #%1 discarded."_s.arg(id), true);
        m_undoWindow->start();
        afterWrite(id);
        emit discarded(id);
    });
}

void DraftsWorkspace::undoDiscard()
{
    if (!m_store || !m_lastDiscard || !m_undoWindow->isActive())
        return;
    const Discarded discard = *m_lastDiscard;
    m_lastDiscard.reset();
    m_undoWindow->stop();
    updateActions();
    whenFinished(this, m_store->undoDiscard(discard.id, discard.version),
                 [this, id = discard.id](const std::expected<QString, DraftWriteError> &result) {
        if (!result) {
            const QString message = u"The discard was not undone. "_s + describeWriteError(id, result.error());
            showNotification(message, false);
            emit writeFailed(message);
            return;
        }
        showNotification(u"Draft #%1 is back in the queue."_s.arg(id), false);
        afterWrite(id);
        emit discardUndone(id);
    });
}

void DraftsWorkspace::restoreSelected()
{
    if (!m_store || !m_shown || !m_restore->isEnabled())
        return;
    const DraftDetail draft = *m_shown;
    whenFinished(this, m_store->restore(draft.id, draft.version), [this, id = draft.id](const std::expected<QString, DraftWriteError> &result) {
        if (!result) {
            const QString message = u"Not restored. "_s + describeWriteError(id, result.error());
            showNotification(message, false);
            emit writeFailed(message);
            return;
        }
        showNotification(u"Draft #%1 restored to 'draft'."_s.arg(id), false);
        afterWrite(id);
        emit restored(id);
    });
}

// After a write: the list and the shown draft are read again (the version changed).
void DraftsWorkspace::afterWrite(qint64 id)
{
    if (model())
        model()->refresh();
    if (m_shown && m_shown->id == id) {
        m_wanted = -1;
        load(id);
    }
    updateActions();
}

void DraftsWorkspace::showNotification(const QString &text, bool undo)
{
    m_notificationText->setText(text);
    m_notificationUndo->setVisible(undo);
    m_notificationUndo->setToolTip(undo ? u"Undo the discard (%1 seconds; u)"_s.arg(kUndoSeconds) : QString());
    m_notification->show();
    if (!undo)
        m_undoWindow->stop();
    // A plain message goes away by itself too.
    if (!undo) {
        const QString shown = text;
        QTimer::singleShot(kUndoSeconds * 1000, this, [this, shown] {
            if (m_notificationText->text() == shown && !m_undoWindow->isActive())
                hideNotification();
        });
    }
}

void DraftsWorkspace::hideNotification()
{
    m_notification->hide();
    m_notificationText->clear();
}

QString DraftsWorkspace::notificationText() const
{
    return m_notification->isHidden() ? QString() : m_notificationText->text();
}
