#include "detailtabs.h"

#include "historyview.h"
#include "rolegate.h"

using namespace Qt::StringLiterals;

DetailTabs::DetailTabs(RecordPane *pane, QString auditTable, Texts texts, QWidget *parent)
    : QTabWidget(parent)
    , m_pane(pane)
    , m_history(new HistoryView)
    , m_auditTable(std::move(auditTable))
    , m_texts(std::move(texts))
{
    setAccessibleName(m_texts.record + u" details"_s);
    addTab(m_pane, m_texts.record);
    addTab(m_history, u"History"_s);
    m_pane->showMessage(u"Not connected."_s);
}

void DetailTabs::setRolePolicy(const RolePolicy &policy)
{
    RoleGate::applyTab(this, indexOf(m_history), policy, RolePolicy::Capability::ReadAudit);
}

void DetailTabs::setConnected(bool connected, AuditReader *audit)
{
    m_connected = connected;
    m_wanted = -1;
    ++m_generation;
    m_history->setAuditReader(connected ? audit : nullptr);
    m_pane->showMessage(m_connected ? m_texts.idle : u"Not connected."_s);
}

void DetailTabs::setConnectionFactory(ConnectionFactory factory)
{
    m_connected = bool(factory);
    m_wanted = -1;
    ++m_generation;
    m_history->setConnectionFactory(std::move(factory));
    m_pane->showMessage(m_connected ? m_texts.idle : u"Not connected."_s);
}

bool DetailTabs::select(qint64 id)
{
    if (id == m_wanted)
        return false;
    m_wanted = id;
    ++m_generation;
    if (id < 0 || !m_connected) {
        m_pane->showMessage(m_connected ? m_texts.idle : u"Not connected."_s);
        m_history->clear();
        return false;
    }
    m_history->showRow(m_auditTable, QString::number(id));
    m_pane->showMessage(u"Loading…"_s);
    m_pane->setToolTip({});
    return true;
}

void DetailTabs::showError(const DbError &error)
{
    m_pane->showMessage(error.kind == DbError::Kind::NotFound ? m_texts.gone : error.message);
    m_pane->setToolTip(error.kind == DbError::Kind::NotFound ? QString() : error.detail);
}
