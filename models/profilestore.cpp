#include "profilestore.h"

using namespace Qt::StringLiterals;

namespace {

QString groupOf(const QString &name)
{
    return u"profiles/"_s + name;
}

} // namespace

ProfileStore::ProfileStore()
    : m_settings(std::make_unique<QSettings>())
{
}

ProfileStore::ProfileStore(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

QStringList ProfileStore::names() const
{
    m_settings->beginGroup(u"profiles"_s);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<ConnectionProfile> ProfileStore::load(const QString &name) const
{
    if (name.isEmpty() || !names().contains(name))
        return std::nullopt;
    const ConnectionProfile defaults;
    ConnectionProfile p;
    m_settings->beginGroup(groupOf(name));
    p.name = name;
    p.host = m_settings->value(u"host"_s).toString();
    p.port = m_settings->value(u"port"_s, defaults.port).toInt();
    p.database = m_settings->value(u"database"_s).toString();
    p.user = m_settings->value(u"user"_s).toString();
    p.sslMode = m_settings->value(u"sslmode"_s, defaults.sslMode).toString();
    p.sslRootCert = m_settings->value(u"sslrootcert"_s).toString();
    p.connectTimeoutSeconds = m_settings->value(u"connectTimeout"_s, defaults.connectTimeoutSeconds).toInt();
    m_settings->endGroup();
    return p;
}

std::expected<void, QString> ProfileStore::save(const ConnectionProfile &profile, bool rememberPassword)
{
    if (const QString problem = validateName(profile.name); !problem.isEmpty())
        return std::unexpected(problem);
    m_settings->remove(groupOf(profile.name));
    m_settings->beginGroup(groupOf(profile.name));
    m_settings->setValue(u"host"_s, profile.host);
    m_settings->setValue(u"port"_s, profile.port);
    m_settings->setValue(u"database"_s, profile.database);
    m_settings->setValue(u"user"_s, profile.user);
    m_settings->setValue(u"sslmode"_s, profile.sslMode);
    m_settings->setValue(u"sslrootcert"_s, profile.sslRootCert);
    m_settings->setValue(u"connectTimeout"_s, profile.connectTimeoutSeconds);
    m_settings->setValue(u"rememberPassword"_s, rememberPassword);
    m_settings->endGroup();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError)
        return std::unexpected(u"The profile could not be written to %1."_s.arg(m_settings->fileName()));
    return {};
}

void ProfileStore::remove(const QString &name)
{
    if (name.isEmpty())
        return;
    m_settings->remove(groupOf(name));
    if (lastUsed() == name)
        m_settings->remove(u"lastProfile"_s);
    m_settings->sync();
}

bool ProfileStore::remembersPassword(const QString &name) const
{
    return m_settings->value(groupOf(name) + u"/rememberPassword"_s, false).toBool();
}

QString ProfileStore::lastUsed() const
{
    return m_settings->value(u"lastProfile"_s).toString();
}

void ProfileStore::setLastUsed(const QString &name)
{
    m_settings->setValue(u"lastProfile"_s, name);
    m_settings->sync();
}

QString ProfileStore::validateName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return u"Enter a name for the profile."_s;
    if (name != name.trimmed())
        return u"The profile name cannot start or end with a space."_s;
    if (name.contains(u'/') || name.contains(u'\\'))
        return u"The profile name cannot contain / or \\."_s;
    if (name.size() > 100)
        return u"The profile name is too long (at most 100 characters)."_s;
    return {};
}

void ProfileStore::sync()
{
    m_settings->sync();
}
