#include "sessionsummary.h"

#include <QStringList>

#include "session.h"

using namespace Qt::StringLiterals;

QString SessionSummary::address() const
{
    const ConnectionProfile &p = m_session.profile();
    return (p.host.startsWith(u'/') ? u"local socket"_s : p.host) + u':' + QString::number(p.port);
}

QString SessionSummary::server() const
{
    QString text = address();
    // "15.4 (Debian 15.4-0+deb12u1)" → "15.4"
    const QString version = m_session.serverVersion().section(u' ', 0, 0);
    if (!version.isEmpty())
        text += u" · PostgreSQL "_s + version;
    return text;
}

QString SessionSummary::roles() const
{
    QStringList names;
    for (const QString &role : m_session.roles())
        names << (role.startsWith(u"staff_"_s) ? role.mid(6) : role);
    if (m_session.isSuperuser())
        return u"superuser (every role)"_s;
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

QString SessionSummary::schemaShort() const
{
    const auto &status = m_session.schema();
    if (status && status->state == SchemaStatus::State::UpToDate)
        return u"v"_s + QString::number(status->current);
    return status ? u"v"_s + schema().section(u' ', 1) : schema();
}

QString SessionSummary::transport() const
{
    const ConnectionProfile &p = m_session.profile();
    if (p.host.startsWith(u'/'))
        return u"Unix socket in "_s + p.host;
    QString text = u"SSL mode "_s + p.sslMode;
    if (!p.sslRootCert.isEmpty())
        text += u", CA "_s + p.sslRootCert;
    return text;
}
