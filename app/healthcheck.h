#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

#include "settings.h"

class QNetworkAccessManager;
class SecretStore;

// The checks behind `staff-console health`: each configured service is checked and reported in
// one JSON object, e.g. {"github": {"ok": true, "app": "…", "installations": 3,
// "rate_limit": {"limit": 5000, "remaining": 4999, "reset": "2026-…Z"}}} or
// {"github": {"ok": false, "error": {"kind": "…", "status": 401, "message": "…"}}}.
// A service that is not configured is reported as {"configured": false} and does not fail.
// The GitHub private key comes from github/private_key_file, else from the keychain (`secrets`,
// may be null). Lives in one thread; `done` runs once, later.
class HealthCheck : public QObject
{
    Q_OBJECT

public:
    HealthCheck(Settings settings, QNetworkAccessManager *network, SecretStore *secrets,
                QObject *parent = nullptr);

    void run(std::function<void(const QByteArray &json, bool healthy)> done);

private:
    Settings m_settings;
    QNetworkAccessManager *m_network;
    SecretStore *m_secrets;
};
