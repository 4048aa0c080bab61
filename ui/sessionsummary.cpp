#include "sessionsummary.h"

#include <QStringList>

#include "session.h"

using namespace Qt::StringLiterals;

QString SessionSummary::server() const
{
    const ConnectionProfile &p = m_session.profile();
    QString text = p.host + u':' + QString::number(p.port);
    if (!m_session.serverVersion().isEmpty())
        text += u" (PostgreSQL "_s + m_session.serverVersion() + u')';
    return text;
}

QString SessionSummary::roles() const
{
    QStringList names;
    for (const QString &role : m_session.roles())
        names << (role.startsWith(u"staff_"_s) ? role.mid(6) : role);
    if (m_session.isSuperuser())
        names.prepend(u"superuser"_s);
    return names.isEmpty() ? u"no staff role"_s : names.join(u", "_s);
}

QString SessionSummary::schema() const
{
    const auto &schema = m_session.schema();
    if (!schema)
        return u"unknown (read-only)"_s;
    QString state;
    switch (schema->state) {
    case SchemaStatus::State::Empty:
        state = u"missing"_s;
        break;
    case SchemaStatus::State::Behind:
        state = u"behind"_s;
        break;
    case SchemaStatus::State::UpToDate:
        state = u"up to date"_s;
        break;
    case SchemaStatus::State::Ahead:
        state = u"ahead: read-only"_s;
        break;
    }
    return u"version %1 of %2 (%3)"_s.arg(schema->current).arg(schema->latest).arg(state);
}

QString SessionSummary::transport() const
{
    const ConnectionProfile &p = m_session.profile();
    if (p.host.startsWith(u'/'))
        return u"local socket"_s;
    QString text = u"SSL mode "_s + p.sslMode;
    if (!p.sslRootCert.isEmpty())
        text += u", CA "_s + p.sslRootCert;
    return text;
}
