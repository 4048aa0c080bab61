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
#include "whenfinished.h"

using namespace Qt::StringLiterals;

// The Drafts workspace's claims: who holds each listed draft (read every kClaimRefreshMs), the
// editor's claim on its draft, and what happens when that claim is lost.

QString DraftsWorkspace::claimHolder(qint64 draftId) const
{
    const auto it = m_holders.constFind(draftId);
    if (it == m_holders.cend())
        return {};
    return it->mine ? QString() : it->login;
}

// "being reviewed by LOGIN" for another login's claim; empty for none or this console's own.
QString DraftsWorkspace::claimNote(qint64 draftId) const
{
    const QString login = claimHolder(draftId);
    return login.isEmpty() ? QString() : u"being reviewed by %1"_s.arg(login);
}

QString DraftsWorkspace::listNote(qint64 draftId) const
{
    QStringList notes;
    if (m_editor->draftId() == draftId && m_editor->isModified())
        notes << u"unsaved edits"_s;
    if (const QString claim = claimNote(draftId); !claim.isEmpty())
        notes << claim;
    return notes.join(u" · "_s);
}

void DraftsWorkspace::repaintList()
{
    view()->viewport()->update();
}

// Reads who holds the drafts on screen (and the one shown), for the list and the detail.
void DraftsWorkspace::refreshClaims()
{
    if (!m_claims || !model() || !isVisible())
        return;
    QList<qint64> ids;
    const int first = std::max(0, view()->firstVisibleRow());
    const int last = view()->lastVisibleRow();
    for (int row = first; row >= 0 && row <= last; ++row) {
        if (const qint64 id = model()->idAt(row); id >= 0)
            ids << id;
    }
    for (qint64 id : {m_shown ? m_shown->id : qint64(-1), m_editor->draftId()}) {
        if (id >= 0 && !ids.contains(id))
            ids << id;
    }
    if (ids.isEmpty())
        return;
    whenFinished(this, m_claims->holders(ids), [this](const std::expected<QHash<qint64, DraftClaimHolder>, DbError> &holders) {
        if (!holders)
            return;   // the next refresh tries again; a lost claims connection is reported by claimLost()
        m_holders = *holders;
        if (m_shown)
            m_detail->setClaimNote(claimNote(m_shown->id));
        // The editor's draft: another login may have claimed it since it was opened read-only, or let go.
        if (m_editor->hasDraft() && !m_editorClaimed) {
            const QString holder = claimHolder(m_editor->draftId());
            if (holder.isEmpty() && m_editor->isReadOnly() && m_editor->draft()->status == u"draft"_s
                && m_policy.allows(RolePolicy::Capability::EditDrafts))
                claim(m_editor->draftId(), false);   // they let go: claim it now
            else if (!holder.isEmpty())
                m_editor->setClaimedBy(holder, m_policy.allows(RolePolicy::Capability::TakeOverDraftClaims));
        }
        repaintList();
        updateActions();
        emit claimsRead();
    });
}

void DraftsWorkspace::claim(qint64 id, bool takeOver)
{
    if (!m_claims)
        return;
    const quint64 generation = m_openGeneration;
    auto future = takeOver ? m_claims->takeOver(id) : m_claims->claim(id);
    whenFinished(this, future, [this, id, takeOver, generation](const std::expected<DraftClaimAttempt, DbError> &attempt) {
        if (generation != m_openGeneration || m_editor->draftId() != id)
            return;
        const bool mayTakeOver = m_policy.allows(RolePolicy::Capability::TakeOverDraftClaims);
        if (!attempt) {
            m_editorClaimed = false;
            m_editor->setClaimError(u"Read-only: the draft could not be claimed (%1)."_s.arg(attempt.error().message));
            if (takeOver)
                showNotification(u"Not taken over: "_s + attempt.error().message, false);
        } else if (attempt->claimed) {
            m_editorClaimed = true;
            m_editor->setClaimError({});
            m_editor->setClaimedBy({}, false);
            m_holders.insert(id, DraftClaimHolder{id, {}, {}, true});
            if (!attempt->tookOverFrom.isEmpty())
                showNotification(u"You took draft #%1 over from %2."_s.arg(id).arg(attempt->tookOverFrom), false);
        } else if (attempt->holder) {
            m_editorClaimed = false;
            m_editor->setClaimError({});
            m_holders.insert(id, *attempt->holder);
            m_editor->setClaimedBy(attempt->holder->login, mayTakeOver);
        } else {
            claim(id, false);   // the holder let go in between: try again
            return;
        }
        if (m_shown && m_shown->id == id)
            m_detail->setClaimNote(claimNote(id));
        repaintList();
        updateActions();
        emit draftOpened(id);
    });
}

// The claims connection ended (network, server, an admin's take-over): the editor keeps its text
// but may not save until the draft is claimed again; whoever holds it now is shown.
void DraftsWorkspace::onClaimLost(const DbError &error)
{
    if (!m_claims)
        return;
    m_claims->reconnect();
    m_editorClaimed = false;
    // Not claimed again at once: after an admin's take-over that would race the admin. The next
    // read of the claims (kClaimRefreshMs) claims it again if nobody holds it, else names the holder.
    if (m_editor->hasDraft())
        m_editor->setClaimError(u"Read-only until claimed again: the claim ended (%1). Your edit is kept."_s.arg(error.message));
    updateActions();
}
