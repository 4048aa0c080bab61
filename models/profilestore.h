#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

#include <expected>
#include <memory>
#include <optional>

#include "connectionprofile.h"

// Saved connection profiles in QSettings, group "profiles/<name>". Never stores a password.
// Not thread-safe: use from one thread (the UI thread).
class ProfileStore
{
public:
    ProfileStore();                                  // the application's default QSettings
    explicit ProfileStore(const QString &iniFile);   // an explicit INI file (tests, --config)

    QStringList names() const;
    std::optional<ConnectionProfile> load(const QString &name) const;
    std::expected<void, QString> save(const ConnectionProfile &profile, bool rememberPassword);
    void remove(const QString &name);

    bool remembersPassword(const QString &name) const;
    QString lastUsed() const;
    void setLastUsed(const QString &name);

    static QString validateName(const QString &name); // empty when usable
    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};
