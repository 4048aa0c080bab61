#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

#include <nlohmann/json_fwd.hpp>

#include "settings.h"

class QNetworkAccessManager;
class SecretStore;

// The checks behind `staff-console health`: each configured service is checked and reported in
// one JSON object, e.g. {"github": {"ok": true, "app": "…", "installations": 3,
// "rate_limit": {"limit": 5000, "remaining": 4999, "reset": "2026-…Z"}}} or
// {"github": {"ok": false, "error": {"kind": "…", "status": 401, "message": "…"}}}.
// With [database] uri: {"database": {"ok": true, "server": "PostgreSQL 15.4", "database": "…",
// "login": "…", "roles": […], "schema": {"version": 8, "known": 8, "state": "up to date"}}}
// (state: "up to date", "behind", "ahead" or "none"), or {"ok": false, "error": {"kind":
// "unreachable", "message": "…"}}; never a password.
// A service that is not configured is reported as {"configured": false} and does not fail.
// The GitHub private key comes from github/private_key_file, else from the keychain (`secrets`,
// may be null). The database password is the keychain entry the connection dialog remembers for
// that profile, else none (libpq's PGPASSWORD / ~/.pgpass apply); the connection runs on a pool
// thread within the profile's connect timeout. Lives in one thread; `done` runs once, later.
class HealthCheck : public QObject
{
    Q_OBJECT

public:
    HealthCheck(Settings settings, QNetworkAccessManager *network, SecretStore *secrets,
                QObject *parent = nullptr);

    void run(std::function<void(const QByteArray &json, bool healthy)> done);

private:
    using Report = std::function<void(const nlohmann::ordered_json &service, bool healthy)>;
    void checkGitHub(const Report &report);
    void checkDatabase(const Report &report);

    Settings m_settings;
    QNetworkAccessManager *m_network;
    SecretStore *m_secrets;
};
