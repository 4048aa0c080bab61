#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>
#include <expected>
#include <optional>

#include "connectionprofile.h"

class QSettings;
struct HttpClientConfig;

// Settings for this run only, on top of the user's settings and the config file, never saved:
// the demo points GitHub at its sandbox with the sandbox's App ID and a throwaway key (generated
// in memory; it opens nothing real). Empty fields override nothing.
struct RunOverride
{
    QString label;                  // e.g. "sandbox": names the overridden target in the UI
    std::optional<QUrl> githubBaseUrl;
    QString githubAppId;
    QByteArray githubPrivateKeyPem; // throwaway key; never persisted

    bool isEmpty() const { return label.isEmpty() && !githubBaseUrl && githubAppId.isEmpty() && githubPrivateKeyPem.isEmpty(); }
};

// The console's API settings: the user's QSettings, overridden key by key by an INI file given
// with `--config FILE` (managed deployments), then by a RunOverride (demo). Widget-free; real
// secrets are never part of it: the private key and the Stripe key are given as PATHS of files
// (config file only) or live in the keychain. Keys, the same in QSettings and the INI file:
//   [github]   base_url, app_id (App ID or client ID; client_id is accepted too), private_key_file
//   [stripe]   base_url, api_key_file
//   [database] uri
//   [http]     timeout_seconds, retries
//   [workflow] run_url (a workflow run's page, "{id}" stands for the draft's workflow_run_id)
//   [keyboard] single_key_shortcuts (true/false: the Drafts list's j k e d u)
struct Settings
{
    struct GitHub
    {
        QUrl baseUrl = QUrl(QStringLiteral("https://api.github.com"));
        QString appId;           // App ID (digits) or client ID ("Iv1.…")
        QString privateKeyFile;  // config file only: path of a PEM file
        QByteArray privateKeyPem; // RunOverride only (the sandbox's throwaway key)
    };
    struct Stripe
    {
        QUrl baseUrl = QUrl(QStringLiteral("https://api.stripe.com"));
        QString apiKeyFile;      // config file only: path of a file holding the key
    };

    GitHub github;
    Stripe stripe;
    QString databaseUri;
    // databaseUri parsed by ConnectionProfile::fromUri, named managedProfileName(); unset without a URI.
    std::optional<ConnectionProfile> database;
    std::chrono::seconds timeout{30};
    int retries = 3;
    QString workflowRunUrl;      // "https://…/runs/{id}"; empty: runs are not linked
    bool singleKeyShortcuts = true;
    QString configFile;          // the INI file that overrode these, if any
    RunOverride runOverride;     // what this run overrode, if anything
    // Fields set by the config file or the run override: shown read-only, never saved.
    struct Managed
    {
        bool githubBaseUrl = false;
        bool githubAppId = false;
        bool workflowRunUrl = false;
        bool singleKeyShortcuts = false;
    } managed;

    // The user's settings, then `configFile` (when not empty), then `run` on top. Fails on an
    // unreadable or malformed file or an invalid value, naming the key (never echoing a password).
    static std::expected<Settings, QString> load(const QSettings &user, const QString &configFile = {},
                                                 const RunOverride &run = {});
    // Only the INI file (for `health`: no user settings involved).
    static std::expected<Settings, QString> fromFile(const QString &configFile);

    // Writes what the settings dialog edits (GitHub base URL and App ID) to the user's settings,
    // except managed fields: a config file's or a run's values never reach the user's settings.
    void saveGitHub(QSettings &user) const;
    // The same for the review settings ([workflow] run_url, [keyboard] single_key_shortcuts).
    void saveReview(QSettings &user) const;
    // The run URL of a workflow run: {id} in the template replaced by the percent-encoded id.
    static QString runUrl(const QString &urlTemplate, const QString &runId);
    // Whether a run_url template is usable (empty is: no link); the error says what is wrong.
    static std::expected<void, QString> checkRunUrl(const QString &urlTemplate);

    HttpClientConfig httpConfig() const;

    // The name of the profile that `[database] uri` describes (its saved copy in the profile store).
    static QString managedProfileName() { return QStringLiteral("managed"); }

    // "https://HOST/api/v3/" → https://HOST/api/v3; only http(s) with a host; no query or user info.
    static std::expected<QUrl, QString> parseBaseUrl(const QString &text);
};
